/**
 * GitHub, through Octokit: the client, and the pull request's sticky preview comment created or
 * updated in place. The comment's body is rendered by the pure `src/core/render/sticky-comment.ts`;
 * this module only talks to the API and explains its refusals.
 */
import { Octokit, RequestError } from 'octokit';
import { UserError } from '../core/errors.ts';
import {
  findStickyComments,
  GITHUB_COMMENT_MAX_CHARS,
  stickyCommentBody,
  type StickyBodyOptions,
} from '../core/render/sticky-comment.ts';

export interface GitHubClientOptions {
  token: string;
  baseUrl?: string;
  /** Retries of failed requests (server errors, rate limits). 0 turns retrying and throttling off, for tests. */
  retries?: number;
}

/** The Octokit client: production keeps Octokit's retries and rate-limit handling; tests pass `retries: 0`. */
export function createGitHubClient({
  token,
  baseUrl = 'https://api.github.com',
  retries = 3,
}: GitHubClientOptions): Octokit {
  return new Octokit({
    auth: token,
    baseUrl,
    userAgent: 'subprocessor-register/pr-comment',
    ...(retries > 0 ? { retry: { retries } } : { retry: { enabled: false }, throttle: { enabled: false } }),
  });
}

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
  truncated: boolean;
  /** Extra copies of the sticky comment (left by two runs racing) that were deleted. */
  duplicatesRemoved: number;
}

/** Creates or updates the pull request's sticky preview comment. */
export async function upsertStickyComment(
  octokit: Octokit,
  pr: PullRequestRef,
  markdown: string,
  options: StickyBodyOptions = {},
): Promise<StickyCommentResult> {
  const { owner, repo, number } = pr;
  const where = `${owner}/${repo}#${number}`;
  const { body, truncated } = stickyCommentBody(markdown, options);

  const comments = await call(`list the comments of ${where}`, () =>
    octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 }),
  );
  const [existing, ...duplicates] = findStickyComments(comments);

  if (existing === undefined) {
    const { data } = await call(`create the preview comment on ${where}`, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }),
    );
    return { action: 'created', id: data.id, url: data.html_url, truncated, duplicatesRemoved: 0 };
  }
  const { data } = await call(`update the preview comment on ${where}`, () =>
    octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body }),
  );
  for (const duplicate of duplicates) {
    await call(`delete a duplicate preview comment on ${where}`, () =>
      octokit.rest.issues.deleteComment({ owner, repo, comment_id: duplicate.id }),
    );
  }
  return { action: 'updated', id: data.id, url: data.html_url, truncated, duplicatesRemoved: duplicates.length };
}

async function call<T>(action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    // An API call that failed: one line saying what happened, why, and what to do.
    if (error instanceof RequestError) throw new UserError(explain(action, error), { cause: error });
    throw error;
  }
}

/** What happened (status and GitHub's message), why it usually happens, and what to do. */
function explain(action: string, error: RequestError): string {
  const data = error.response?.data as
    | { message?: unknown; errors?: { message?: string; code?: string }[] }
    | undefined;
  if (error.response === undefined) {
    return `Could not ${action}: GitHub's API at ${new URL(error.request.url).origin} could not be reached (${error.message}). Check GITHUB_API_URL and the runner's network, then re-run the job.`;
  }
  const details = (data?.errors ?? []).map((item) => item.message ?? item.code).filter(Boolean);
  const message = typeof data?.message === 'string' ? data.message : error.message.replace(/ - https:\/\/\S+$/, '');
  const happened = `Could not ${action}: GitHub answered ${error.status} "${message}${details.length > 0 ? `: ${details.join('; ')}` : ''}".`;
  const headers = error.response.headers;
  if (error.status === 401)
    return `${happened} The token is missing, expired or invalid. Pass the job's token to this step as GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}.`;
  if (
    (error.status === 403 || error.status === 429) &&
    (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))
  ) {
    return `${happened} The token has used up its API rate limit. Re-run the job later${headers['x-ratelimit-reset'] ? ` (the limit resets at ${new Date(Number(headers['x-ratelimit-reset']) * 1000).toISOString()})` : ''}.`;
  }
  if (error.status === 403) {
    return `${happened} The token may not write pull-request comments: the job needs "permissions: pull-requests: write", and a pull request from a fork only ever gets a read-only token. Grant that permission to the job that runs this step, and skip the step for forks (the preview is in the job summary).`;
  }
  if (error.status === 404)
    return `${happened} The repository or pull request does not exist, or the token cannot see it. Check GITHUB_REPOSITORY and PR_NUMBER.`;
  if (error.status === 422)
    return `${happened} GitHub refused the comment's content. The body is at most ${GITHUB_COMMENT_MAX_CHARS.toLocaleString('en-US')} characters, so report this with the job's log.`;
  if (error.status >= 500)
    return `${happened} GitHub had a server error. Re-run the job; if it keeps failing, see https://www.githubstatus.com.`;
  return `${happened} Re-run the job; if it keeps failing, report it with the job's log.`;
}
