/**
 * `npm run notify [-- --dry-run]`
 *
 * Sends one notice for every material change since the last recorded notice, then records it on
 * the notices branch. With RESEND_API_KEY and RESEND_SEGMENT_ID it broadcasts to that Resend
 * segment; without a key it writes the notice to outbox/ instead, so it runs on a laptop with no
 * account. `--preview` writes the notice of the latest material change to the outbox whatever was
 * recorded (what `npm start` shows).
 */
import { join } from 'node:path';
import { todayUtc } from '../src/core/dates.ts';
import { DeliveryError } from '../src/core/notices/delivery.ts';
import { inertInActionsLog } from '../src/core/render/escape.ts';
import { renderNotice } from '../src/core/render/notice.ts';
import { noticeFor } from '../src/core/changes/diff.ts';
import { parseOptions, runCommand, UsageError } from '../src/io/cli.ts';
import { git, GitError, readContentAt, resolveCommit } from '../src/io/git.ts';
import { readHistory } from '../src/io/history.ts';
import { appendRecord, DEFAULT_NOTICES_REF, readRecords } from '../src/io/notice-records.ts';
import { NotifyError, runNotify } from '../src/core/notices/run.ts';
import { outboxDelivery } from '../src/io/outbox-delivery.ts';
import { readPublisher, siteUrlOf } from '../src/io/register-file.ts';
import { resendDelivery } from '../src/io/resend-delivery.ts';

const usage = `Usage: npm run notify -- [--dry-run] [--preview] [--to REV] [--outbox DIR] [--notices-ref REF] [--root DIR]

  --dry-run      print the notice that is due, send and record nothing
  --preview      write the notice of the latest material change to the outbox, record nothing
  --to           notify up to this revision (default: HEAD)
  --outbox       where notices go without RESEND_API_KEY (default: outbox/)
  --notices-ref  the branch that keeps the record of notices (default: ${DEFAULT_NOTICES_REF})

Environment: RESEND_API_KEY and RESEND_SEGMENT_ID send through Resend; without them notices go to the outbox.`;

await runCommand(async () => {
  const options = parseOptions(
    process.argv.slice(2),
    {
      'dry-run': { type: 'boolean' },
      preview: { type: 'boolean' },
      to: { type: 'string' },
      outbox: { type: 'string' },
      'notices-ref': { type: 'string' },
      root: { type: 'string' },
    },
    usage,
  );
  const root = options.root ?? process.cwd();
  if (options.preview && !(await isGitRepository(root))) {
    // npm start runs the preview first; a copy without history (a tarball) still starts.
    console.log('This copy of the register has no git history, so there is no notice to preview.');
    return 0;
  }
  const to = await resolveCommit(root, options.to ?? 'HEAD');
  const publisher = readPublisher(await readContentAt(root, to));
  const siteUrl = siteUrlOf(publisher);
  const today = process.env.REGISTER_TODAY ?? todayUtc();
  const { revisions } = await readHistory(root, to);
  const sender = {
    from: publisher.email.from,
    ...(publisher.email.replyTo ? { replyTo: publisher.email.replyTo } : {}),
  };

  const apiKey = process.env.RESEND_API_KEY;
  const delivery =
    apiKey && !options.preview
      ? resendDelivery({
          apiKey,
          segmentId: requiredSegment(),
          ...sender,
          ...(process.env.RESEND_BASE_URL ? { baseUrl: process.env.RESEND_BASE_URL } : {}),
        })
      : outboxDelivery(join(root, options.outbox ?? 'outbox'), sender, () => new Date());

  if (options.preview) {
    const latest = revisions.findLast((revision) => revision.changes.some((change) => change.material));
    if (latest === undefined) {
      console.log('No material change in the history: there is no notice to preview.');
      return 0;
    }
    const changes = latest.changes
      .filter((change) => change.material)
      .map((change) => ({
        ...change,
        notice: noticeFor(change.kind, change.entry ?? {}, publisher, latest.date.slice(0, 10)),
      }));
    const delivered = await delivery.deliver(
      `latest-notice ${latest.commit.slice(0, 12)}`,
      renderNotice(changes, { register: publisher, siteUrl, unsubscribeUrl: delivery.unsubscribeUrl }),
    );
    console.log(
      `The notice for the latest material change (${latest.commit.slice(0, 12)}, ${latest.date.slice(0, 10)}) is in ${delivered.providerIds[0]} and beside it as .html.`,
    );
    return 0;
  }

  try {
    await runNotify({
      revisions,
      records: {
        read: () => readRecords(root, options['notices-ref']),
        append: async (record) => void (await appendRecord(root, record, options['notices-ref'])),
      },
      delivery,
      publisher,
      siteUrl,
      today,
      now: () => new Date(),
      // Names and purposes come from content/: a line break in one must not start a workflow command.
      log: (line) => console.log(inertInActionsLog(line)),
      dryRun: options['dry-run'] ?? false,
    });
  } catch (error) {
    if (error instanceof DeliveryError || error instanceof NotifyError || error instanceof GitError) {
      console.error(inertInActionsLog(error.message));
      return 1;
    }
    throw error;
  }
  return 0;
});

function isGitRepository(root: string): Promise<boolean> {
  return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    () => true,
    () => false,
  );
}

function requiredSegment(): string {
  const segment = process.env.RESEND_SEGMENT_ID;
  if (!segment)
    throw new UsageError(
      'RESEND_API_KEY is set but RESEND_SEGMENT_ID is not: set it to the id of the Resend segment that holds the subscribers (npm run subscribers -- list shows it), or unset the key to write notices to the outbox.',
    );
  return segment;
}
