/**
 * The public forms end to end over HTTP: the site built with its server, started as `npm start`
 * does (scripts/serve.ts around dist/server/entry.mjs), sending through the real `resend` SDK to
 * the contract-checked Resend fake — or, without a key, to the outbox.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../src/core/subscribe/forms.ts';
import { signRequest } from '../../src/core/subscribe/token.ts';
import { FAKE_RESEND_KEY, startFakeResend, type FakeResend } from '../support/fakes/resend.ts';
import { outboxTexts, startFormServer, TEST_SECRET, tokenIn, type FormServer } from '../support/form-server.ts';
import { TODAY } from '../support/helpers.ts';
import { childEnv, runScript } from '../support/project.ts';
import { buildTempSite, type BuiltSite } from '../support/site.ts';

let built: BuiltSite;
let fake: FakeResend;
const servers: FormServer[] = [];

const resendEnv = () => ({
  RESEND_API_KEY: FAKE_RESEND_KEY,
  RESEND_SEGMENT_ID: fake.segmentId,
  RESEND_BASE_URL: fake.url,
  SUBSCRIBE_SECRET: TEST_SECRET,
  REGISTER_TODAY: TODAY,
});
async function server(env: Record<string, string> = {}): Promise<FormServer> {
  const started = await startFormServer(built.site.root, { ...resendEnv(), ...env });
  servers.push(started);
  return started;
}
const html = async (response: Response) => (await response.text()).replace(/\s+/g, ' ');

beforeAll(async () => {
  built = buildTempSite();
  if (built.status !== 0) throw new Error(built.output);
  fake = await startFakeResend();
  const sync = await runScript('scripts/subscribers.ts', ['sync-topics'], {
    cwd: built.site.root,
    env: childEnv({ RESEND_API_KEY: FAKE_RESEND_KEY, RESEND_SEGMENT_ID: fake.segmentId, RESEND_BASE_URL: fake.url }),
  });
  if (sync.status !== 0) throw new Error(sync.stderr + sync.stdout);
});

afterAll(async () => {
  await Promise.all(servers.map((one) => one.close()));
  await fake?.close();
  built?.site[Symbol.dispose]();
});

describe('settings', () => {
  it('refuses to start without its secrets, one line for each', async () => {
    const failed = await startFormServer(built.site.root, { RESEND_API_KEY: FAKE_RESEND_KEY }).then(
      async (started) => {
        await started.close();
        return '';
      },
      (error: Error) => error.message,
    );
    expect(failed).toContain('RESEND_SEGMENT_ID is missing: set it to the id of the Resend segment');
    expect(failed).toContain('SUBSCRIBE_SECRET is missing: set it to at least 32 random characters');
  });
});

describe('subscribing with Resend', () => {
  let site: FormServer;
  beforeAll(async () => {
    site = await server();
  });

  it('sends a signed confirmation link, then adds the confirmed contact with its topics and consent', async () => {
    const answer = await site.post('subscribe/send/', { email: 'Ana@Customer.example', services: ['meetings', 'api'] });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/subscribe/check-your-inbox/');
    expect(fake.contacts().map((contact) => contact.email)).not.toContain('ana@customer.example');

    const email = fake.emails.find((sent) => sent.to.includes('ana@customer.example'))!;
    expect(email.subject).toBe("Confirm your subscription to Parlons's sub-processor notices");
    expect(email.text).toContain('for Parlons Meetings and Parlons Video API.');
    expect(email.text).toContain('https://parlons.example/subscribe/confirm/?token=');
    expect(email.idempotencyKey).toMatch(/^subscribe-confirm\/[A-Za-z0-9_-]{16}$/);
    const token = tokenIn(email.text);

    const ask = await html(await site.get(`subscribe/confirm/?token=${token}`));
    expect(ask).toContain('<strong>a***@customer.example</strong> for Parlons Meetings and Parlons Video API?');
    expect(fake.contacts().map((contact) => contact.email)).not.toContain('ana@customer.example');

    const confirmed = await site.post('subscribe/confirm/', { token });
    expect(confirmed.status).toBe(200);
    expect(await html(confirmed)).toContain('<h1>You are subscribed</h1>');
    const contact = fake.contacts().find((one) => one.email === 'ana@customer.example')!;
    expect(contact.segments).toEqual([fake.segmentId]);
    const topicOf = (service: string) =>
      fake.topics.find((topic) => topic.description.endsWith(`[service:${service}]`))!.id;
    expect(contact.topics).toEqual({
      [topicOf('meetings')]: 'opt_in',
      [topicOf('webinars')]: 'opt_out',
      [topicOf('rooms')]: 'opt_out',
      [topicOf('api')]: 'opt_in',
    });
    expect(contact.properties).toMatchObject({
      consent_services: 'meetings api',
      consent_wording: CONSENT_VERSION,
      consent_request: token.split('.')[1]!.slice(0, 16),
    });
    expect(Date.parse(String(contact.properties.consent_at))).toBeGreaterThan(Date.now() - 60_000);
    expect(fake.violations).toEqual([]);
  });

  it('changes nothing when the same link is confirmed twice', async () => {
    await site.post('subscribe/send/', { email: 'twice@customer.example', services: 'rooms' });
    const token = tokenIn(fake.emails.find((sent) => sent.to.includes('twice@customer.example'))!.text);
    await site.post('subscribe/confirm/', { token });
    const before = JSON.stringify(fake.contacts());
    const writes = fake.requests.filter((request) => !request.startsWith('GET')).length;

    const again = await site.post('subscribe/confirm/', { token });
    expect(await html(again)).toContain('<h1>Already confirmed</h1>');
    expect(JSON.stringify(fake.contacts())).toBe(before);
    expect(fake.requests.filter((request) => !request.startsWith('GET')).length).toBe(writes);
  });

  it('answers the same whether or not the address already subscribes', async () => {
    fake.addContacts(['known@customer.example']);
    const known = await site.post(
      'subscribe/send/',
      { email: 'known@customer.example', services: 'meetings' },
      { Accept: 'application/json' },
    );
    const unknown = await site.post(
      'subscribe/send/',
      { email: 'new@customer.example', services: 'meetings' },
      { Accept: 'application/json' },
    );
    expect(known.status).toBe(unknown.status);
    expect(await known.json()).toEqual(await unknown.json());
  });

  it('answers a filled honeypot like a person and sends nothing', async () => {
    const sent = fake.emails.length;
    const answer = await site.post('subscribe/send/', {
      email: 'robot@spam.example',
      services: 'api',
      website: 'http://spam.example',
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/subscribe/check-your-inbox/');
    expect(fake.emails.length).toBe(sent);
  });

  it('refuses a tampered link and changes nothing', async () => {
    await site.post('subscribe/send/', { email: 'eve@customer.example', services: 'meetings' });
    const token = tokenIn(fake.emails.find((sent) => sent.to.includes('eve@customer.example'))!.text);
    const [payload, signature] = token.split('.') as [string, string];
    const other = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('eve@customer.example', 'boss@customer.example'),
    ).toString('base64url');
    const before = JSON.stringify(fake.contacts());
    for (const forged of [`${other}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, 'nonsense', '']) {
      const answer = await site.post('subscribe/confirm/', { token: forged });
      expect(answer.status, forged).toBe(400);
      expect(await html(answer)).toContain('<h1>This link does not work</h1>');
    }
    expect(JSON.stringify(fake.contacts())).toBe(before);
  });

  it('refuses a link older than 48 hours and changes nothing', async () => {
    const requestedAt = Date.now() - 48 * 3_600_000 - 60_000;
    const token = await signRequest(
      { email: 'late@customer.example', services: ['meetings'], wording: CONSENT_VERSION, requestedAt },
      TEST_SECRET,
    );
    const opened = await site.get(`subscribe/confirm/?token=${token}`);
    expect(opened.status).toBe(410);
    expect(await html(opened)).toContain('<h1>This link has expired</h1>');
    expect((await site.post('subscribe/confirm/', { token })).status).toBe(410);
    expect(fake.contacts().map((contact) => contact.email)).not.toContain('late@customer.example');
  });

  it('sends the security headers with static pages and on-demand answers alike', async () => {
    for (const answer of [
      await site.get('subscribe/'),
      await site.get('subscribe/confirm/?token=x'),
      await site.get('rss.xml'),
    ]) {
      const policy = answer.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('refuses a form posted from another site', async () => {
    const answer = await site.post(
      'subscribe/send/',
      { email: 'x@customer.example' },
      { Origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(403);
  });
});

describe('rate limits', () => {
  it('stops an eleventh request from one client within ten minutes', async () => {
    const site = await server();
    const statuses: number[] = [];
    for (let index = 0; index < 11; index++)
      statuses.push(
        (await site.post('subscribe/send/', { email: `limit${index}@customer.example`, services: 'api' })).status,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
  });

  it('stops a fourth request for one address within an hour, whatever the client', async () => {
    const site = await server();
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++)
      statuses.push(
        (
          await site.post(
            'subscribe/send/',
            { email: 'victim@customer.example', services: 'api' },
            { Accept: 'application/json' },
          )
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('objecting', () => {
  it('sends the objection to the privacy contact and a receipt to the customer while the period is open', async () => {
    const site = await server({ REGISTER_TODAY: '2026-12-03' });
    const sent = fake.emails.length;
    const answer = await site.post('subprocessors/mistral/object/', {
      company: 'Acme <GmbH>',
      email: 'dpo@acme.example',
      reasons: 'We do not allow AI processing of meeting transcripts.',
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/subprocessors/mistral/object/?sent=1');
    const [toPrivacy, receipt] = fake.emails.slice(sent);
    expect(toPrivacy).toMatchObject({
      to: ['privacy@parlons.example'],
      reply_to: ['dpo@acme.example'],
      subject: 'Objection: Acme <GmbH> objects to Mistral AI',
    });
    expect(toPrivacy!.html).toContain('Acme &lt;GmbH&gt;');
    expect(toPrivacy!.text).toContain('We do not allow AI processing of meeting transcripts.');
    expect(receipt).toMatchObject({ to: ['dpo@acme.example'], reply_to: ['privacy@parlons.example'] });
    expect(receipt!.text).toContain('Mistral AI (Mistral AI SAS) becomes a sub-processor on 28 December 2026');
    expect(receipt!.text).toContain('Objections are open until 20 December 2026');
    expect(receipt!.text).toMatch(/received your objection on 3 December 2026, \d\d:\d\d:\d\d UTC/);
    expect(await html(await site.get('subprocessors/mistral/object/?sent=1'))).toContain(
      "Your objection was sent to Parlons SAS's privacy team.",
    );
  });

  it('after the deadline, says so and gives the privacy contact instead of a form', async () => {
    const site = await server({ REGISTER_TODAY: '2026-12-21' });
    const page = await html(await site.get('subprocessors/mistral/object/'));
    expect(page).toContain(
      'The objection period for this change ended on <time datetime="2026-12-20">20 December 2026</time>.',
    );
    expect(page).toContain('href="mailto:privacy@parlons.example?subject=Objection%3A%20Mistral%20AI"');
    expect(page).not.toContain('<form');
    const sent = fake.emails.length;
    const late = await site.post('subprocessors/mistral/object/', {
      company: 'Acme',
      email: 'dpo@acme.example',
      reasons: 'Late.',
    });
    expect(late.status).toBe(409);
    expect(fake.emails.length).toBe(sent);
  });

  it('has no objection form for a sub-processor already in use', async () => {
    const site = await server();
    expect(await html(await site.get('subprocessors/scaleway/object/'))).toContain(
      'There is no open objection period for Scaleway.',
    );
    expect((await site.get('subprocessors/no-such-entry/object/')).status).toBe(404);
  });
});

describe('without RESEND_API_KEY', () => {
  it('writes the confirmation to the outbox and keeps the confirmed contact in a local list', async () => {
    const outbox = mkdtempSync(join(tmpdir(), 'register-outbox-'));
    const site = await server({ RESEND_API_KEY: '', OUTBOX_DIR: outbox, SUBSCRIBE_SECRET: '' });
    expect(site.output()).toContain('no RESEND_API_KEY: emails go to');
    await site.post('subscribe/send/', { email: 'local@customer.example', services: ['meetings', 'webinars'] });
    const [confirmation] = outboxTexts(outbox, 'subscribe-confirm');
    expect(confirmation!.headers).toContain('To: local@customer.example');
    // Links point to the server the form was sent to, so they work on a laptop.
    expect(confirmation!.text).toContain(`${site.origin}/subscribe/confirm/?token=`);
    await site.post('subscribe/confirm/', { token: tokenIn(confirmation!.text) });
    expect(JSON.parse(readFileSync(join(outbox, 'contacts.json'), 'utf8'))).toMatchObject([
      { email: 'local@customer.example', services: ['meetings', 'webinars'], wording: CONSENT_VERSION },
    ]);
    const list = await runScript('scripts/subscribers.ts', ['list'], {
      cwd: built.site.root,
      env: childEnv({ OUTBOX_DIR: outbox }),
    });
    expect(list.stdout).toContain('l***@customer.example  meetings, webinars');
    expect(list.stdout).not.toContain('local@customer.example');
  });
});
