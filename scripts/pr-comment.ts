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
import { GITHUB_COMMENT_MAX_CHARS } from '../src/core/render/sticky-comment.ts';
import { parseOptions, runCommand, usageError } from '../src/io/cli.ts';
import { createGitHubClient, type PullRequestRef, upsertStickyComment } from '../src/io/github.ts';

const usage = `Usage: node scripts/pr-comment.ts --body-file FILE

  --body-file  the preview (Markdown) to post; - reads it from standard input

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/repo), PR_NUMBER, GITHUB_API_URL (default https://api.github.com).`;

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

  if (problems.length > 0) throw usageError(problems.join('\n'));
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
      throw usageError(
        '--body-file - reads the preview from standard input, but standard input is a terminal: pipe the preview in.',
      );
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw usageError(
        `Cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      );
    }
  }
  if (text.trim() === '')
    throw usageError(`The preview in ${file === '-' ? 'standard input' : file} is empty: there is nothing to post.`);
  return text;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), { 'body-file': { type: 'string' } }, usage);
  const file = options['body-file'];
  if (file === undefined) throw usageError(`--body-file is required.\n\n${usage}`);
  const env = readEnv(process.env);
  const markdown = await readBody(file);

  const octokit = createGitHubClient({ token: env.token, baseUrl: env.apiUrl });
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
}

if (import.meta.main) await runCommand(main);
