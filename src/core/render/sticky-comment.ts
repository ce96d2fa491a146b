/**
 * The pull-request preview is one "sticky" comment, updated in place on every push: found again by
 * a hidden marker among the comments the workflow's bot wrote. Pure functions — the command in
 * `scripts/pr-comment.ts` does the API calls.
 */

/** The hidden line that identifies the preview comment. Never change it: old comments would be orphaned. */
export const STICKY_MARKER = '<!-- subprocessor-register:preview -->';

/** GitHub refuses comment bodies longer than this (422 "body is too long"). */
export const GITHUB_COMMENT_MAX_CHARS = 65_536;

/** The fields of an issue comment this module reads (Octokit's type fits). */
export interface CommentLike {
  id: number;
  body?: string | null;
  user?: { type?: string | null } | null;
}

/** A comment is ours when a bot wrote it and it carries the marker: a person quoting the marker does not count. */
export const isStickyComment = (comment: CommentLike): boolean =>
  comment.user?.type === 'Bot' && (comment.body ?? '').includes(STICKY_MARKER);

/** Our comments, oldest first: the first one is updated, any others are duplicates (a race between two runs). */
export const findStickyComments = <T extends CommentLike>(comments: readonly T[]): T[] =>
  comments.filter(isStickyComment);

export interface StickyBodyOptions {
  /** Default: GitHub's limit. */
  maxChars?: number;
  /** Where the full preview is (the workflow run's page, whose job summary holds it), when known. */
  summaryUrl?: string;
}

export interface StickyBody {
  body: string;
  /** True when the preview was cut to fit. */
  truncated: boolean;
}

/**
 * The comment body: the marker, then the preview. A preview too long for a comment is cut at the end of
 * a line, any open code fence or `<details>` is closed so the rest renders, and a note tells the reader
 * that the full preview is in the job summary.
 */
export function stickyCommentBody(markdown: string, options: StickyBodyOptions = {}): StickyBody {
  const maxChars = options.maxChars ?? GITHUB_COMMENT_MAX_CHARS;
  const head = `${STICKY_MARKER}\n`;
  const whole = `${head}${markdown.trimEnd()}\n`;
  if (whole.length <= maxChars) return { body: whole, truncated: false };

  const where = options.summaryUrl
    ? `the [job summary of this workflow run](${options.summaryUrl})`
    : "this workflow run's job summary";
  const note =
    `\n---\n\n> [!NOTE]\n> **This preview is cut short:** it is longer than the ${GITHUB_COMMENT_MAX_CHARS.toLocaleString('en-US')} characters ` +
    `a GitHub comment can hold. The full preview is in ${where}.\n`;
  const budget = maxChars - head.length - note.length;
  if (budget <= 0) throw new RangeError(`maxChars (${maxChars}) leaves no room for the preview.`);

  let kept = cutAtLineBoundary(markdown, budget);
  let closers = closeOpenBlocks(kept);
  while (kept.length + closers.length > budget) {
    // Each pass keeps strictly less (a cut to a smaller limit), so this ends.
    kept = cutAtLineBoundary(kept, Math.min(budget - closers.length, kept.length - 1));
    closers = closeOpenBlocks(kept);
  }
  return { body: `${head}${kept}${closers}${note}`, truncated: true };
}

/**
 * The longest start of `text` that ends with a whole line and is at most `limit` characters. When the
 * first line alone is too long, the cut falls inside it, never between the halves of a surrogate pair.
 */
function cutAtLineBoundary(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit <= 0) return '';
  const lineEnd = text.lastIndexOf('\n', limit - 1);
  if (lineEnd >= 0) return text.slice(0, lineEnd + 1);
  let end = Math.max(limit - 1, 0); // room for the line break added below
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return end > 0 ? `${text.slice(0, end)}\n` : '';
}

/** Closing lines for a code fence or `<details>` blocks the cut left open. */
function closeOpenBlocks(text: string): string {
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  let closers = body === text ? '' : '\n';
  let fence: string | undefined;
  let details = 0;
  for (const line of text.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    details += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length;
  }
  if (fence !== undefined) closers += `${fence}\n`;
  if (details > 0) closers += '\n</details>\n'.repeat(details);
  return closers;
}
