/**
 * `npm run notify [-- --dry-run]`
 *
 * Sends one notice for every material change since the last recorded notice, then records it on
 * the notices branch. With RESEND_API_KEY and RESEND_SEGMENT_ID it broadcasts to that Resend
 * segment; without a key it writes the notice to outbox/ instead, so it runs on a laptop with no
 * account. `--preview` writes the notice of the changes customers can still object to (by the notice
 * model's days) to the outbox, whatever was recorded (what `npm start` shows).
 */
import { resolve } from 'node:path';
import { inertInActionsLog } from '../src/core/render/escape.ts';
import { renderNotice } from '../src/core/render/notice.ts';
import { readSnapshot } from '../src/core/changes/snapshot.ts';
import { openNotices } from '../src/core/notices/notice-model.ts';
import { parseOptions, runCommand, usageError } from '../src/io/cli.ts';
import { git, readContentAt, resolveCommit } from '../src/io/git.ts';
import { versionAt } from '../src/core/versions/versions.ts';
import { readHistory, sha256Parts } from '../src/io/history.ts';
import { appendRecord, DEFAULT_NOTICES_REF, readRecordState } from '../src/io/notice-records.ts';
import { runNotify } from '../src/core/notices/run.ts';
import { outboxDelivery } from '../src/io/outbox-delivery.ts';
import { siteUrlOf } from '../src/core/register.ts';
import { readPublisher } from '../src/io/register-file.ts';
import { registerToday } from '../src/io/today.ts';
import { resendDelivery } from '../src/io/resend-delivery.ts';
import { jobSummaryDelivery } from '../src/io/summary-delivery.ts';

const usage = `Usage: npm run notify -- [--dry-run] [--preview] [--baseline] [--to REV] [--outbox DIR] [--notices-ref REF] [--root DIR]

  --dry-run      print the notice that is due, send and record nothing
  --preview      write the notice of the changes customers can still object to (deadline today or later) to the outbox, record nothing
  --baseline     with no record of notices, record HEAD as the starting point even though the
                 provider holds notices of this register (the record was lost): sends nothing
  --to           notify up to this revision (default: HEAD)
  --outbox       where notices go without RESEND_API_KEY (default: outbox/)
  --notices-ref  the branch that keeps the record of notices (default: ${DEFAULT_NOTICES_REF})

Environment: RESEND_API_KEY and RESEND_SEGMENT_ID send through Resend; without them notices go to the outbox,
or, in CI (CI=true), to the job summary, unrecorded, until the key is set. RESEND_TOPICS=service=topicId,…
names the topic of each service (otherwise looked up by the service's key or label). RESEND_TIMEOUT_MS:
how long one Resend call may take (default 30000).`;

await runCommand(async () => {
  const options = parseOptions(
    process.argv.slice(2),
    {
      'dry-run': { type: 'boolean' },
      preview: { type: 'boolean' },
      baseline: { type: 'boolean' },
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
  const siteUrl = siteUrlOf(publisher, { site: process.env.SITE, base: process.env.BASE });
  const today = registerToday();
  const { revisions } = await readHistory(root, to);
  const sender = {
    from: publisher.email.from,
    ...(publisher.email.replyTo ? { replyTo: publisher.email.replyTo } : {}),
  };

  const apiKey = process.env.RESEND_API_KEY;
  const outbox = () => outboxDelivery(resolve(root, options.outbox ?? 'outbox'), sender, () => new Date());
  const delivery = options.preview
    ? outbox()
    : apiKey
      ? resendDelivery({
          apiKey,
          segmentId: requiredSegment(),
          ...sender,
          ...(process.env.RESEND_BASE_URL ? { baseUrl: process.env.RESEND_BASE_URL } : {}),
          ...(Number(process.env.RESEND_TIMEOUT_MS) > 0 ? { timeoutMs: Number(process.env.RESEND_TIMEOUT_MS) } : {}),
          topics: parseTopics(process.env.RESEND_TOPICS),
          serviceLabels: publisher.services ?? {},
          warn: (line) => console.log(inertInActionsLog(line)),
        })
      : process.env.CI === 'true'
        ? jobSummaryDelivery(process.env.GITHUB_STEP_SUMMARY, () => new Date())
        : outbox();

  if (options.preview) {
    const open = openNotices(
      revisions.flatMap((revision) => revision.changes),
      today,
    );
    if (open.length === 0) {
      console.log(`No change customers can still object to on ${today}: there is no notice to preview.`);
      return 0;
    }
    const head = revisions.at(-1)?.commit;
    const version = head === undefined ? undefined : versionAt(revisions, head, sha256Parts);
    const delivered = await delivery.deliver(
      `open-notices ${to.slice(0, 12)}`,
      renderNotice(open, {
        register: publisher,
        siteUrl,
        unsubscribeUrl: delivery.unsubscribeUrl,
        ...(version !== undefined ? { version } : {}),
      }),
    );
    console.log(
      `The notice of the ${open.length === 1 ? 'change' : `${open.length} changes`} customers can still object to (${open.map((change) => change.id).join(', ')}) is in ${delivered.providerIds[0]} and beside it as .html.`,
    );
    return 0;
  }

  await runNotify({
    revisions,
    registerAt: async (commit) => readSnapshot(await readContentAt(root, commit)),
    records: {
      read: () => readRecordState(root, options['notices-ref']),
      append: (record, version) => appendRecord(root, record, options['notices-ref'], version ?? null),
    },
    delivery,
    publisher,
    siteUrl,
    today,
    now: () => new Date(),
    // Names and purposes come from content/: a line break in one must not start a workflow command.
    log: (line) => console.log(inertInActionsLog(line)),
    dryRun: options['dry-run'] ?? false,
    baseline: options.baseline ?? false,
    versionOf: (commit) => versionAt(revisions, commit, sha256Parts),
  });
  return 0;
});

function isGitRepository(root: string): Promise<boolean> {
  return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    () => true,
    () => false,
  );
}

/** `meetings=topic-id,webinars=topic-id` → { meetings: 'topic-id', … } */
function parseTopics(value: string | undefined): Record<string, string> {
  const topics: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const [service, id] = pair.split('=').map((part) => part.trim());
    if (!service) continue;
    if (!id)
      throw usageError(
        `RESEND_TOPICS: "${pair.trim()}" has no topic id. Write service=topicId pairs separated by commas (meetings=…,webinars=…), or leave RESEND_TOPICS unset to look topics up by name.`,
      );
    topics[service] = id;
  }
  return topics;
}

function requiredSegment(): string {
  const segment = process.env.RESEND_SEGMENT_ID;
  if (!segment)
    throw usageError(
      'RESEND_API_KEY is set but RESEND_SEGMENT_ID is not: set it to the id of the Resend segment that holds the subscribers (npm run subscribers -- list shows it), or unset the key to write notices to the outbox.',
    );
  return segment;
}
