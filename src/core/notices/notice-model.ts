/**
 * The notice model: for every change to the register, the four days a customer relies on. This is
 * the only place they are computed; the check, the pull-request preview, the change log, entry
 * histories, the feed, the email and the notice record all read them from here.
 *
 * - published: the UTC day the commit that made the change reached the default branch (its place in
 *   the first-parent history), or today for a change not merged yet;
 * - given: the day notice was given: a `noticeGiven` written with the change, else the published
 *   day (customers could first have been told on the earlier of the two);
 * - effective: the day the change applies: `since` for a new sub-processor, `updateEffective` for a
 *   material update (a replacement of the legal entity or its country is one), the last day + 1
 *   (`until`) or the published day for a removal;
 * - objectionDeadline: the last day customers may object: `objectionDays` after the notice, or, when
 *   the register sets none, the day before the change takes effect. Removals have none: Art. 28(2)
 *   concerns additions and replacements.
 */
import { addDays } from '../dates.ts';
import type { Register } from '../schema.ts';

export interface NoticeDates {
  published: string;
  given: string;
  effective: string;
  /** Absent for a removal, which nobody objects to. */
  objectionDeadline?: string;
}

export type NoticeKind = 'added' | 'updated' | 'removed';

/** The fields of an entry the model reads; values from old revisions may be anything, hence `unknown`. */
export interface DatedFields {
  since?: unknown;
  noticeGiven?: unknown;
  updateEffective?: unknown;
  until?: unknown;
}

export interface NoticeInput {
  kind: NoticeKind;
  /** The entry after the change (for a deleted file: the entry as it last stood). */
  entry: DatedFields;
  /** The entry before the change; for an update, a date is new only when it differs from here. */
  before?: DatedFields | undefined;
  /** The UTC day the change was published (today for one not merged yet), `YYYY-MM-DD`. */
  published: string;
  register: Pick<Register, 'noticeDays' | 'objectionDays'>;
}

export type NoticeSettings = NoticeInput['register'];

const dateOf = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;

/** A date written with this change: for an update, one that differs from the version before. */
const newDate = (input: NoticeInput, field: keyof DatedFields): string | undefined => {
  const value = dateOf(input.entry[field]);
  if (input.kind !== 'updated' || input.before === undefined) return value;
  return value !== undefined && value !== dateOf(input.before[field]) ? value : undefined;
};

/** The four days of one change. */
export function noticeDates(input: NoticeInput): NoticeDates {
  const { kind, entry, published, register } = input;
  const written = newDate(input, 'noticeGiven');
  const given = written ?? published;
  if (kind === 'removed') {
    const until = dateOf(entry.until);
    return { published, given, effective: until !== undefined ? addDays(until, 1) : published };
  }
  const effective = (kind === 'added' ? dateOf(entry.since) : newDate(input, 'updateEffective')) ?? published;
  return { published, given, effective, objectionDeadline: objectionDeadline(given, effective, register) };
}

/** `objectionDays` after the notice; else until the day before the change applies (or `noticeDays`
 * after the notice when it applies at once, so there is always a window). */
export function objectionDeadline(given: string, effective: string, register: NoticeSettings): string {
  if (register.objectionDays !== undefined) return addDays(given, register.objectionDays);
  return effective > given ? addDays(effective, -1) : addDays(given, register.noticeDays);
}

/** The first day a change announced on `given` may lawfully apply. */
export const earliestEffective = (given: string, register: Pick<Register, 'noticeDays'>): string =>
  addDays(given, register.noticeDays);

/** The UTC day of an ISO 8601 timestamp: `2026-11-30T23:30:00-08:00` → `2026-12-01`. */
export const publishedDay = (timestamp: string): string => new Date(timestamp).toISOString().slice(0, 10);

/**
 * The material changes customers can still act on today: those whose objection deadline is today
 * or later, oldest first, one per entry (its latest). What `npm start` previews: a notice with a
 * deadline in the past is of no use to anyone.
 */
export function openNotices<T extends { id: string; material: boolean; notice?: NoticeDates | undefined }>(
  changes: readonly T[],
  today: string,
): T[] {
  const latest = new Map<string, T>();
  for (const change of changes) if (change.material) latest.set(change.id, change);
  return [...latest.values()].filter(
    (change) => change.notice?.objectionDeadline !== undefined && change.notice.objectionDeadline >= today,
  );
}
