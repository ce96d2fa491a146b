/**
 * The contract checker the HTTP fakes use: it must accept what the providers' documents allow and
 * name what they refuse, for GitHub's OpenAPI 3.0 document and Resend's 3.1 one.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CONTRACTS_DIR, loadContract, pointerSegment } from '../support/fakes/openapi-contract.ts';

const github = loadContract('github.trimmed.openapi.json');
const resend = loadContract('resend.openapi.json');
const json = { 'content-type': 'application/json; charset=utf-8' };
const bearer = { authorization: 'Bearer re_test', 'content-type': 'application/json' };

describe('GitHub (OpenAPI 3.0)', () => {
  it('matches path templates to operations, with decoded parameters', () => {
    expect(github.match('GET', '/repos/octo-org/register/issues/12/comments')).toEqual({
      operationId: 'issues/list-comments',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      params: { owner: 'octo-org', repo: 'register', issue_number: '12' },
    });
    expect(github.match('PATCH', '/repos/o/r/issues/comments/99')?.operationId).toBe('issues/update-comment');
    expect(github.match('GET', '/repos/o/r/git/ref/heads%2Fmain')?.params.ref).toBe('heads/main');
    // The template with more literal text wins: {base}...{head} before {basehead}.
    expect(github.match('GET', '/repos/o/r/compare/main...feature')?.operationId).toBe('repos/compare-commits');
    expect(github.match('PUT', '/repos/o/r/issues/12/comments')).toBeUndefined();
    expect(github.match('GET', '/user')).toBeUndefined();
  });

  it('accepts valid requests', () => {
    expect(
      github.checkRequest({
        method: 'GET',
        pathname: '/repos/o/r/issues/12/comments',
        query: new URLSearchParams('per_page=100&page=2'),
      }),
    ).toEqual([]);
    expect(
      github.checkRequest({
        method: 'POST',
        pathname: '/repos/o/r/issues/12/comments',
        headers: json,
        body: '{"body":"Hello"}',
      }),
    ).toEqual([]);
    expect(github.checkRequest({ method: 'DELETE', pathname: '/repos/o/r/issues/comments/7' })).toEqual([]);
  });

  it('names every problem of an invalid request', () => {
    expect(
      github.checkRequest({
        method: 'POST',
        pathname: '/repos/o/r/issues/twelve/comments',
        headers: json,
        body: '{"body":42}',
      }),
    ).toEqual([
      'issues/create-comment (POST /repos/o/r/issues/twelve/comments): path parameter "issue_number" must be integer.',
      'issues/create-comment (POST /repos/o/r/issues/twelve/comments): request body /body must be string.',
    ]);
    expect(
      github.checkRequest({ method: 'PATCH', pathname: '/repos/o/r/issues/comments/7', headers: json, body: '{}' }),
    ).toEqual([
      "issues/update-comment (PATCH /repos/o/r/issues/comments/7): request body must have required property 'body'.",
    ]);
    expect(github.checkRequest({ method: 'POST', pathname: '/repos/o/r/issues/1/comments' })).toEqual([
      'issues/create-comment (POST /repos/o/r/issues/1/comments): a request body is required.',
    ]);
    expect(
      github.checkRequest({
        method: 'POST',
        pathname: '/repos/o/r/issues/1/comments',
        headers: json,
        body: '{"body":',
      })[0],
    ).toMatch(/the body is not valid JSON/);
    expect(
      github.checkRequest({ method: 'GET', pathname: '/repos/o/r/issues/1/comments', query: { per_page: 'many' } }),
    ).toEqual(['issues/list-comments (GET /repos/o/r/issues/1/comments): query parameter "per_page" must be integer.']);
    expect(github.checkRequest({ method: 'PUT', pathname: '/repos/o/r/issues/1/comments' })).toEqual([
      'PUT /repos/o/r/issues/1/comments: /repos/{owner}/{repo}/issues/{issue_number}/comments has no PUT operation (it has GET, POST).',
    ]);
    expect(github.checkRequest({ method: 'GET', pathname: '/user' })[0]).toMatch(
      /^GET \/user: no path in github\.trimmed\.openapi\.json/,
    );
  });

  it("checks a fake's answers against the response schemas", () => {
    const pathname = '/repos/o/r/issues/comments/7';
    expect(github.checkResponse({ method: 'DELETE', pathname, status: 204 })).toEqual([]);
    expect(github.checkResponse({ method: 'GET', pathname, status: 200, body: { id: 7 } })[0]).toMatch(
      /issues\/get-comment \(GET .*\) response 200: body must have required property/,
    );
    expect(github.checkResponse({ method: 'GET', pathname, status: 418 })[0]).toMatch(/documents no such status/);
  });
});

describe('Resend (OpenAPI 3.1)', () => {
  it('accepts valid requests', () => {
    const email = {
      from: 'Parlons Privacy <privacy@parlons.example>',
      to: ['dpo@customer.example'],
      subject: 'New sub-processor',
      html: '<p>Hi</p>',
    };
    expect(
      resend.checkRequest({
        method: 'POST',
        pathname: '/emails',
        headers: { ...bearer, 'idempotency-key': 'notice-1' },
        body: JSON.stringify(email),
      }),
    ).toEqual([]);
    expect(
      resend.checkRequest({ method: 'POST', pathname: '/emails/batch', headers: bearer, body: [email, email] }),
    ).toEqual([]);
    expect(
      resend.checkRequest({ method: 'GET', pathname: '/contacts', headers: bearer, query: { limit: '100' } }),
    ).toEqual([]);
    // `/emails/batch` is a literal path: it is not taken for `/emails/{email_id}`.
    expect(resend.match('POST', '/emails/batch')?.operationId).toBe('emails/send-batch');
    expect(resend.match('GET', '/emails/4ef9a417-02e9-4d39-ad75-9611e0fcc33c')?.operationId).toBe('emails/get');
  });

  it('names every problem of an invalid request', () => {
    expect(
      resend.checkRequest({
        method: 'POST',
        pathname: '/emails',
        headers: { 'content-type': 'application/json' },
        body: { from: 'a@b.example', to: [] },
      }),
    ).toEqual([
      'emails/send (POST /emails): the Authorization header must carry a bearer token ("Authorization: Bearer …"), got none.',
      "emails/send (POST /emails): request body must have required property 'subject'.",
      'emails/send (POST /emails): request body /to must be string.',
      'emails/send (POST /emails): request body /to must NOT have fewer than 1 items.',
      'emails/send (POST /emails): request body /to must match exactly one schema in oneOf.',
    ]);
    expect(
      resend.checkRequest({ method: 'GET', pathname: '/contacts', headers: bearer, query: { limit: '500' } }),
    ).toEqual(['contacts/list (GET /contacts): query parameter "limit" must be <= 100.']);
    expect(
      resend.checkRequest({
        method: 'POST',
        pathname: '/emails',
        headers: { ...bearer, 'content-type': 'text/plain' },
        body: 'hello',
      }),
    ).toEqual([
      'emails/send (POST /emails): the body is sent as "text/plain", but the operation takes application/json.',
    ]);
  });

  it('applies the corrections the contracts README lists', () => {
    const contact = { email: 'dpo@customer.example', segments: [{ id: 'seg_1' }] };
    expect(resend.checkRequest({ method: 'POST', pathname: '/contacts', headers: bearer, body: contact })).toEqual([]);
    expect(
      resend.checkRequest({
        method: 'POST',
        pathname: '/contacts',
        headers: bearer,
        body: { ...contact, segments: ['seg_1'] },
      }),
    ).toEqual(['contacts/create (POST /contacts): request body /segments/0 must be object.']);
    expect(resend.match('GET', '/segments/seg_1/contacts')?.operationId).toBe('segments/list-contacts');
    expect(
      resend.checkRequest({
        method: 'POST',
        pathname: '/audiences/aud_1/contacts',
        headers: bearer,
        body: { email: 'a@b.example' },
      }),
    ).toEqual([]);

    const uncorrected = loadContract('resend.openapi.json', { knownCorrections: false });
    expect(uncorrected.checkRequest({ method: 'POST', pathname: '/contacts', headers: bearer, body: contact })).toEqual(
      ['contacts/create (POST /contacts): request body /segments/0 must be string.'],
    );
    expect(uncorrected.match('GET', '/segments/seg_1/contacts')).toBeUndefined();
  });

  it('takes further corrections from the test', () => {
    const strict = loadContract('resend.openapi.json', {
      corrections: [
        {
          pointer: `/components/schemas/CreateContactOptions/properties/first_name/maxLength`,
          value: 3,
          reason: 'example',
        },
      ],
    });
    expect(
      strict.checkRequest({
        method: 'POST',
        pathname: '/contacts',
        headers: bearer,
        body: { email: 'a@b.example', first_name: 'Steve' },
      }),
    ).toEqual(['contacts/create (POST /contacts): request body /first_name must NOT have more than 3 characters.']);
  });
});

describe('loading', () => {
  it('says clearly when the contracts folder is missing', () => {
    const directory = join(tmpdir(), 'no-such-contracts-folder');
    expect(() => loadContract('github.trimmed.openapi.json', { directory })).toThrow(
      `API contracts not found: ${directory} does not exist. The HTTP fakes check requests against the providers' OpenAPI documents kept in test/support/contracts/`,
    );
  });

  it('lists the documents there when a name is wrong', () => {
    expect(() => loadContract('stripe.openapi.json')).toThrow(
      `${join(CONTRACTS_DIR, 'stripe.openapi.json')} does not exist. ${CONTRACTS_DIR} holds: github.trimmed.openapi.json`,
    );
  });

  it('escapes JSON pointer segments', () => {
    expect(pointerSegment('/a~b/{c}')).toBe('~1a~0b~1{c}');
  });
});
