/** The pure half of the sticky preview comment: which comment is ours, and a body that fits GitHub. */
import { describe, expect, it } from 'vitest';
import {
  findStickyComments,
  GITHUB_COMMENT_MAX_CHARS,
  isStickyComment,
  STICKY_MARKER,
  stickyCommentBody,
} from '../../src/core/render/sticky-comment.ts';

const bot = { type: 'Bot' };
const person = { type: 'User' };

describe('finding the sticky comment', () => {
  it('keeps the marker fixed: changing it would orphan every existing comment', () => {
    expect(STICKY_MARKER).toBe('<!-- subprocessor-register:preview -->');
  });

  it("counts only a bot's comment that carries the marker", () => {
    expect(isStickyComment({ id: 1, user: bot, body: `${STICKY_MARKER}\n# Preview` })).toBe(true);
    expect(isStickyComment({ id: 2, user: person, body: `Quoting: ${STICKY_MARKER}` })).toBe(false);
    expect(isStickyComment({ id: 3, user: bot, body: 'Some other bot comment' })).toBe(false);
    expect(isStickyComment({ id: 4, user: bot, body: null })).toBe(false);
    expect(isStickyComment({ id: 5, user: null, body: STICKY_MARKER })).toBe(false);
  });

  it('returns the oldest of ours, and all of ours for removing duplicates', () => {
    const comments = [
      { id: 1, user: person, body: STICKY_MARKER },
      { id: 2, user: bot, body: 'CI passed' },
      { id: 3, user: bot, body: `${STICKY_MARKER}\nfirst` },
      { id: 4, user: bot, body: `${STICKY_MARKER}\nsecond` },
    ];
    expect(findStickyComments(comments).map((comment) => comment.id)).toEqual([3, 4]);
    expect(findStickyComments(comments.slice(0, 2))).toEqual([]);
  });
});

describe('the comment body', () => {
  it('starts with the marker and keeps a preview that fits', () => {
    expect(stickyCommentBody('## Changes\n\nNone.\n\n')).toEqual({
      body: `${STICKY_MARKER}\n## Changes\n\nNone.\n`,
      truncated: false,
    });
  });

  it("cuts a long preview at a line boundary below GitHub's limit and says where the rest is", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `- change ${i}: ${'x'.repeat(20)}`);
    const markdown = lines.join('\n');
    const { body, truncated } = stickyCommentBody(markdown, { summaryUrl: 'https://github.com/o/r/actions/runs/1' });

    expect(truncated).toBe(true);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_CHARS);
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_MAX_CHARS - 1000);
    expect(body.startsWith(`${STICKY_MARKER}\n`)).toBe(true);
    const [kept, note] = body.slice(STICKY_MARKER.length + 1).split('\n---\n');
    expect(markdown.startsWith(kept!)).toBe(true);
    expect(kept!.endsWith(`${'x'.repeat(20)}\n`)).toBe(true);
    expect(note).toContain(
      'The full preview is in the [job summary of this workflow run](https://github.com/o/r/actions/runs/1).',
    );
  });

  it('names the job summary even without a link', () => {
    expect(stickyCommentBody('line\n'.repeat(20_000)).body).toContain(
      "The full preview is in this workflow run's job summary.",
    );
  });

  it('closes a code fence and <details> the cut left open, so the note renders', () => {
    const markdown = `<details><summary>Fields</summary>\n\n\`\`\`diff\n${'+ added line\n'.repeat(10_000)}\`\`\`\n</details>\n`;
    const { body } = stickyCommentBody(markdown, { maxChars: 2000 });
    expect(body.length).toBeLessThanOrEqual(2000);
    expect(body).toMatch(/\+ added line\n```\n\n<\/details>\n\n---\n/);
  });

  it('cuts a single overlong line without splitting a character', () => {
    const { body } = stickyCommentBody('😀'.repeat(40_000), { maxChars: 1001 });
    expect(body.length).toBeLessThanOrEqual(1001);
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('always fits, whatever the limit and the mix of lines, fences and long lines', () => {
    const markdown = [
      '<details>',
      '```',
      'a'.repeat(700),
      'short',
      '```',
      '',
      'b'.repeat(300),
      '~~~~',
      'c\n'.repeat(50),
      '~~~~',
      '</details>',
    ]
      .join('\n')
      .repeat(5);
    for (let maxChars = 380; maxChars <= 3000; maxChars += 7) {
      const { body, truncated } = stickyCommentBody(markdown, { maxChars });
      expect(truncated).toBe(true);
      expect(body.length).toBeLessThanOrEqual(maxChars);
      expect(body.startsWith(STICKY_MARKER)).toBe(true);
    }
  });

  it('keeps a preview of exactly the limit whole', () => {
    const markdown = 'y'.repeat(GITHUB_COMMENT_MAX_CHARS - STICKY_MARKER.length - 2);
    expect(stickyCommentBody(markdown)).toEqual({ body: `${STICKY_MARKER}\n${markdown}\n`, truncated: false });
  });
});
