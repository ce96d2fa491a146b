/**
 * Where an entry stands on a given day: current, upcoming (its `since` is after that day) or former
 * (its `until` is before it). The day is a parameter: the edge reads it once (`src/io/today.ts`).
 */
import type { Entry } from './schema.ts';

export type Status = 'current' | 'upcoming' | 'former';

export const entryStatus = (entry: Pick<Entry, 'since' | 'until'>, today: string): Status =>
  entry.since > today ? 'upcoming' : entry.until !== undefined && entry.until < today ? 'former' : 'current';
