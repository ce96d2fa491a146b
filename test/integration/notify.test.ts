/**
 * `npm run notify` end to end: the real command in a child process, on a real git repository with
 * pinned dates, sending through the real `resend` SDK to a local fake that checks every request
 * against Resend's OpenAPI document. One notice per material change set, none for editorial
 * changes, nothing twice — whatever fails on the way.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readSnapshot } from '../../src/core/changes/snapshot.ts';
import { versionJsonText } from '../../src/core/versions/version-json.ts';
import { readContentAt } from '../../src/io/git.ts';
import { readRecords } from '../../src/io/notice-records.ts';
import { startFakeResend } from '../support/fakes/resend.ts';
import { fixtureText } from '../support/helpers.ts';
import {
  ACME,
  addGamma,
  notifiedRepo,
  notify as notifyWith,
  perSubscriber,
  SUBSCRIBERS,
  widenAcme,
} from '../support/notify-repo.ts';
import { childEnv, runScript, tempProject } from '../support/project.ts';
import type { FakeResend } from '../support/fakes/resend.ts';
import type { TestRepo } from '../support/git-repo.ts';

/** Wait for something another process does (at most 10 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('waited 10 s in vain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const notify = (repo: TestRepo, fake: FakeResend | undefined, ...args: string[]) => notifyWith(repo, fake, args);

describe('npm run notify through Resend', () => {
  it('sends nothing on the first run: it records the starting point', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    expect(fake.broadcasts).toEqual([]);
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline']);
  });

  it('sends one notice for a material change, to every subscribed contact, and records it without addresses', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    fake.addContacts(['gone@customer-four.example'], { unsubscribed: true });
    using repo = await notifiedRepo(fake);
    const head = addGamma(repo);
    const result = await notify(repo, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('for 3 subscribers');
    expect(fake.broadcasts).toHaveLength(1);
    expect(fake.broadcasts[0]).toMatchObject({
      status: 'sent',
      segment_id: fake.segmentId,
      from: 'Acme Privacy <privacy@acme.example>',
      subject: 'Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)',
    });
    expect(fake.broadcasts[0]?.html).toContain('{{{RESEND_UNSUBSCRIBE_URL}}}');
    expect(perSubscriber(fake)).toEqual({
      'ana@customer-one.example': 1,
      'ben@customer-two.example': 1,
      'chloe@customer-three.example': 1,
    });
    const records = await readRecords(repo.root);
    expect(records.at(-1)).toMatchObject({
      kind: 'notice',
      to: head,
      recipients: 3,
      provider: 'resend',
      providerIds: [fake.broadcasts[0]!.id],
    });
    expect(records.at(-1)?.revisions.map((revision) => revision.changes)).toEqual([
      [{ kind: 'added', id: 'gamma', name: 'Gamma Cloud', material: true }],
    ]);
    expect(JSON.stringify(records)).not.toMatch(/@customer-/);
    expect(fake.violations).toEqual([]);
  });

  it('sends nothing on a re-run', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    await notify(repo, fake);
    const again = await notify(repo, fake);
    expect(again.stdout).toContain('Nothing to notify: every change up to');
    expect(fake.broadcasts).toHaveLength(1);
  });

  it('sends nothing for editorial changes', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    repo.commit('Fix the address', '2026-11-21', {
      [ACME]: fixtureText('entries/valid-eea-only.md').replace("1 rue de l'Exemple", "3 rue de l'Exemple"),
    });
    const result = await notify(repo, fake);
    expect(result.stdout).toContain('Nothing to notify: the changes since');
    expect(fake.broadcasts).toEqual([]);
  });

  it('retries a 429, honouring retry-after, and a 500, then sends once', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext(
      { kind: 'error', status: 429, name: 'rate_limit_exceeded', message: 'Too many requests', retryAfter: 1 },
      'POST /broadcasts',
    );
    fake.failNext(
      { kind: 'error', status: 500, name: 'internal_server_error', message: 'Internal error', retryAfter: 0 },
      'POST /broadcasts',
    );
    const result = await notify(repo, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.broadcasts).toHaveLength(1);
    expect(perSubscriber(fake)).toEqual({
      'ana@customer-one.example': 1,
      'ben@customer-two.example': 1,
      'chloe@customer-three.example': 1,
    });
  });

  it('finds the broadcast instead of sending it again when the answer to the send is lost (a timeout)', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext({ kind: 'drop' }, 'POST /broadcasts');
    const result = await notify(repo, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.broadcasts).toHaveLength(1);
    expect(perSubscriber(fake)).toEqual({
      'ana@customer-one.example': 1,
      'ben@customer-two.example': 1,
      'chloe@customer-three.example': 1,
    });
    expect((await readRecords(repo.root)).at(-1)?.providerIds).toEqual([fake.broadcasts[0]!.id]);
  });

  it('after a crash between sending and recording, records the sent notice and sends only what is new', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    // Resend takes its time to answer; meanwhile the record becomes unwritable (git refuses a locked ref).
    const lock = join(repo.root, '.git/refs/heads/notices.lock');
    fake.failNext({ kind: 'delay', delayMs: 1_000 }, 'POST /broadcasts');
    const running = notify(repo, fake);
    await until(() => fake.requests.includes('POST /broadcasts'));
    writeFileSync(lock, '');
    const crashed = await running;
    expect(crashed.status).toBe(1);
    expect(crashed.stderr).toContain('The notice was sent but could not be recorded on refs/heads/notices');
    expect(crashed.stderr).not.toMatch(/\n\s+at /);
    expect(fake.broadcasts).toHaveLength(1);

    rmSync(lock);
    widenAcme(repo);
    const next = await notify(repo, fake);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toContain('a run claimed and sent it to Resend segment');
    expect(fake.broadcasts.map((broadcast) => broadcast.subject)).toEqual([
      'Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)',
      'Acme Meetings: Updated Example Processor as sub-processor (object by 2026-12-21)',
    ]);
    expect(perSubscriber(fake)).toEqual({
      'ana@customer-one.example': 2,
      'ben@customer-two.example': 2,
      'chloe@customer-three.example': 2,
    });
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual([
      'baseline',
      'claim',
      'notice',
      'claim',
      'notice',
    ]);
  });

  it('catches up after a failed run followed by a new merge, in one notice', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext({ kind: 'error', status: 401, name: 'invalid_api_key', message: 'API key is invalid' });
    const failed = await notify(repo, fake);
    expect(failed.status).toBe(1);
    widenAcme(repo);
    const next = await notify(repo, fake);
    expect(next.status, next.stderr).toBe(0);
    expect(fake.broadcasts.map((broadcast) => broadcast.subject)).toEqual([
      'Acme Meetings: 2 changes to our sub-processors (object by 2026-12-21)',
    ]);
    expect(
      (await readRecords(repo.root)).at(-1)?.revisions.map((revision) => revision.changes.map((change) => change.id)),
    ).toEqual([['gamma'], ['acme']]);
  });

  it('fails loudly on a permanent error and leaves the watermark where it was', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext(
      { kind: 'error', status: 422, name: 'invalid_from_address', message: 'Invalid `from` field.' },
      'POST /broadcasts',
    );
    const result = await notify(repo, fake);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Resend refused to send the notice: 422 invalid_from_address — Invalid `from` field.. Check RESEND_SEGMENT_ID and the sender address (email.from in content/register.yaml must use a domain verified in Resend).',
    );
    // Claimed, then given back: Resend refused it, so the next run plans from the same watermark.
    const records = await readRecords(repo.root);
    expect(records.map((record) => record.kind)).toEqual(['baseline', 'claim', 'release']);
    expect(records.at(-1)?.to).toBe(records[0]?.to);
    expect(fake.broadcasts).toEqual([]);
  });

  it('prints the notice with --dry-run and sends or records nothing', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    const result = await notify(repo, fake, '--dry-run');
    expect(result.stdout).toContain(
      'Dry run: would send "Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)"',
    );
    expect(result.stdout).toContain('To object, reply to this email or write to privacy@acme.example by 2026-12-27');
    expect(fake.broadcasts).toEqual([]);
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline']);
  });

  it('names the register version it announces and the SHA-256 of its JSON, recomputed from git', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    const head = repo.git('rev-parse', 'HEAD');
    const files = await readContentAt(repo.root, head);
    const text = versionJsonText({ id: '2026-11-20', commit: head }, [...readSnapshot(files).entries.values()]);
    const result = await notify(repo, fake, '--dry-run');
    expect(result.stdout).toContain(
      `This notice announces register version 2026-11-20 (commit ${head.slice(0, 12)}), SHA-256 ${createHash('sha256').update(text).digest('hex')}: https://acme.example/versions/2026-11/#v2026-11-20`,
    );
  });

  it('needs API calls that grow with subscribers only by the page size of 100', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(Array.from({ length: 250 }, (_, index) => `subscriber-${index}@customer.example`));
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    const before = fake.requests.length;
    await notify(repo, fake);
    expect(fake.requests.slice(before)).toEqual([
      'GET /broadcasts',
      'POST /broadcasts',
      `GET /broadcasts/${fake.broadcasts[0]!.id}`,
      'GET /segments/' + fake.segmentId + '/contacts',
      'GET /segments/' + fake.segmentId + '/contacts',
      'GET /segments/' + fake.segmentId + '/contacts',
    ]);
    expect(fake.deliveries).toHaveLength(250);
  });
});

describe('npm run notify without RESEND_API_KEY', () => {
  it('writes the notice to the outbox as .eml and .html, says where, and records it', async () => {
    using repo = await notifiedRepo(undefined);
    addGamma(repo);
    const result = await notify(repo, undefined);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('to the outbox folder outbox/ (outbox/register-notice_');
    const files = readdirSync(join(repo.root, 'outbox')).sort();
    expect(files.map((file) => file.replace(/[0-9a-f]{12}\.\.[0-9a-f]{12}/, 'RANGE'))).toEqual([
      'register-notice_acme.example_RANGE.eml',
      'register-notice_acme.example_RANGE.html',
    ]);
    // Long headers are folded (RFC 5322 §2.2.3): unfold them to read them.
    const eml = readFileSync(join(repo.root, 'outbox', files[0]!), 'utf8').replace(/\r\n[ \t]+/g, ' ');
    expect(eml).toContain('Subject: Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)');
    expect(eml).toContain('Content-Type: multipart/alternative');
    expect((await readRecords(repo.root)).at(-1)).toMatchObject({ kind: 'notice', provider: 'outbox', recipients: 0 });
    expect((await notify(repo, undefined)).stdout).toContain('Nothing to notify');
  });
});

describe('npm run notify -- --preview (what npm start shows)', () => {
  it('writes the notice of the changes customers can still object to to the outbox, whatever was recorded, and records nothing', async () => {
    using repo = await notifiedRepo(undefined);
    addGamma(repo);
    repo.commit('Fix the address', '2026-11-21', {
      [ACME]: fixtureText('entries/valid-eea-only.md').replace("1 rue de l'Exemple", "3 rue de l'Exemple"),
    });
    const result = await notify(repo, undefined, '--preview');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^The notice of the change customers can still object to \(gamma\) is in outbox\/open-notices_[0-9a-f]{12}\.eml and beside it as \.html\.$/m,
    );
    expect(
      readFileSync(
        join(repo.root, 'outbox', readdirSync(join(repo.root, 'outbox')).find((file) => file.endsWith('.html'))!),
        'utf8',
      ),
    ).toContain('Added: Gamma Cloud');
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline']);
  });

  it('says there is nothing to preview in a copy without git history, and succeeds', async () => {
    using project = tempProject();
    const result = await runScript('scripts/notify.ts', ['--preview'], { cwd: project.root, env: childEnv() });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(
      'This copy of the register has no git history, so there is no notice to preview.',
    );
  });
});
