/**
 * `node scripts/pr-comment.ts --body-file FILE` (`--body-file -` reads standard input)
 *
 * Posts the pull request's preview as ONE sticky comment: the comment an earlier run posted (a bot's
 * comment carrying the hidden marker, looked up through every page of comments) is updated in place;
 * otherwise a new one is created. A preview longer than GitHub's 65,536 characters is cut at a line
 * and says that the full text is in the job summary.
 *
 * Environment (validated before anything is sent):
 *   GITHUB_TOKEN       a token allowed to write pull-request comments (`permissions: pull-requests: write`)
 *   GITHUB_REPOSITORY  owner/repo (set by GitHub Actions)
 *   PR_NUMBER          the pull request's number
 *   GITHUB_API_URL     default https://api.github.com (set by GitHub Actions, also on GitHub Enterprise)
 *   GITHUB_SERVER_URL, GITHUB_RUN_ID  optional (set by Actions): link the note of a cut preview to the run
 */
import { readFile } from 'node:fs/promises';
import { Octokit, RequestError } from 'octokit';
import {
  findStickyComments,
  GITHUB_COMMENT_MAX_CHARS,
  stickyCommentBody,
  type StickyBodyOptions,
} from '../src/core/render/sticky-comment.ts';
import { EXIT_FINDINGS, parseOptions, runCommand, UsageError } from '../src/io/cli.ts';

const usage = `Usage: node scripts/pr-comment.ts --body-file FILE

  --body-file  the preview (Markdown) to post; - reads it from standard input

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/repo), PR_NUMBER, GITHUB_API_URL (default https://api.github.com).`;

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

/** An API call that failed, with one line saying what happened, why, and what to do. */
export class GitHubCommentError extends Error {
  override name = 'GitHubCommentError';
  readonly status: number;

  constructor(message: string, status: number, options: { cause: unknown }) {
    super(message, options);
    this.status = status;
  }
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
    if (error instanceof RequestError)
      throw new GitHubCommentError(explain(action, error), error.status, { cause: error });
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

interface Env {
  token: string;
  pr: PullRequestRef;
  apiUrl: string;
  summaryUrl: string | undefined;
}

/** Reads and checks the environment, reporting every problem at once. */
function readEnv(env: NodeJS.ProcessEnv): Env {
  const problems: string[] = [];
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text === '' ? undefined : text;
  };

  const token = value('GITHUB_TOKEN');
  if (token === undefined) {
    problems.push(
      'GITHUB_TOKEN is not set: posting the preview needs a token allowed to write pull-request comments. In the workflow, give this step ' +
        '"env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}" in a job with "permissions: pull-requests: write". Pull requests from forks get no ' +
        'write token at all, so the workflow skips this step for them: their preview is in the job summary instead.',
    );
  }
  const repository = value('GITHUB_REPOSITORY');
  const [owner, repo] = repository?.split('/') ?? [];
  if (repository === undefined)
    problems.push('GITHUB_REPOSITORY is not set: write the repository as owner/repo (GitHub Actions sets it).');
  else if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    problems.push(`GITHUB_REPOSITORY must be owner/repo, not "${repository}".`);

  const prText = value('PR_NUMBER');
  const number = Number(prText);
  if (prText === undefined)
    problems.push(
      'PR_NUMBER is not set: pass the pull request\'s number, e.g. "env: PR_NUMBER: ${{ github.event.pull_request.number }}".',
    );
  else if (!/^\d+$/.test(prText) || !Number.isSafeInteger(number) || number < 1)
    problems.push(`PR_NUMBER must be a positive whole number, not "${prText}".`);

  const apiText = value('GITHUB_API_URL') ?? 'https://api.github.com';
  let apiUrl = apiText;
  try {
    const url = new URL(apiText);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    apiUrl = url.href.replace(/\/+$/, '');
  } catch {
    problems.push(`GITHUB_API_URL must be an http(s) URL such as https://api.github.com, not "${apiText}".`);
  }

  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const server = value('GITHUB_SERVER_URL');
  const runId = value('GITHUB_RUN_ID');
  return {
    token: token!,
    pr: { owner: owner!, repo: repo!, number },
    apiUrl,
    summaryUrl:
      server && runId && /^\d+$/.test(runId)
        ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`
        : undefined,
  };
}

async function readBody(file: string): Promise<string> {
  let text: string;
  if (file === '-') {
    if (process.stdin.isTTY)
      throw new UsageError(
        '--body-file - reads the preview from standard input, but standard input is a terminal: pipe the preview in.',
      );
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `Cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      );
    }
  }
  if (text.trim() === '')
    throw new UsageError(
      `The preview in ${file === '-' ? 'standard input' : file} is empty: there is nothing to post.`,
    );
  return text;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), { 'body-file': { type: 'string' } }, usage);
  const file = options['body-file'];
  if (file === undefined) throw new UsageError(`--body-file is required.\n\n${usage}`);
  const env = readEnv(process.env);
  const markdown = await readBody(file);

  const octokit = createGitHubClient({ token: env.token, baseUrl: env.apiUrl });
  try {
    const result = await upsertStickyComment(octokit, env.pr, markdown, { summaryUrl: env.summaryUrl });
    const { owner, repo, number } = env.pr;
    const notes = [
      ...(result.truncated
        ? [
            `cut to fit GitHub's ${GITHUB_COMMENT_MAX_CHARS.toLocaleString('en-US')}-character limit; the full preview is in the job summary`,
          ]
        : []),
      ...(result.duplicatesRemoved > 0
        ? [`removed ${result.duplicatesRemoved} duplicate${result.duplicatesRemoved === 1 ? '' : 's'}`]
        : []),
    ];
    console.log(
      `${result.action === 'created' ? 'Created' : 'Updated'} the preview comment on ${owner}/${repo}#${number}: ${result.url}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof GitHubCommentError)) throw error;
    console.error(error.message);
    return EXIT_FINDINGS;
  }
}

if (import.meta.main) await runCommand(main);
