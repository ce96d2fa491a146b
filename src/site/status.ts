/**
 * The register split by status on the build date, and the objection deadline pages show. The day
 * is passed in, never read here (`src/io/today.ts` reads it once per build).
 */
import { noticeFor } from '../core/changes/diff.ts';
import type { Entry, Register } from '../core/schema.ts';
import { entryStatus } from '../core/status.ts';

export interface Partitioned<T> {
  /** In use today, by name. */
  current: T[];
  /** Starting after today, soonest first. */
  upcoming: T[];
  /** Stopped before today, most recently stopped first. */
  former: T[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });
const byName = (a: string, b: string) => collator.compare(a, b);

export function partitionEntries<T extends { id: string; data: Entry }>(
  entries: readonly T[],
  today: string,
): Partitioned<T> {
  const result: Partitioned<T> = { current: [], upcoming: [], former: [] };
  for (const entry of entries) result[entryStatus(entry.data, today)].push(entry);
  result.current.sort((a, b) => byName(a.data.name, b.data.name) || byName(a.id, b.id));
  result.upcoming.sort((a, b) =>
    a.data.since < b.data.since ? -1 : a.data.since > b.data.since ? 1 : byName(a.data.name, b.data.name),
  );
  result.former.sort((a, b) =>
    (a.data.until ?? '') > (b.data.until ?? '')
      ? -1
      : (a.data.until ?? '') < (b.data.until ?? '')
        ? 1
        : byName(a.data.name, b.data.name),
  );
  return result;
}

/**
 * The last day customers can object to an upcoming entry, by the rule notices use (`noticeFor`):
 * `objectionDays` after the notice, or, when the register sets no objection period, the day before
 * the change takes effect. `undefined` when the notice date is not recorded, or the entry is not upcoming.
 */
export function objectionDeadline(
  entry: Pick<Entry, 'since' | 'until' | 'noticeGiven'>,
  register: Pick<Register, 'noticeDays' | 'objectionDays'>,
  today: string,
): string | undefined {
  if (entryStatus(entry, today) !== 'upcoming' || entry.noticeGiven === undefined) return undefined;
  return noticeFor('added', entry, register, entry.noticeGiven).objectionDeadline;
}
