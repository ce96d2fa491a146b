/**
 * Exactly once under the faults an unlucky operator or a shared account meets: records that are
 * never pushed, run after run; a staging copy sending from the same Resend account; drafts left by
 * a failed create; a deleted notices branch; changes reverted before the notice; two runs at once;
 * dry runs; hung calls. Each test runs the real command against the contract-checked fake.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resend } from 'resend';
import { describe, expect, it } from 'vitest';
import { noticeKey, registerIdOf } from '../../src/core/notices/plan.ts';
import { readRecords } from '../../src/io/notice-records.ts';
import { FAKE_RESEND_KEY, startFakeResend } from '../support/fakes/resend.ts';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo, type TestRepo } from '../support/git-repo.ts';
import {
  addGamma,
  notifiedRepo,
  notify,
  onceEach,
  perSubscriber,
  removeGamma,
  restoreAcme,
  startRegister,
  SUBSCRIBERS,
  widenAcme,
} from '../support/notify-repo.ts';

const STAGING_SUBSCRIBERS = ['qa@acme.example'];

/** The record as it was before a run whose record was never pushed (the runner is thrown away). */
const loseRecordsAfter = (repo: TestRepo, kept: string) => repo.git('update-ref', 'refs/heads/notices', kept);
const recordTip = (repo: TestRepo) => repo.git('rev-parse', 'refs/heads/notices');

/** A copy of a repository with its notices branch, as a staging copy of production would be. */
function copyOf(repo: TestRepo): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'register-copy-'));
  rmSync(root, { recursive: true });
  execFileSync('git', ['clone', '-q', `file://${repo.root}`, root]);
  execFileSync('git', ['fetch', '-q', 'origin', 'notices:notices'], { cwd: root });
  return makeRepo(root);
}

describe('notices are matched to this register and this segment (one Resend account, several registers)', () => {
  it("never takes a staging copy's broadcast to its test segment for its own", async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    const testSegment = fake.addSegment();
    fake.addContacts(STAGING_SUBSCRIBERS, { segmentId: testSegment });
    using production = await notifiedRepo(fake);
    addGamma(production);
    using staging = copyOf(production);
    const staged = await notify(staging, fake, [], { segmentId: testSegment });
    expect(staged.status, staged.stderr).toBe(0);

    const result = await notify(production, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(perSubscriber(fake)).toEqual(onceEach());
    expect(perSubscriber(fake, STAGING_SUBSCRIBERS)).toEqual(onceEach(STAGING_SUBSCRIBERS));
    const productionBroadcast = fake.broadcasts.find((broadcast) => broadcast.segment_id === fake.segmentId);
    expect((await readRecords(production.root)).at(-1)?.providerIds).toEqual([productionBroadcast!.id]);
    expect(fake.violations).toEqual([]);
  });

  it("names each notice after its register, so another register's notices in the same segment are not its own", async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using acme = await notifiedRepo(fake);
    // A second register in the same account, with the same history (a fork published elsewhere).
    using fork = copyOf(acme);
    fork.commit('Publish the fork elsewhere', '2026-11-19', {
      'content/register.yaml': fixtureText('register.yaml').replace('https://acme.example', 'https://fork.example'),
    });
    addGamma(acme);
    addGamma(fork);
    expect((await notify(fork, fake)).status).toBe(0);
    const result = await notify(acme, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.broadcasts.map((broadcast) => broadcast.name?.split(' ')[1])).toEqual(['fork.example', 'acme.example']);
    expect((await readRecords(acme.root)).at(-1)?.providerIds).toEqual([fake.broadcasts[1]!.id]);
  });
});

describe('records that are never pushed', () => {
  it('recovers every notice a run sent but did not keep, run after run, and announces each change once', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    const pushed = recordTip(repo);

    addGamma(repo);
    expect((await notify(repo, fake)).status).toBe(0);
    loseRecordsAfter(repo, pushed);
    widenAcme(repo);
    expect((await notify(repo, fake)).status).toBe(0);
    loseRecordsAfter(repo, pushed);
    repo.commit('Add Delta', '2026-11-22', {
      'content/subprocessors/delta.md': fixtureText('entries/notice-sufficient.md').replace(
        /Example Processor/g,
        'Delta',
      ),
    });
    const third = await notify(repo, fake);
    expect(third.status, third.stderr).toBe(0);

    expect(fake.broadcasts.map((broadcast) => broadcast.subject)).toEqual([
      'Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)',
      'Acme Meetings: Updated Example Processor as sub-processor (object by 2026-12-21)',
      'Acme Meetings: Added Delta as sub-processor (object by 2026-12-27)',
    ]);
    expect(perSubscriber(fake)).toEqual(onceEach(SUBSCRIBERS, 3));
    const records = await readRecords(repo.root);
    expect(records.filter((record) => record.kind === 'notice').map((record) => record.providerIds[0])).toEqual(
      fake.broadcasts.map((broadcast) => broadcast.id),
    );
  });

  it('records a recovered notice as Resend holds it, not as it would be written today', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    const pushed = recordTip(repo);
    widenAcme(repo);
    expect((await notify(repo, fake)).status).toBe(0);
    loseRecordsAfter(repo, pushed);
    // A week later the same notice would be dated differently.
    const later = await notify(repo, fake, [], { env: { REGISTER_TODAY: '2026-11-30' } });
    expect(later.status, later.stderr).toBe(0);
    const record = (await readRecords(repo.root)).at(-1);
    expect(record?.subject).toBe(fake.broadcasts[0]!.subject);
    expect(record?.sentAt).toBe(fake.broadcasts[0]!.sent_at);
    expect(fake.broadcasts).toHaveLength(1);
  });
});

describe('drafts', () => {
  it('sends the draft a failed create left behind, and records it only once sent', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext(
      { kind: 'error', status: 500, name: 'internal_server_error', message: 'Internal error', effect: 'draft' },
      'POST /broadcasts',
    );
    const result = await notify(repo, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.broadcasts.map((broadcast) => broadcast.status)).toEqual(['sent']);
    expect(perSubscriber(fake)).toEqual(onceEach());
    expect((await readRecords(repo.root)).at(-1)).toMatchObject({
      kind: 'notice',
      providerIds: [fake.broadcasts[0]!.id],
    });
  });

  it('sends the draft when the connection dropped after Resend created it', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext({ kind: 'drop', effect: 'draft' }, 'POST /broadcasts');
    expect((await notify(repo, fake)).status).toBe(0);
    expect(perSubscriber(fake)).toEqual(onceEach());
  });
});

describe('a deleted notices branch', () => {
  it('refuses to record a new starting point while Resend holds notices of this register', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    expect((await notify(repo, fake)).status).toBe(0);
    repo.git('branch', '-D', 'notices');
    widenAcme(repo);

    const refused = await notify(repo, fake);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'There is no record of notices (the notices branch is missing), but Resend segment',
    );
    expect(refused.stderr).toContain(
      'npm run notify -- --baseline: it records the current commit as the starting point and sends nothing',
    );
    expect(await readRecords(repo.root)).toEqual([]);
    expect(fake.broadcasts).toHaveLength(1);

    const baseline = await notify(repo, fake, ['--baseline']);
    expect(baseline.status, baseline.stderr).toBe(0);
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline']);
    expect(fake.broadcasts).toHaveLength(1);
  });
});

describe('the notice compares the register at the last notice with the register now', () => {
  it('announces nothing for a sub-processor added and removed again, or a purpose widened and restored', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    removeGamma(repo);
    widenAcme(repo);
    restoreAcme(repo);
    const result = await notify(repo, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Nothing to notify: the changes since');
    expect(fake.broadcasts).toEqual([]);
  });

  it('announces what is left of the changes: one update, not two', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    widenAcme(repo);
    restoreAcme(repo);
    addGamma(repo, '2026-11-22');
    expect((await notify(repo, fake)).status).toBe(0);
    expect(fake.broadcasts.map((broadcast) => broadcast.subject)).toEqual([
      'Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)',
    ]);
  });
});

describe('two notify processes at once', () => {
  it('send the notice once: the first claim in the record wins', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    // Resend answers slowly, so both runs are under way before either has an answer.
    fake.failNext({ kind: 'delay', delayMs: 1_500 }, 'POST /broadcasts');
    fake.failNext({ kind: 'delay', delayMs: 1_500 }, 'POST /broadcasts');
    const runs = await Promise.all([notify(repo, fake), notify(repo, fake)]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    expect(fake.broadcasts).toHaveLength(1);
    expect(perSubscriber(fake)).toEqual(onceEach());
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline', 'claim', 'notice']);
  });
});

describe('npm run notify -- --dry-run', () => {
  it('sends nothing, not even a matching draft, and records nothing', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    const watermark = (await readRecords(repo.root))[0]!.to;
    const head = addGamma(repo);
    const resend = new Resend(FAKE_RESEND_KEY, { baseUrl: fake.url });
    await resend.broadcasts.create({
      name: noticeKey(registerIdOf('https://acme.example/'), watermark, head),
      segmentId: fake.segmentId,
      from: 'Acme Privacy <privacy@acme.example>',
      subject: 'Left as a draft',
      html: '<p>Draft</p>',
    });
    const result = await notify(repo, fake, ['--dry-run']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('is at Resend segment');
    expect(result.stdout).toContain('a run would record it');
    expect(fake.broadcasts.map((broadcast) => broadcast.status)).toEqual(['draft']);
    expect(fake.deliveries).toEqual([]);
    expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline']);
  });
});

describe('each Resend call has a timeout', () => {
  it('gives up waiting for a hung answer, finds the broadcast and records it', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    using repo = await notifiedRepo(fake);
    addGamma(repo);
    fake.failNext({ kind: 'delay', delayMs: 60_000 }, 'POST /broadcasts');
    const started = Date.now();
    const result = await notify(repo, fake, [], { env: { RESEND_TIMEOUT_MS: '500' } });
    expect(result.status, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(perSubscriber(fake)).toEqual(onceEach());
    expect((await readRecords(repo.root)).at(-1)?.kind).toBe('notice');
  }, 60_000);
});

describe('the outbox', () => {
  it('writes under an absolute --outbox path, and the .eml shows a non-ASCII sender with its address', async () => {
    using repo = makeRepo();
    startRegister(repo);
    repo.commit('A French sender name', '2026-01-06', {
      'content/register.yaml': fixtureText('register.yaml').replace(
        'from: Acme Privacy <privacy@acme.example>',
        'from: Équipe Confidentialité <privacy@acme.example>',
      ),
    });
    expect((await notify(repo, undefined)).status).toBe(0);
    addGamma(repo);
    const outbox = mkdtempSync(join(tmpdir(), 'register-outbox-'));
    try {
      const result = await notify(repo, undefined, ['--outbox', outbox]);
      expect(result.status, result.stderr).toBe(0);
      const eml = readdirSync(outbox).find((file) => file.endsWith('.eml'))!;
      const headers = readFileSync(join(outbox, eml), 'utf8')
        .split('\r\n\r\n')[0]!
        .replace(/\r\n[ \t]+/g, ' ');
      expect(headers).toMatch(/^From: =\?UTF-8\?[BQ]\?[^?]+\?= <privacy@acme\.example>$/m);
      // Not joined under the repository (path.join(root, '/tmp/…') would write to <repo>/tmp/…).
      expect(readdirSync(repo.root)).not.toContain(outbox.split('/')[1]);
    } finally {
      rmSync(outbox, { recursive: true, force: true });
    }
  });
});

describe('in CI without RESEND_API_KEY', () => {
  it('records nothing, writes the notice to the job summary and says it will be sent once the key is set', async () => {
    const summaryDir = mkdtempSync(join(tmpdir(), 'register-summary-'));
    const summary = join(summaryDir, 'summary.md');
    const ci = { env: { CI: 'true', GITHUB_STEP_SUMMARY: summary } };
    try {
      using repo = makeRepo();
      startRegister(repo);
      const first = await notify(repo, undefined, [], ci);
      expect(first.stdout).toContain('First run: recorded');
      addGamma(repo);
      const result = await notify(repo, undefined, [], ci);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('It will be sent by the first run once RESEND_API_KEY is set');
      expect(readFileSync(summary, 'utf8')).toContain(
        '## Notice not sent: Acme Meetings: Added Gamma Cloud as sub-processor (object by 2026-12-27)',
      );
      expect((await readRecords(repo.root)).map((record) => record.kind)).toEqual(['baseline']);
      expect(readdirSync(repo.root)).not.toContain('outbox');

      // Once the key is set, the same notice goes out.
      await using fake = await startFakeResend();
      fake.addContacts(SUBSCRIBERS);
      expect((await notify(repo, fake, [], ci)).status).toBe(0);
      expect(perSubscriber(fake)).toEqual(onceEach());
    } finally {
      rmSync(summaryDir, { recursive: true, force: true });
    }
  });
});

describe('service topics', () => {
  it("sends a notice whose changes all concern one service to that service's topic, found by name", async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    const meetings = fake.addTopic('Acme Meetings');
    fake.addTopic('Acme Webinars');
    fake.optOut('ben@customer-two.example', meetings);
    using repo = await notifiedRepo(fake);
    addGamma(repo, '2026-11-20', '[meetings]');
    const result = await notify(repo, fake);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.broadcasts.map((broadcast) => broadcast.topic_id)).toEqual([meetings]);
    expect(perSubscriber(fake)).toEqual({
      'ana@customer-one.example': 1,
      'ben@customer-two.example': 0,
      'chloe@customer-three.example': 1,
    });
    expect((await readRecords(repo.root)).at(-1)?.service).toBe('meetings');
    expect(fake.violations).toEqual([]);
  });

  it('sends a notice that concerns several services to the whole segment, once per subscriber', async () => {
    await using fake = await startFakeResend();
    fake.addContacts(SUBSCRIBERS);
    const meetings = fake.addTopic('Acme Meetings');
    fake.optOut('ben@customer-two.example', meetings);
    using repo = await notifiedRepo(fake);
    addGamma(repo, '2026-11-20', '[meetings]');
    widenAcme(repo);
    expect((await notify(repo, fake, [], { env: { RESEND_TOPICS: `meetings=${meetings}` } })).status).toBe(0);
    expect(fake.broadcasts.map((broadcast) => broadcast.topic_id)).toEqual([null]);
    expect(perSubscriber(fake)).toEqual(onceEach());
  });
});
