/**
 * Managing subscribers: addresses validated, de-duplicated and never printed in full; the command
 * runs against the Resend fake through the real SDK.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskEmail, parseAddressCsv } from '../../src/core/subscribers.ts';
import { FAKE_RESEND_KEY, startFakeResend, type FakeResend } from '../support/fakes/resend.ts';
import { childEnv, runScript, tempProject, type CommandRun } from '../support/project.ts';
import { readFileSync } from 'node:fs';

function subscribers(fake: FakeResend | undefined, ...args: string[]): Promise<CommandRun> {
  return subscribersIn(undefined, fake, ...args);
}

function subscribersIn(cwd: string | undefined, fake: FakeResend | undefined, ...args: string[]): Promise<CommandRun> {
  const env = childEnv(
    fake ? { RESEND_API_KEY: FAKE_RESEND_KEY, RESEND_SEGMENT_ID: fake.segmentId, RESEND_BASE_URL: fake.url } : {},
  );
  if (!fake) delete env.RESEND_API_KEY;
  return runScript('scripts/subscribers.ts', args, { env, ...(cwd ? { cwd } : {}) });
}

describe('maskEmail', () => {
  it('keeps the first letter and the domain only', () => {
    expect(maskEmail('ana.lopez@customer.example')).toBe('a***@customer.example');
  });
});

describe('parseAddressCsv', () => {
  it('reads the email column of a CSV with a header, skipping duplicates and reporting invalid lines', () => {
    const csv =
      'name,email\r\nAna,Ana@Customer.example\r\n"Lopez, Ben",ben@customer.example\r\nDup,ana@customer.example\r\nBad,not-an-address\r\n\r\n';
    expect(parseAddressCsv(csv)).toEqual({
      emails: ['ana@customer.example', 'ben@customer.example'],
      invalid: [{ line: 5, value: '***' }],
      duplicates: 1,
    });
  });

  it('reads the first column of a CSV without a header', () => {
    expect(parseAddressCsv('ana@customer.example\nben@customer.example\n').emails).toEqual([
      'ana@customer.example',
      'ben@customer.example',
    ]);
  });
});

describe('npm run subscribers', () => {
  it('adds addresses to the segment once and prints them masked', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(['ana@customer.example']);
    const result = await subscribers(
      fake,
      'add',
      'ana@customer.example',
      'Ben@Customer.example',
      'ben@customer.example',
      'oops',
    );
    expect(result.stdout).toContain('skipped argument 4: *** is not an email address');
    expect(result.stdout).toContain('1 added, 2 already subscribed or repeated, 1 invalid.');
    expect(result.stdout).not.toContain('ben@customer.example');
    expect(result.status).toBe(1);
    expect(fake.contacts().map((contact) => contact.email)).toEqual(['ana@customer.example', 'ben@customer.example']);
    expect(fake.violations).toEqual([]);
  });

  it('imports a CSV file', async () => {
    await using fake = await startFakeResend();
    const dir = mkdtempSync(join(tmpdir(), 'subscribers-'));
    writeFileSync(join(dir, 'list.csv'), 'email\nana@customer.example\nben@customer.example\n');
    const result = await subscribers(fake, 'import', join(dir, 'list.csv'));
    rmSync(dir, { recursive: true });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('2 added, 0 already subscribed or repeated, 0 invalid.');
    expect(fake.contacts().every((contact) => contact.segments.includes(fake.segmentId))).toBe(true);
  });

  it('imports a contact that exists outside the segment even when its look-up is first answered 429', async () => {
    await using fake = await startFakeResend();
    const other = fake.addSegment();
    fake.addContacts(['ana@customer.example'], { segmentId: other });
    fake.failNext(
      { kind: 'error', status: 429, name: 'rate_limit_exceeded', message: 'Too many requests', retryAfter: 0 },
      'GET /contacts/ana@customer.example',
    );
    const dir = mkdtempSync(join(tmpdir(), 'subscribers-'));
    writeFileSync(join(dir, 'list.csv'), 'email\nana@customer.example\n');
    const result = await subscribers(fake, 'import', join(dir, 'list.csv'));
    rmSync(dir, { recursive: true });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('1 added, 0 already subscribed or repeated, 0 invalid.');
    expect(fake.contacts()).toMatchObject([
      { email: 'ana@customer.example', unsubscribed: false, segments: [other, fake.segmentId] },
    ]);
    expect(fake.requests.filter((request) => request.startsWith('GET /contacts/'))).toHaveLength(2);
  });

  it('removes an address from the segment', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(['ana@customer.example', 'ben@customer.example']);
    const result = await subscribers(fake, 'remove', 'ana@customer.example');
    expect(result.stdout.trim()).toBe('1 removed, 0 already absent or repeated, 0 invalid.');
    expect(fake.contacts().find((contact) => contact.email === 'ana@customer.example')?.segments).toEqual([]);
  });

  it('lists the segment masked, with unsubscribed contacts marked', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(['ana@customer.example']);
    fake.addContacts(['ben@customer.example'], { unsubscribed: true });
    const result = await subscribers(fake, 'list');
    expect(result.stdout.trim().split('\n')).toEqual([
      'a***@customer.example',
      'b***@customer.example  (unsubscribed)',
      `2 contacts in segment ${fake.segmentId}, 1 subscribed.`,
    ]);
  });

  it('explains what it needs without a key', async () => {
    // `list` without a key lists the local stand-in (see the forms' tests); the others need Resend.
    const result = await subscribers(undefined, 'add', 'ana@customer.example');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Subscribers live in a Resend segment: set RESEND_API_KEY and RESEND_SEGMENT_ID');
  });
});

describe('npm run subscribers -- sync-topics', () => {
  it('makes one public, opt-in topic per service and the consent properties, and changes nothing the second time', async () => {
    await using fake = await startFakeResend();
    const first = await subscribers(fake, 'sync-topics');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('created the topic for meetings (Parlons Meetings)');
    expect(first.stdout).toContain(
      'defined the contact properties consent_at, consent_services, consent_wording, consent_request',
    );
    expect(first.stdout.trim().split('\n').at(-1)).toBe('4 created, 0 updated, 0 unchanged topics.');
    expect(
      fake.topics.map(({ name, description, default_subscription, visibility }) => ({
        name,
        description,
        default_subscription,
        visibility,
      })),
    ).toContainEqual({
      name: 'Parlons Meetings',
      description: "Parlons's sub-processor notices for Parlons Meetings [service:meetings]",
      default_subscription: 'opt_in',
      visibility: 'public',
    });

    const requests = fake.requests.length;
    const second = await subscribers(fake, 'sync-topics');
    expect(second.stdout.trim()).toBe('0 created, 0 updated, 4 unchanged topics.');
    expect(fake.requests.slice(requests).every((request) => request.startsWith('GET'))).toBe(true);
    expect(fake.topics).toHaveLength(4);
    expect(fake.violations).toEqual([]);
  });

  it('renames the topic of a service whose label changed, keeping its id', async () => {
    await using fake = await startFakeResend();
    using project = tempProject(['content']);
    await subscribersIn(project.root, fake, 'sync-topics');
    const id = fake.topics.find((topic) => topic.description.endsWith('[service:api]'))!.id;
    const register = readFileSync(join(project.root, 'content/register.yaml'), 'utf8');
    project.write('content/register.yaml', register.replace('api: Parlons Video API', 'api: Parlons Developer API'));
    const result = await subscribersIn(project.root, fake, 'sync-topics');
    expect(result.stdout).toContain('updated the topic for api (Parlons Developer API)');
    expect(fake.topics.find((topic) => topic.id === id)?.name).toBe('Parlons Developer API');
  });
});
