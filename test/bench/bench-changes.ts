/**
 * Benchmarks of the change engine and the notifier, as sections for `npm run bench`:
 *
 * - `history`: the history of a register of 1,000 entries with 1,000 commits (target ≤ 2 s);
 * - `diff`: the change set between two registers of 10,000 entries (target ≤ 200 ms);
 * - `notice`: what is due and its rendering for a catch-up over 100 revisions (target ≤ 1 s);
 * - `notice-calls`: the Resend calls one notice needs for 10 to 5,000 subscribers, counted on the
 *   local fake (they must not grow beyond one call per page of 100 contacts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffEntries } from '../../src/core/changes/diff.ts';
import { readSnapshot } from '../../src/core/changes/snapshot.ts';
import { planNotice, rangeSince, registerIdOf } from '../../src/core/notices/plan.ts';
import { renderNotice } from '../../src/core/render/notice.ts';
import { FAKE_RESEND_KEY, startFakeResend } from '../support/fakes/resend.ts';
import { formatMs, median, printTarget, timeRuns, type Benchmark } from './bench-measure.ts';
import { readContentAt } from '../../src/io/git.ts';
import { readHistory } from '../../src/io/history.ts';
import { siteUrlOf } from '../../src/core/register.ts';
import { readPublisher } from '../../src/io/register-file.ts';
import { resendDelivery } from '../../src/io/resend-delivery.ts';
import { SYNTHETIC_TODAY, syntheticRegister } from '../support/synthetic-register.ts';
import { writeSyntheticHistory } from '../support/synthetic-history.ts';

/** A temporary folder for one benchmark, removed afterwards. */
async function inTemp<T>(task: (root: string) => Promise<T>): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), 'subprocessor-bench-'));
  try {
    return await task(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const filesOf = (register: ReturnType<typeof syntheticRegister>) =>
  new Map([
    [register.register.path, register.register.text],
    ...register.entries.map((entry) => [entry.path, entry.text] as const),
  ]);

export const changeBenchmarks: Benchmark[] = [
  {
    name: 'history',
    description:
      'readHistory of 1,000 entries over 1,000 commits (git log + cat-file, parse, diff per commit), median of 5',
    async run() {
      await inTemp(async (root) => {
        const history = await writeSyntheticHistory(root, { entries: 1_000, commits: 1_000 });
        let revisions = 0;
        const times = await timeRuns(5, async () => (revisions = (await readHistory(root)).revisions.length));
        console.log(
          `  ${history.commits.toLocaleString('en-US')} commits, ${revisions.toLocaleString('en-US')} revisions: median ${formatMs(median(times))} ms (min ${formatMs(Math.min(...times))})`,
        );
        printTarget('history of 1,000 commits ≤ 2 s', `${formatMs(median(times))} ms`, median(times) <= 2_000);
      });
    },
  },
  {
    name: 'diff',
    description: 'diffEntries of two registers of 10,000 entries, 1% of them changed, median of 7',
    async run() {
      const before = readSnapshot(filesOf(syntheticRegister(10_000)));
      const afterFiles = filesOf(syntheticRegister(10_000));
      let changed = 0;
      for (const [path, text] of afterFiles) {
        if (path.endsWith('0.md') && changed < 100) {
          afterFiles.set(path, text.replace(/^purpose: (.*)$/m, 'purpose: "$1 and its backups"'));
          changed++;
        }
      }
      const after = readSnapshot(afterFiles);
      let found = 0;
      const times = await timeRuns(
        7,
        () =>
          (found = diffEntries(before.entries, after.entries, {
            register: after.register,
            published: SYNTHETIC_TODAY,
          }).length),
      );
      console.log(
        `  ${found} changes found: median ${formatMs(median(times))} ms (min ${formatMs(Math.min(...times))}); reading both registers first took ~${formatMs((await timeRuns(1, () => readSnapshot(afterFiles)))[0]!)} ms each`,
      );
      // The worst case: every file reformatted, so no text is equal and every value is compared.
      const reformatted = readSnapshot(new Map([...afterFiles].map(([path, text]) => [path, `${text}\n`])));
      const worst = await timeRuns(7, () =>
        diffEntries(after.entries, reformatted.entries, { register: after.register, published: SYNTHETIC_TODAY }),
      );
      console.log(
        `  every file reformatted (all values compared, no change found): median ${formatMs(median(worst))} ms`,
      );
      printTarget('diff of two 10,000-entry registers ≤ 200 ms', `${formatMs(median(times))} ms`, median(times) <= 200);
      printTarget('the same, every file reformatted ≤ 200 ms', `${formatMs(median(worst))} ms`, median(worst) <= 200);
    },
  },
  {
    name: 'notice',
    description:
      'planNotice + renderNotice for a catch-up over the last 100 revisions of a 1,000-commit history, median of 7',
    async run() {
      await inTemp(async (root) => {
        await writeSyntheticHistory(root, { entries: 1_000, commits: 1_000 });
        const { revisions } = await readHistory(root);
        const publisher = readPublisher(filesOf(syntheticRegister(1_000)));
        const watermark = revisions.at(-101)!.commit;
        // Read once, as the notifier does: the register at the watermark and at the head.
        const registers = {
          from: readSnapshot(await readContentAt(root, watermark)),
          to: readSnapshot(await readContentAt(root, revisions.at(-1)!.commit)),
        };
        let size = { changes: 0, html: 0 };
        const times = await timeRuns(7, () => {
          const range = rangeSince(revisions, watermark);
          if (range.status !== 'range') throw new Error(`expected revisions after the watermark, got ${range.status}`);
          const due = planNotice(range.range, registers, registerIdOf(siteUrlOf(publisher)), SYNTHETIC_TODAY);
          if (due === undefined) throw new Error('expected a notice to be due');
          const notice = renderNotice(due.changes, {
            register: publisher,
            siteUrl: siteUrlOf(publisher),
            unsubscribeUrl: '{{{RESEND_UNSUBSCRIBE_URL}}}',
          });
          size = { changes: due.changes.length, html: notice.html.length };
        });
        console.log(
          `  100 revisions, ${size.changes} material changes, ${Math.round(size.html / 1024)} KB of HTML: median ${formatMs(median(times))} ms`,
        );
        printTarget(
          'notice for a 100-revision catch-up ≤ 1 s',
          `${formatMs(median(times))} ms`,
          median(times) <= 1_000,
        );
      });
    },
  },
  {
    name: 'notice-calls',
    description: 'Resend API calls to send one notice, by number of subscribers (local fake, real SDK)',
    async run() {
      const publisher = readPublisher(filesOf(syntheticRegister(1)));
      const counts: string[] = [];
      let growsOnlyByPages = true;
      for (const subscribers of [10, 100, 1_000, 5_000]) {
        await using fake = await startFakeResend();
        fake.addContacts(Array.from({ length: subscribers }, (_, index) => `subscriber-${index}@customer.example`));
        const delivery = resendDelivery({
          apiKey: FAKE_RESEND_KEY,
          segmentId: fake.segmentId,
          from: publisher.email.from,
          baseUrl: fake.url,
        });
        await delivery.findDelivered('register-notice none..');
        await delivery.deliver('register-notice bench', { subject: 'Bench', text: 'Bench', html: '<p>Bench</p>' });
        const calls = fake.requests.length;
        const expected = 1 + 1 + 1 + Math.max(1, Math.ceil(subscribers / 100));
        growsOnlyByPages &&= calls === expected && fake.deliveries.length === subscribers;
        counts.push(`${subscribers.toLocaleString('en-US')} subscribers: ${calls} calls`);
      }
      console.log(
        `  ${counts.join('; ')} (1 lookup of earlier broadcasts, 1 create-and-send, 1 read-back of what was sent, 1 per 100 contacts counted)`,
      );
      printTarget('calls grow only by pages of 100 contacts', growsOnlyByPages ? 'yes' : 'no', growsOnlyByPages);
    },
  },
];
