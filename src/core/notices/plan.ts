/**
 * Which notice is due: every material change between the register as it stood at the last
 * recorded notice (the watermark) and the register at the head, in one notice. Not "since the
 * previous push": a run that failed is caught up by the next one, and a re-run after success finds
 * nothing left to send. Not the sum of each commit's changes either: the two versions are compared
 * with the change engine's diff, so a sub-processor added and removed again before the notice is
 * no change, and a purpose widened and restored is none either.
 */
import { diffEntries, type Change } from '../changes/diff.ts';
import type { Revision } from '../changes/history.ts';
import type { Snapshot } from '../changes/snapshot.ts';
import { noticeDates } from './notice-model.ts';

/** The revisions published after the watermark, up to the one being notified. */
export interface NoticeRange {
  /** The last revision already covered (the watermark). */
  from: string;
  /** The newest revision this notice covers. */
  to: string;
  /** Revisions after the watermark, oldest first. */
  revisions: Revision[];
}

export interface DueNotice extends NoticeRange {
  /** The material changes from the register at `from` to the register at `to`, with the days of the notice model. */
  changes: Change[];
  /** A stable name for this notice, unique to the register, also given to the provider to find it again after a crash. */
  key: string;
  /** The service every change concerns, when there is exactly one: the notice goes to that service's subscribers. */
  service?: string;
}

export type RangePlan =
  | { status: 'range'; range: NoticeRange }
  | { status: 'up-to-date' }
  | { status: 'watermark-missing'; watermark: string };

export const NOTICE_KEY_PREFIX = 'register-notice';

/**
 * Which register a notice belongs to, from the address it is published at (`parlons.example/register`):
 * two registers sharing a Resend account — production and a staging copy — never take each other's
 * notices for their own.
 */
export function registerIdOf(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.host}${url.pathname}`.replace(/\/+$/, '').replace(/[^a-zA-Z0-9.\-/_~]+/g, '-');
}

/** Every notice of this register is named `register-notice <register id> …`. */
export const registerKeyPrefix = (registerId: string) => `${NOTICE_KEY_PREFIX} ${registerId} `;
/** `register-notice parlons.example/register 0123456789ab..fedcba987654`: the range a notice covers. */
export const noticeKey = (registerId: string, from: string, to: string) =>
  `${registerKeyPrefix(registerId)}${from.slice(0, 12)}..${to.slice(0, 12)}`;
/** The start of the name of every notice that covers revisions after `from`. */
export const noticeKeyPrefixFrom = (registerId: string, from: string) =>
  `${registerKeyPrefix(registerId)}${from.slice(0, 12)}..`;

/** `revisions` oldest first (the first-parent history up to the commit being notified). */
export function rangeSince(revisions: readonly Revision[], watermark: string, upTo?: string): RangePlan {
  const index = revisions.findIndex((revision) => revision.commit === watermark);
  if (index === -1) return { status: 'watermark-missing', watermark };
  const end = upTo === undefined ? revisions.length : revisions.findIndex((revision) => revision.commit === upTo) + 1;
  const after = revisions.slice(index + 1, end);
  if (after.length === 0) return { status: 'up-to-date' };
  return { status: 'range', range: { from: watermark, to: after.at(-1)!.commit, revisions: after } };
}

/**
 * The notice for a range, comparing the register at its start with the register at its end, or
 * `undefined` when nothing material changed between them.
 */
export function planNotice(
  range: NoticeRange,
  registers: { from: Snapshot; to: Snapshot },
  registerId: string,
  today: string,
): DueNotice | undefined {
  const settings = registers.to.register;
  // Each change is dated by the revision that published it, so the email gives the days the
  // change log and the feed give; today only for what the history does not show.
  const changes = diffEntries(registers.from.entries, registers.to.entries, { register: settings, published: today })
    .filter((change) => change.material)
    .map((change) => ({
      ...change,
      notice: noticeDates({
        kind: change.kind,
        entry: registers.to.entries.get(change.id)?.data ?? {},
        before: registers.from.entries.get(change.previousId ?? change.id)?.data,
        published: publishedIn(range.revisions, change) ?? today,
        register: settings,
      }),
    }));
  if (changes.length === 0) return undefined;
  const service = soleService(changes, registers);
  return {
    ...range,
    changes,
    key: noticeKey(registerId, range.from, range.to),
    ...(service === undefined ? {} : { service }),
  };
}

/**
 * The one service all changes concern, if any. An entry without `services` serves every service,
 * and an update concerns the services before and after it, so a notice is scoped to a service only
 * when each change, before and after, is about that service alone.
 */
function soleService(changes: readonly Change[], registers: { from: Snapshot; to: Snapshot }): string | undefined {
  const services = new Set<string>();
  for (const change of changes) {
    for (const version of [
      registers.from.entries.get(change.previousId ?? change.id),
      registers.to.entries.get(change.id),
    ]) {
      if (version === undefined) continue;
      const listed = version.data.services;
      if (!Array.isArray(listed) || listed.length === 0) return undefined;
      for (const service of listed) services.add(String(service));
    }
  }
  return services.size === 1 ? [...services][0] : undefined;
}

/** The day the latest revision of the range with a material change to this entry was published. */
function publishedIn(revisions: readonly Revision[], change: Change): string | undefined {
  const ids = new Set([change.id, change.previousId]);
  return revisions.findLast((revision) => revision.changes.some((made) => made.material && ids.has(made.id)))
    ?.published;
}
