/**
 * The register split by status on the build date, and the objection deadline pages show. The day
 * is passed in, never read here (`src/io/today.ts` reads it once per build).
 */
import type { Entry } from '../core/schema.ts';
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
