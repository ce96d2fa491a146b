/**
 * A stateful fake of the GitHub REST API's issue-comment endpoints, on a local `node:http` server,
 * for tests that run real Octokit code (in-process or in a child process pointed at `url`).
 *
 * Every request is checked against GitHub's published OpenAPI document (`test/support/contracts/`); one that
 * breaks it is answered 400 (or 422 for a body that fails the schema) naming the problem, and recorded
 * in `violations` so a test can assert that none happened. The fake's own answers are checked against
 * the document's response schemas too, so it cannot drift from what GitHub returns.
 *
 * It keeps the comments of each pull request (issue) in memory, pages them like GitHub (`per_page`
 * up to 100, `page`, a `Link` header with rel="next"/"last"/"prev"/"first"), refuses bodies over
 * 65,536 characters with GitHub's 422, and can be told to fail the next request(s).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContract, type Contract } from './openapi-contract.ts';

export const BOT_LOGIN = 'github-actions[bot]';
const BOT_ID = 41898282;
/** GitHub's limit on a comment body. */
const MAX_BODY_CHARS = 65_536;
const DOCS = 'https://docs.github.com/rest/issues/comments';

export interface FakeUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: 'User' | 'Bot' | 'Organization';
  site_admin: boolean;
}

export interface FakeComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  author_association: 'NONE' | 'MEMBER' | 'CONTRIBUTOR' | 'OWNER' | 'COLLABORATOR';
}

export interface RecordedRequest {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  operationId: string | undefined;
  status: number;
  /** The parsed JSON body, when there was one. */
  body: unknown;
}

/** Who wrote a seeded comment: another user (default), the workflow's bot, or any login and type. */
export type SeedAuthor = 'user' | 'bot' | { login: string; type: FakeUser['type'] };

export interface GitHubFake extends AsyncDisposable {
  /** Base URL for Octokit's `baseUrl` / the command's `GITHUB_API_URL`. */
  url: string;
  /** The repository the fake serves, "owner/repo". */
  repository: string;
  /** The comments of a pull request, oldest first (copies). */
  comments(pr: number): FakeComment[];
  /** Adds comments to a pull request as if they had been written earlier, in order; returns them. */
  seed(pr: number, comments: readonly { body: string; author?: SeedAuthor }[]): FakeComment[];
  requests: RecordedRequest[];
  /** Contract problems of requests received, and of the fake's own answers. */
  violations: string[];
  /**
   * The next request (after its contract check; with `operationId`, the next request for that operation)
   * is answered with this status and a GitHub-style error body. Calls queue up.
   */
  failNext(
    status: number,
    body?: { message: string; [key: string]: unknown },
    options?: { operationId?: string; headers?: Record<string, string> },
  ): void;
  close(): Promise<void>;
}

export interface GitHubFakeOptions {
  /** Default "octo-org/register". Requests for other repositories get GitHub's 404. */
  repository?: string;
  contract?: Contract;
}

const STANDARD_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
};

let sharedContract: Contract | undefined;

export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const repository = options.repository ?? 'octo-org/register';
  const contract = options.contract ?? (sharedContract ??= loadContract('github.trimmed.openapi.json'));
  const byIssue = new Map<number, FakeComment[]>();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const failures: {
    status: number;
    body: unknown;
    headers: Record<string, string>;
    operationId: string | undefined;
  }[] = [];
  let nextId = 2_000_000_001;
  let clock = Date.parse('2026-11-01T09:00:00Z');
  const now = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      violations.push(`the fake itself failed: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) send(response, 500, { message: 'Fake server error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function user(login: string, type: FakeUser['type'], id: number): FakeUser {
    const api = `https://api.github.com/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: `U_${id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url:
        type === 'Bot' ? `https://github.com/apps/${login.replace(/\[bot\]$/, '')}` : `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      site_admin: false,
    };
  }

  function authorOf(author: SeedAuthor = 'user'): FakeUser {
    if (author === 'bot') return user(BOT_LOGIN, 'Bot', BOT_ID);
    if (author === 'user') return user('octocat', 'User', 583231);
    return user(author.login, author.type, 1000 + author.login.length);
  }

  function addComment(pr: number, body: string, author: FakeUser): FakeComment {
    const id = nextId++;
    const at = now();
    const comment: FakeComment = {
      id,
      node_id: `IC_${id}`,
      url: `${url}/repos/${repository}/issues/comments/${id}`,
      html_url: `https://github.com/${repository}/pull/${pr}#issuecomment-${id}`,
      issue_url: `${url}/repos/${repository}/issues/${pr}`,
      body,
      user: author,
      created_at: at,
      updated_at: at,
      author_association: author.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
    byIssue.set(pr, [...(byIssue.get(pr) ?? []), comment]);
    return comment;
  }

  function findComment(id: number): { pr: number; comment: FakeComment } | undefined {
    for (const [pr, comments] of byIssue) {
      const comment = comments.find((candidate) => candidate.id === id);
      if (comment) return { pr, comment };
    }
    return undefined;
  }

  function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${requests.length}`,
      ...headers,
    });
    response.end(text);
  }

  const errorBody = (
    status: number,
    message = STANDARD_MESSAGES[status] ?? 'Error',
    extra: Record<string, unknown> = {},
  ) => ({
    message,
    documentation_url: DOCS,
    status: String(status),
    ...extra,
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const target = new URL(request.url ?? '/', url);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const match = contract.match(method, target.pathname);
    const record: RecordedRequest = {
      method,
      path: `${target.pathname}${target.search}`,
      operationId: match?.operationId,
      status: 0,
      body,
    };
    requests.push(record);
    const reply = (status: number, payload?: unknown, headers?: Record<string, string>, checkAnswer = true) => {
      record.status = status;
      if (checkAnswer)
        for (const problem of contract.checkResponse({ method, pathname: target.pathname, status, body: payload }))
          violations.push(`fake answered outside the contract: ${problem}`);
      send(response, status, payload, headers);
    };

    const problems = contract.checkRequest({
      method,
      pathname: target.pathname,
      query: target.searchParams,
      headers: request.headers,
      body: raw,
    });
    if (problems.length > 0) {
      violations.push(...problems);
      const bodyProblem = problems.every((problem) => /request body|a request body/.test(problem));
      return reply(
        bodyProblem ? 422 : 400,
        errorBody(bodyProblem ? 422 : 400, `Contract violation: ${problems.join(' ')}`, { errors: problems }),
        undefined,
        false,
      );
    }

    const failureIndex = failures.findIndex(
      (failure) => failure.operationId === undefined || failure.operationId === match?.operationId,
    );
    if (failureIndex >= 0) {
      const [failure] = failures.splice(failureIndex, 1);
      return reply(failure!.status, failure!.body, failure!.headers, false);
    }

    if (!request.headers.authorization) return reply(401, errorBody(401, 'Requires authentication'));
    const { operationId, params } = match!;
    if (`${params.owner}/${params.repo}` !== repository) return reply(404, errorBody(404));

    switch (operationId) {
      case 'issues/list-comments': {
        const pr = Number(params.issue_number);
        const since = target.searchParams.get('since');
        const all = (byIssue.get(pr) ?? []).filter((comment) => since === null || comment.updated_at >= since);
        const perPage = Math.min(Number(target.searchParams.get('per_page') ?? 30), 100) || 30;
        const page = Math.max(Number(target.searchParams.get('page') ?? 1), 1) || 1;
        const lastPage = Math.max(Math.ceil(all.length / perPage), 1);
        const pageUrl = (n: number) => {
          const next = new URL(target);
          next.searchParams.set('per_page', String(perPage));
          next.searchParams.set('page', String(n));
          return `<${next.href}>`;
        };
        const links = [
          ...(page < lastPage ? [`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`] : []),
          ...(page > 1 ? [`${pageUrl(1)}; rel="first"`, `${pageUrl(Math.min(page - 1, lastPage))}; rel="prev"`] : []),
        ];
        return reply(
          200,
          all.slice((page - 1) * perPage, page * perPage),
          links.length > 0 ? { link: links.join(', ') } : {},
        );
      }
      case 'issues/create-comment': {
        const text = (body as { body: string }).body;
        if (text.length > MAX_BODY_CHARS) return reply(422, tooLong());
        const comment = addComment(Number(params.issue_number), text, authorOf('bot'));
        return reply(201, comment, { location: comment.url });
      }
      case 'issues/get-comment':
      case 'issues/update-comment':
      case 'issues/delete-comment': {
        const found = findComment(Number(params.comment_id));
        if (!found) return reply(404, errorBody(404));
        if (operationId === 'issues/get-comment') return reply(200, found.comment);
        if (operationId === 'issues/delete-comment') {
          byIssue.set(
            found.pr,
            byIssue.get(found.pr)!.filter((comment) => comment !== found.comment),
          );
          return reply(204);
        }
        const text = (body as { body: string }).body;
        if (text.length > MAX_BODY_CHARS) return reply(422, tooLong());
        found.comment.body = text;
        found.comment.updated_at = now();
        return reply(200, found.comment);
      }
      default:
        return reply(501, errorBody(501, `The fake does not implement ${operationId}.`), undefined, false);
    }
  }

  const tooLong = () =>
    errorBody(422, 'Validation Failed', {
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${MAX_BODY_CHARS} characters)`,
        },
      ],
    });

  async function close() {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  return {
    url,
    repository,
    comments: (pr) => structuredClone(byIssue.get(pr) ?? []),
    seed: (pr, comments) => comments.map(({ body, author }) => structuredClone(addComment(pr, body, authorOf(author)))),
    requests,
    violations,
    failNext(status, body, { operationId, headers = {} } = {}) {
      failures.push({
        status,
        body: body ? { documentation_url: DOCS, status: String(status), ...body } : errorBody(status),
        headers,
        operationId,
      });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
