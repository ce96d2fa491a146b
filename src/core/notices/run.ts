/**
 * One run of the notifier, with every outside thing passed in (history, records, delivery, clock)
 * so tests drive it with real git repositories and a fake Resend, and the command only wires the
 * real ones.
 *
 * Exactly once rests on the order of three steps, each a record on the notices branch:
 * 1. claim the notice (the record is also the lock: appending fails when another run moved the
 *    record first, so of two runs at once only one claims);
 * 2. hand it to the provider, named after the range it covers and the register;
 * 3. record it sent.
 * A run that finds a claim without its "sent" record (a run died between 1 and 3) settles it first:
 * it looks the notice up at the provider and records what the provider holds, or sends it if the
 * provider has nothing — once the claim's time is up, taking it over with a new claim. A run whose
 * record was lost (not pushed) finds the notices it sent at the provider by name, and records them,
 * one after the other until nothing is left, before planning anything new.
 */
import type { Revision } from '../changes/history.ts';
import type { Snapshot } from '../changes/snapshot.ts';
import { UserError } from '../errors.ts';
import { DeliveryError, type NoticeDelivery } from './delivery.ts';
import {
  noticeKeyPrefixFrom,
  planNotice,
  rangeSince,
  registerIdOf,
  registerKeyPrefix,
  type DueNotice,
  type NoticeRange,
} from './plan.ts';
import {
  baselineRecord,
  claimRecord,
  noticeRecord,
  openClaim,
  releaseRecord,
  type Delivered,
  type NoticeRecord,
} from './record.ts';
import { quoteForLog } from '../render/escape.ts';
import { renderNotice, type RenderedNotice } from '../render/notice.ts';
import type { Register } from '../schema.ts';

/** The record as read, and its version: appending on an older version fails (another run came first). */
export interface RecordState {
  records: NoticeRecord[];
  version: string | undefined;
}

export interface NotifyPorts {
  /** The first-parent history of content/ up to the commit being notified, oldest first. */
  revisions: readonly Revision[];
  /** The register as it stood at a revision, to compare the watermark with the head. */
  registerAt(commit: string): Promise<Snapshot>;
  records: {
    read(): Promise<RecordState>;
    /** Append on top of `version`; throws RecordConflict when the record moved since. Returns the new version. */
    append(record: NoticeRecord, version: string | undefined): Promise<string>;
  };
  delivery: NoticeDelivery;
  publisher: Register;
  siteUrl: string;
  today: string;
  now: () => Date;
  log: (line: string) => void;
  dryRun: boolean;
  /** Record a new starting point even though this register's notices exist at the provider (`--baseline`). */
  baseline?: boolean;
  /** How long a claim is held before another run may take it over (default 10 minutes). */
  claimMs?: number;
  /** The register version at a commit (day, commit, SHA-256 of its JSON), for the notice to name. */
  versionOf?: (commit: string) => { id: string; commit: string; sha256: string } | undefined;
}

/**
 * Another run appended to the record between our read and our append: the notifier reads the
 * record again; after too many races it reaches the user as any UserError.
 */
export class RecordConflict extends UserError {
  override name = 'RecordConflict';
}

/** Longer than a run can take from its claim to the provider's answer (each call has a timeout and a deadline). */
export const DEFAULT_CLAIM_MS = 10 * 60 * 1000;
/** How often a run reads the record again after losing a race for it, before giving up. */
const RACES = 5;

export async function runNotify(ports: NotifyPorts): Promise<void> {
  const head = ports.revisions.at(-1);
  if (head === undefined) {
    ports.log('The register has no history yet: nothing to notify.');
    return;
  }
  if (ports.dryRun) return dryRun(ports);
  for (let race = 1; ; race++) {
    try {
      return await notifyFromRecord(ports);
    } catch (error) {
      if (!(error instanceof RecordConflict) || race >= RACES) throw error;
      ports.log('Another run recorded a notice at the same time: reading the record again.');
    }
  }
}

async function notifyFromRecord(ports: NotifyPorts): Promise<void> {
  const { delivery, log } = ports;
  const registerId = registerIdOf(ports.siteUrl);
  for (;;) {
    const state = await ports.records.read();
    const last = state.records.at(-1);
    if (last === undefined) return firstRun(ports, state);

    const claim = openClaim(state.records);
    if (claim !== undefined) {
      if (await settleClaim(ports, claim, state.version)) continue;
      log(
        `Another run claimed ${claim.key} at ${claim.sentAt} and is sending it; this run sends nothing. If that run died, the next run after ${claim.claimedUntil} finishes it.`,
      );
      return;
    }

    if (!delivery.tellsSubscribers) return planAndSend(ports, last.to, state.version);

    // A notice sent by a run whose record was lost: record it as the provider holds it, then look again.
    const found = await delivery.findDelivered(noticeKeyPrefixFrom(registerId, last.to));
    if (found !== undefined) {
      const notice = await heldNotice(ports, rangeTo(ports, last.to, found.key), found.key);
      const delivered = await delivery.settle(found);
      await ports.records.append(noticeRecord(notice, render(ports, notice).subject, delivered), state.version);
      log(
        `Recorded ${found.key}: an earlier run sent it to ${delivery.destination} but its record was not kept. It was not sent again.`,
      );
      continue;
    }
    return planAndSend(ports, last.to, state.version);
  }
}

async function planAndSend(ports: NotifyPorts, watermark: string, version: string | undefined): Promise<void> {
  const head = ports.revisions.at(-1)!;
  const range = rangeSince(ports.revisions, watermark);
  switch (range.status) {
    case 'watermark-missing':
      throw watermarkMissing(watermark, head.commit);
    case 'up-to-date':
      ports.log(`Nothing to notify: every change up to ${head.commit.slice(0, 12)} is covered by a recorded notice.`);
      return;
  }
  const notice = await noticeFor(ports, range.range);
  if (notice === undefined) {
    ports.log(`Nothing to notify: the changes since ${watermark.slice(0, 12)} are editorial.`);
    return;
  }
  const rendered = render(ports, notice);
  if (!ports.delivery.tellsSubscribers) {
    // Nothing reaches subscribers, so nothing is recorded: the next run with a key sends it.
    await ports.delivery.deliver(notice.key, rendered, deliverOptions(notice));
    ports.log(
      `Not sent: ${quoteForLog(rendered.subject)} is written to ${ports.delivery.destination} and not recorded. It will be sent by the first run once RESEND_API_KEY is set. ${describe(notice)}.`,
    );
    return;
  }
  const claimedAt = ports.now();
  const claimMs = ports.claimMs ?? DEFAULT_CLAIM_MS;
  const claimed = await ports.records.append(
    claimRecord(notice, rendered.subject, ports.delivery.provider, claimedAt, claimMs),
    version,
  );
  await send(ports, notice, rendered, claimed, new Date(claimedAt.getTime() + claimMs));
}

/**
 * A claim not yet recorded as sent. When the provider has it sent, record it (the run that claimed
 * it died, or lost its record): no lock is needed to record what happened. Otherwise, once the
 * claim's time is up, take it over and send it. False: another run still holds it.
 */
async function settleClaim(ports: NotifyPorts, claim: NoticeRecord, version: string | undefined): Promise<boolean> {
  const found = await ports.delivery.findDelivered(claim.key);
  if (found !== undefined && !found.draft) {
    const notice = await heldNotice(ports, rangeTo(ports, claim.from ?? '', claim.key), claim.key);
    const delivered = await ports.delivery.settle(found);
    await ports.records.append(noticeRecord(notice, render(ports, notice).subject, delivered), version);
    ports.log(
      `Recorded ${claim.key}: a run claimed and sent it to ${ports.delivery.destination} at ${delivered.sentAt} but did not record it. It was not sent again.`,
    );
    return true;
  }
  if (claim.claimedUntil !== undefined && new Date(claim.claimedUntil) > ports.now()) return false;
  await takeOver(ports, claim, version);
  return true;
}

/** A claim whose run's time is up: claim it again, then record what the provider holds, or send it. */
async function takeOver(ports: NotifyPorts, claim: NoticeRecord, version: string | undefined): Promise<void> {
  const notice = await heldNotice(ports, rangeTo(ports, claim.from ?? '', claim.key), claim.key);
  const claimedAt = ports.now();
  const claimMs = ports.claimMs ?? DEFAULT_CLAIM_MS;
  const rendered = render(ports, notice);
  const claimed = await ports.records.append(
    claimRecord(notice, rendered.subject, ports.delivery.provider, claimedAt, claimMs),
    version,
  );
  // Looked up after our claim: the run that claimed before can no longer hand it over.
  const found = await ports.delivery.findDelivered(claim.key);
  if (found === undefined) {
    ports.log(`Sending ${claim.key}: a run claimed it at ${claim.sentAt} and stopped before sending it.`);
    return send(ports, notice, rendered, claimed, new Date(claimedAt.getTime() + claimMs));
  }
  const delivered = await ports.delivery.settle(found);
  await ports.records.append(noticeRecord(notice, rendered.subject, delivered), claimed);
  ports.log(
    `Recorded ${claim.key}: a run claimed and sent it to ${ports.delivery.destination} at ${delivered.sentAt} but stopped before recording it. It was not sent again.`,
  );
}

async function send(
  ports: NotifyPorts,
  notice: DueNotice,
  rendered: RenderedNotice,
  claimed: string,
  notAfter: Date,
): Promise<void> {
  let delivered: Delivered;
  try {
    delivered = await ports.delivery.deliver(notice.key, rendered, { ...deliverOptions(notice), notAfter });
  } catch (error) {
    // Refused outright, so nothing exists at the provider: give the claim back for the next run.
    if (error instanceof DeliveryError && error.refused) {
      const claim = (await ports.records.read()).records.at(-1);
      if (claim?.kind === 'claim' && claim.key === notice.key)
        await ports.records.append(releaseRecord(claim, ports.now()), claimed);
    }
    throw error;
  }
  await ports.records.append(noticeRecord(notice, rendered.subject, delivered), claimed);
  ports.log(
    `Sent ${quoteForLog(rendered.subject)} to ${ports.delivery.destination}${notice.service === undefined ? '' : ` (subscribers of ${notice.service})`}` +
      (delivered.provider === 'outbox'
        ? ` (${delivered.providerIds.join(', ')}; open it in a mail client or a browser)`
        : ` for ${delivered.recipients} ${delivered.recipients === 1 ? 'subscriber' : 'subscribers'} (broadcast ${delivered.providerIds.join(', ')})`) +
      `, and recorded it: ${describe(notice)}.`,
  );
}

async function firstRun(ports: NotifyPorts, state: RecordState): Promise<void> {
  const head = ports.revisions.at(-1)!;
  if (ports.delivery.tellsSubscribers && !ports.baseline) {
    const earlier = await ports.delivery.findDelivered(registerKeyPrefix(registerIdOf(ports.siteUrl)));
    if (earlier !== undefined)
      throw new UserError(
        `There is no record of notices (the notices branch is missing), but ${ports.delivery.destination} holds notices of this register, such as ${earlier.key}: the record was lost, so recording a new starting point now would skip the changes nobody was told of. ` +
          "Restore the notices branch (from a clone or the repository's activity log) and run again. Or, if every change up to now was notified, run npm run notify -- --baseline: it records the current commit as the starting point and sends nothing.",
      );
  }
  await ports.records.append(baselineRecord(head.commit, ports.now().toISOString()), state.version);
  ports.log(
    `First run: recorded ${head.commit.slice(0, 12)} as the starting point; the existing register was not mailed. Material changes after it will be notified.`,
  );
}

/** What a run would do, without sending, recording or settling anything. */
async function dryRun(ports: NotifyPorts): Promise<void> {
  const { log } = ports;
  const head = ports.revisions.at(-1)!;
  const { records } = await ports.records.read();
  const last = records.at(-1);
  if (last === undefined) {
    log(
      `First run: would record ${head.commit.slice(0, 12)} as the starting point and send nothing. Changes after it will be notified.`,
    );
    return;
  }
  let watermark = last.to;
  const claim = openClaim(records);
  if (claim !== undefined)
    log(`Dry run: ${claim.key} is claimed and not recorded as sent; a run would settle it first.`);
  else if (ports.delivery.tellsSubscribers) {
    const registerId = registerIdOf(ports.siteUrl);
    for (;;) {
      const found = await ports.delivery.findDelivered(noticeKeyPrefixFrom(registerId, watermark));
      if (found === undefined) break;
      log(`Dry run: ${found.key} is at ${ports.delivery.destination} but not recorded; a run would record it.`);
      watermark = rangeTo(ports, watermark, found.key).to;
    }
  }
  const range = rangeSince(ports.revisions, watermark);
  if (range.status === 'watermark-missing') throw watermarkMissing(watermark, head.commit);
  const notice = range.status === 'range' ? await noticeFor(ports, range.range) : undefined;
  if (notice === undefined) {
    log(`Dry run: nothing to notify up to ${head.commit.slice(0, 12)}.`);
    return;
  }
  const rendered = render(ports, notice);
  log(
    `Dry run: would send ${quoteForLog(rendered.subject)} to ${ports.delivery.destination}${notice.service === undefined ? '' : ` (subscribers of ${notice.service})`} for ${describe(notice)}.\n`,
  );
  log(rendered.text);
}

/** The range from `from` to the revision a notice's name ends with (`..0123456789ab`). */
function rangeTo(ports: NotifyPorts, from: string, key: string): NoticeRange {
  const to = key.slice(key.lastIndexOf('..') + 2);
  const covered = ports.revisions.find((revision) => to.length >= 7 && revision.commit.startsWith(to));
  const range = covered === undefined ? undefined : rangeSince(ports.revisions, from, covered.commit);
  if (range?.status !== 'range')
    throw new UserError(
      `${ports.delivery.destination} has a notice ${quoteForLog(key)} that covers a revision missing from this history; record it by hand or fetch the full history.`,
    );
  return range.range;
}

async function noticeFor(ports: NotifyPorts, range: NoticeRange): Promise<DueNotice | undefined> {
  const [from, to] = await Promise.all([ports.registerAt(range.from), ports.registerAt(range.to)]);
  return planNotice(range, { from, to }, registerIdOf(ports.siteUrl), ports.today);
}

/** The notice a claim or a provider's notice stands for: its range must hold a material change. */
async function heldNotice(ports: NotifyPorts, range: NoticeRange, key: string): Promise<DueNotice> {
  const notice = await noticeFor(ports, range);
  if (notice === undefined)
    throw new UserError(
      `${key} covers no material change in this history; check the notices branch and the provider's broadcasts (was the history rewritten?).`,
    );
  return notice;
}

const render = (ports: NotifyPorts, notice: DueNotice) => {
  const version = ports.versionOf?.(notice.to);
  return renderNotice(notice.changes, {
    register: ports.publisher,
    siteUrl: ports.siteUrl,
    unsubscribeUrl: ports.delivery.unsubscribeUrl,
    ...(version !== undefined ? { version } : {}),
  });
};

const deliverOptions = (notice: DueNotice) => (notice.service === undefined ? {} : { service: notice.service });

function describe(notice: DueNotice): string {
  const ids = [...new Set(notice.changes.map((change) => change.id))].join(', ');
  return `${notice.changes.length} material ${notice.changes.length === 1 ? 'change' : 'changes'} (${ids}), ${notice.from.slice(0, 12)}..${notice.to.slice(0, 12)}`;
}

const watermarkMissing = (watermark: string, head: string) =>
  new UserError(
    `The last recorded notice covers ${watermark.slice(0, 12)}, which is not in the history of ${head.slice(0, 12)} (was the branch rewritten, or is this a shallow clone?). ` +
      'Fetch the full history (fetch-depth: 0). If the branch was rewritten on purpose, check what customers were told and record a new starting point by hand.',
  );
