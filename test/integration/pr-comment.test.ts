/**
 * `scripts/pr-comment.ts` as the workflow runs it: a child process whose environment points at a
 * local fake of GitHub's REST API. The fake checks every request against GitHub's OpenAPI document,
 * so each test also asserts that no request broke the contract.
 *
 * The command runs with `spawn`, not `spawnSync`: the fake serves from this process, and a
 * synchronous spawn would block the event loop it answers on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitHubClient, upsertStickyComment } from '../../src/io/github.ts';
import { GITHUB_COMMENT_MAX_CHARS, STICKY_MARKER } from '../../src/core/render/sticky-comment.ts';
import { BOT_LOGIN, startGitHubFake, type GitHubFake } from '../support/fakes/github.ts';
import { runScript, type CommandRun } from '../support/project.ts';

const PR = 42;
const folder = mkdtempSync(join(tmpdir(), 'pr-comment-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
function bodyFile(text: string): string {
  const file = join(folder, `preview-${files++}.md`);
  writeFileSync(file, text);
  return file;
}

function prComment(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<CommandRun> {
  // Only what the command reads: no token or repository from the machine running the tests.
  return runScript('scripts/pr-comment.ts', args, {
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
    ...(stdin !== undefined ? { stdin } : {}),
  });
}

const envFor = (github: GitHubFake, extra: Record<string, string> = {}) => ({
  GITHUB_TOKEN: 'ghs_test',
  GITHUB_REPOSITORY: github.repository,
  PR_NUMBER: String(PR),
  GITHUB_API_URL: github.url,
  ...extra,
});

const post = (github: GitHubFake, markdown: string, extra?: Record<string, string>) =>
  prComment(['--body-file', bodyFile(markdown)], envFor(github, extra));
const requestLines = (github: GitHubFake) =>
  github.requests.map((request) => `${request.method} ${request.path} → ${request.status}`);

describe('node scripts/pr-comment.ts', () => {
  it('creates the comment on the first run and updates the same one on the next', async () => {
    await using github = await startGitHubFake();
    github.seed(PR, [{ body: 'Looks good to me', author: 'user' }]);

    const first = await post(github, '## Register changes\n\n- added: Acme\n');
    expect(first).toMatchObject({ status: 0, stderr: '' });
    expect(first.stdout).toMatch(
      new RegExp(
        `^Created the preview comment on ${github.repository}#${PR}: https://github.com/\\S+#issuecomment-\\d+\\n$`,
      ),
    );
    const [, created] = github.comments(PR);
    expect(created).toMatchObject({
      body: `${STICKY_MARKER}\n## Register changes\n\n- added: Acme\n`,
      user: { login: BOT_LOGIN, type: 'Bot' },
    });

    const second = await post(github, '## Register changes\n\n- added: Acme\n- updated: Stripe\n');
    expect(second).toMatchObject({ status: 0, stderr: '' });
    expect(second.stdout).toContain('Updated the preview comment');
    const comments = github.comments(PR);
    expect(comments).toHaveLength(2);
    expect(comments[1]).toMatchObject({ id: created!.id, body: expect.stringContaining('- updated: Stripe') });
    expect(requestLines(github)).toEqual([
      `GET /repos/${github.repository}/issues/${PR}/comments?per_page=100 → 200`,
      `POST /repos/${github.repository}/issues/${PR}/comments → 201`,
      `GET /repos/${github.repository}/issues/${PR}/comments?per_page=100 → 200`,
      `PATCH /repos/${github.repository}/issues/comments/${created!.id} → 200`,
    ]);
    expect(github.violations).toEqual([]);
  });

  it('finds its comment on page 2 of 150 and updates it instead of posting a duplicate', async () => {
    await using github = await startGitHubFake();
    const seeded = github.seed(
      PR,
      Array.from({ length: 150 }, (_, i) => {
        if (i === 120) return { body: `${STICKY_MARKER}\nold preview`, author: 'bot' as const };
        if (i === 5) return { body: `Quoting the bot: ${STICKY_MARKER}`, author: 'user' as const }; // a person's comment never counts
        return { body: `comment ${i}`, author: i % 4 === 0 ? ('bot' as const) : ('user' as const) };
      }),
    );

    const run = await post(github, '## Register changes\n\nnew preview\n');
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const comments = github.comments(PR);
    expect(comments).toHaveLength(150);
    expect(comments[120]).toMatchObject({
      id: seeded[120]!.id,
      body: `${STICKY_MARKER}\n## Register changes\n\nnew preview\n`,
    });
    expect(comments[5]!.body).toBe(seeded[5]!.body);
    expect(requestLines(github)).toEqual([
      `GET /repos/${github.repository}/issues/${PR}/comments?per_page=100 → 200`,
      `GET /repos/${github.repository}/issues/${PR}/comments?per_page=100&page=2 → 200`,
      `PATCH /repos/${github.repository}/issues/comments/${seeded[120]!.id} → 200`,
    ]);
    expect(github.violations).toEqual([]);
  });

  it('removes duplicates left by two runs that raced', async () => {
    await using github = await startGitHubFake();
    const [first] = github.seed(PR, [
      { body: `${STICKY_MARKER}\none`, author: 'bot' },
      { body: `${STICKY_MARKER}\ntwo`, author: 'bot' },
    ]);
    const run = await post(github, 'three\n');
    expect(run.stdout).toContain('(removed 1 duplicate)');
    expect(github.comments(PR)).toMatchObject([{ id: first!.id, body: `${STICKY_MARKER}\nthree\n` }]);
    expect(github.violations).toEqual([]);
  });

  it('caps an over-long preview below 65,536 characters with a note pointing at the job summary', async () => {
    await using github = await startGitHubFake();
    const markdown = Array.from({ length: 4000 }, (_, i) => `| entry-${i} | updated | locations, transfers |`).join(
      '\n',
    );
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_MAX_CHARS);

    const run = await post(github, markdown, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '123456' });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toContain("cut to fit GitHub's 65,536-character limit; the full preview is in the job summary");
    const [comment] = github.comments(PR);
    expect(comment!.body.length).toBeLessThan(GITHUB_COMMENT_MAX_CHARS);
    expect(comment!.body).toContain(
      `The full preview is in the [job summary of this workflow run](https://github.com/${github.repository}/actions/runs/123456).`,
    );
    expect(comment!.body.split('\n---\n')[0]).toMatch(/\| entry-\d+ \| updated \| locations, transfers \|\n$/);
    expect(github.violations).toEqual([]);
  });

  it('reads the preview from standard input with --body-file -', async () => {
    await using github = await startGitHubFake();
    const run = await prComment(['--body-file', '-'], envFor(github), '## From stdin\n');
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(github.comments(PR)[0]!.body).toBe(`${STICKY_MARKER}\n## From stdin\n`);
  });

  it('fails with one clear line and exit 1 when GitHub refuses (403), without a stack trace', async () => {
    await using github = await startGitHubFake();
    github.failNext(403, { message: 'Resource not accessible by integration' });
    const run = await post(github, 'preview\n');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `Could not list the comments of ${github.repository}#${PR}: GitHub answered 403 "Resource not accessible by integration". ` +
        'The token may not write pull-request comments: the job needs "permissions: pull-requests: write", and a pull request from a fork only ever gets a read-only token. ' +
        'Grant that permission to the job that runs this step, and skip the step for forks (the preview is in the job summary).',
    ]);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(github.comments(PR)).toEqual([]);
    expect(github.violations).toEqual([]);
  });

  it("names GitHub's validation errors (422) in that one line", async () => {
    await using github = await startGitHubFake();
    github.seed(PR, [{ body: `${STICKY_MARKER}\nold`, author: 'bot' }]);
    github.failNext(
      422,
      {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ],
      },
      { operationId: 'issues/update-comment' },
    );
    const run = await post(github, 'preview\n');
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `Could not update the preview comment on ${github.repository}#${PR}: GitHub answered 422 "Validation Failed: body is too long (maximum is 65536 characters)". ` +
        "GitHub refused the comment's content. The body is at most 65,536 characters, so report this with the job's log.",
    ]);
    expect(github.violations).toEqual([]);
  });

  it('retries a server error in production and succeeds', async () => {
    await using github = await startGitHubFake();
    github.failNext(502);
    const run = await post(github, 'preview\n');
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(requestLines(github).slice(0, 2)).toEqual([
      `GET /repos/${github.repository}/issues/${PR}/comments?per_page=100 → 502`,
      `GET /repos/${github.repository}/issues/${PR}/comments?per_page=100 → 200`,
    ]);
    expect(github.comments(PR)).toHaveLength(1);
    expect(github.violations).toEqual([]);
  });

  it('checks the environment before sending anything (exit 2)', async () => {
    await using github = await startGitHubFake();
    const run = await post(github, 'preview\n', { GITHUB_TOKEN: '', GITHUB_REPOSITORY: 'not-a-repo', PR_NUMBER: '-3' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^GITHUB_TOKEN is not set: .* Pull requests from forks get no write token at all, so the workflow skips this step for them: their preview is in the job summary instead\.$/,
      ),
      'GITHUB_REPOSITORY must be owner/repo, not "not-a-repo".',
      'PR_NUMBER must be a positive whole number, not "-3".',
    ]);
    expect(github.requests).toEqual([]);

    const noFile = await prComment([], envFor(github));
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toMatch(/^--body-file is required\./);
    const missing = await prComment(['--body-file', join(folder, 'nope.md')], envFor(github));
    expect(missing.stderr.trim()).toBe(`Cannot read --body-file ${join(folder, 'nope.md')}: no such file.`);
    const empty = await post(github, '\n  \n');
    expect(empty.stderr.trim()).toMatch(/is empty: there is nothing to post\.$/);
  });
});

describe('upsertStickyComment with a test client (no retries)', () => {
  it('turns a server error into one explained error at once', async () => {
    await using github = await startGitHubFake();
    github.seed(PR, [{ body: `${STICKY_MARKER}\nold`, author: 'bot' }]);
    const octokit = createGitHubClient({ token: 'ghs_test', baseUrl: github.url, retries: 0 });
    const [owner, repo] = github.repository.split('/') as [string, string];

    github.failNext(500);
    await expect(upsertStickyComment(octokit, { owner, repo, number: PR }, 'new\n')).rejects.toThrow(
      `Could not list the comments of ${github.repository}#${PR}: GitHub answered 500 "Server Error". GitHub had a server error. Re-run the job`,
    );
    expect(github.requests).toHaveLength(1);

    const result = await upsertStickyComment(octokit, { owner, repo, number: PR }, 'new\n');
    expect(result).toMatchObject({ action: 'updated', truncated: false, duplicatesRemoved: 0 });
    expect(github.violations).toEqual([]);
  });
});

describe('the GitHub fake', () => {
  it('pages like GitHub, with a Link header', async () => {
    await using github = await startGitHubFake();
    github.seed(
      PR,
      Array.from({ length: 250 }, (_, i) => ({ body: `c${i}` })),
    );
    const page = (query: string) =>
      fetch(`${github.url}/repos/${github.repository}/issues/${PR}/comments?${query}`, {
        headers: { authorization: 'token x' },
      });
    const base = `${github.url}/repos/${github.repository}/issues/${PR}/comments`;

    const first = await page('per_page=100');
    expect(((await first.json()) as unknown[]).length).toBe(100);
    expect(first.headers.get('link')).toBe(
      `<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`,
    );
    const last = await page('per_page=100&page=3');
    expect(((await last.json()) as { body: string }[]).map((comment) => comment.body)).toEqual(
      Array.from({ length: 50 }, (_, i) => `c${200 + i}`),
    );
    expect(last.headers.get('link')).toBe(
      `<${base}?per_page=100&page=1>; rel="first", <${base}?per_page=100&page=2>; rel="prev"`,
    );
    expect((await page('')).headers.get('link')).toContain(`<${base}?per_page=30&page=9>; rel="last"`);
    expect(github.violations).toEqual([]);
  });

  it('refuses and records a request that breaks the contract', async () => {
    await using github = await startGitHubFake();
    const response = await fetch(`${github.url}/repos/${github.repository}/issues/${PR}/comments`, {
      method: 'POST',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'wrong field' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining("request body must have required property 'body'"),
    });
    expect(github.violations).toEqual([
      `issues/create-comment (POST /repos/${github.repository}/issues/${PR}/comments): request body must have required property 'body'.`,
    ]);
    expect(github.comments(PR)).toEqual([]);
  });
});
