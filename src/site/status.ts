/**
 * Where an entry stands on a given day: current, upcoming (its `since` is after that day) or former
 * (its `until` is before it). The day is passed in, never read here: pages use the build date,
 * `process.env.REGISTER_TODAY ?? todayUtc()`, the same as the content loader.
 */
import type { Entry } from '../core/schema.ts';

export type Status = 'current' | 'upcoming' | 'former';

export const entryStatus = (entry: Pick<Entry, 'since' | 'until'>, today: string): Status =>
  entry.since > today ? 'upcoming' : entry.until !== undefined && entry.until < today ? 'former' : 'current';

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
