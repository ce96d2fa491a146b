/**
 * One run of the notifier, with every outside thing passed in (history, records, delivery, clock)
 * so tests drive it with real git repositories and a fake Resend, and the command only wires the
 * real ones. Order matters for "exactly once": recover a notice an earlier run sent but did not
 * record; then send what is due; record only after the provider accepted it.
 */
import type { Revision } from '../changes/history.ts';
import type { NoticeDelivery } from './delivery.ts';
import { noticeKeyPrefixFrom, planNotice, type DueNotice } from './plan.ts';
import { baselineRecord, noticeRecord, type NoticeRecord } from './record.ts';
import { renderNotice } from '../render/notice.ts';
import type { Register } from '../schema.ts';

export interface NotifyPorts {
  /** The first-parent history of content/ up to the commit being notified, oldest first. */
  revisions: readonly Revision[];
  records: { read(): Promise<NoticeRecord[]>; append(record: NoticeRecord): Promise<void> };
  delivery: NoticeDelivery;
  publisher: Register;
  siteUrl: string;
  today: string;
  now: () => Date;
  log: (line: string) => void;
  dryRun: boolean;
}

export class NotifyError extends Error {
  override name = 'NotifyError';
}

export async function runNotify(ports: NotifyPorts): Promise<void> {
  const { revisions, records, delivery, log } = ports;
  const head = revisions.at(-1);
  if (head === undefined) {
    log('The register has no history yet: nothing to notify.');
    return;
  }
  const last = (await records.read()).at(-1);
  if (last === undefined) {
    if (ports.dryRun) {
      log(
        `First run: would record ${head.commit.slice(0, 12)} as the starting point and send nothing. Changes after it will be notified.`,
      );
      return;
    }
    await records.append(baselineRecord(head.commit, ports.now().toISOString()));
    log(
      `First run: recorded ${head.commit.slice(0, 12)} as the starting point; the existing register was not mailed. Material changes after it will be notified.`,
    );
    return;
  }

  let watermark = last.to;
  const recovered = await delivery.findDelivered(noticeKeyPrefixFrom(watermark));
  if (recovered !== undefined) {
    const covered = revisions.find((revision) => recovered.key.endsWith(`..${revision.commit.slice(0, 12)}`));
    if (covered === undefined)
      throw new NotifyError(
        `${delivery.destination} has a notice "${recovered.key}" that covers a revision missing from this history; record it by hand or fetch the full history.`,
      );
    const notice = dueUpTo(ports, watermark, covered.commit);
    if (notice !== undefined && !ports.dryRun) {
      await records.append(noticeRecord(notice, render(ports, notice).subject, recovered.delivered));
      log(
        `Recorded ${recovered.key}: an earlier run sent it to ${delivery.destination} but stopped before recording it. It was not sent again.`,
      );
    }
    watermark = covered.commit;
  }

  const plan = planNotice(revisions, watermark, ports.publisher, ports.today);
  switch (plan.status) {
    case 'watermark-missing':
      throw new NotifyError(
        `The last recorded notice covers ${watermark.slice(0, 12)}, which is not in the history of ${head.commit.slice(0, 12)} (was the branch rewritten, or is this a shallow clone?). ` +
          'Fetch the full history (fetch-depth: 0). If the branch was rewritten on purpose, check what customers were told and record a new starting point by hand.',
      );
    case 'up-to-date':
      log(`Nothing to notify: every change up to ${head.commit.slice(0, 12)} is covered by a recorded notice.`);
      return;
    case 'nothing-material':
      log(`Nothing to notify: the changes since ${watermark.slice(0, 12)} are editorial.`);
      return;
    case 'due':
      await send(ports, plan.notice);
  }
}

function dueUpTo(ports: NotifyPorts, from: string, to: string): DueNotice | undefined {
  const upTo = ports.revisions.slice(0, ports.revisions.findIndex((revision) => revision.commit === to) + 1);
  const plan = planNotice(upTo, from, ports.publisher, ports.today);
  return plan.status === 'due' ? plan.notice : undefined;
}

const render = (ports: NotifyPorts, notice: DueNotice) =>
  renderNotice(notice.changes, {
    register: ports.publisher,
    siteUrl: ports.siteUrl,
    unsubscribeUrl: ports.delivery.unsubscribeUrl,
  });

async function send(ports: NotifyPorts, notice: DueNotice): Promise<void> {
  const rendered = render(ports, notice);
  const ids = [...new Set(notice.changes.map((change) => change.id))].join(', ');
  if (ports.dryRun) {
    ports.log(
      `Dry run: would send "${rendered.subject}" to ${ports.delivery.destination} for ${notice.changes.length} material ${notice.changes.length === 1 ? 'change' : 'changes'} (${ids}), ${notice.from.slice(0, 12)}..${notice.to.slice(0, 12)}.\n`,
    );
    ports.log(rendered.text);
    return;
  }
  const delivered = await ports.delivery.deliver(notice.key, rendered);
  await ports.records.append(noticeRecord(notice, rendered.subject, delivered));
  ports.log(
    `Sent "${rendered.subject}" to ${ports.delivery.destination}` +
      (delivered.provider === 'outbox'
        ? ` (${delivered.providerIds.join(', ')}; open it in a mail client or a browser)`
        : ` for ${delivered.recipients} ${delivered.recipients === 1 ? 'subscriber' : 'subscribers'} (broadcast ${delivered.providerIds.join(', ')})`) +
      `, and recorded it: ${notice.changes.length} material ${notice.changes.length === 1 ? 'change' : 'changes'} (${ids}).`,
  );
}
