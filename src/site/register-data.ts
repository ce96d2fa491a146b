/**
 * What every page needs from the content collections, loaded once per build: the publisher, the
 * entries split by status on the build date, and the site's base path. The build date is
 * `REGISTER_TODAY` when set (reproducible builds and tests), else today in UTC — the same rule the
 * content loader judges the register by.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { todayUtc } from '../core/dates.ts';
import type { Register } from '../core/schema.ts';
import { withBase } from './format.ts';
import { partitionEntries, type Partitioned } from './status.ts';

export type SubprocessorEntry = CollectionEntry<'subprocessors'>;

export interface RegisterData {
  publisher: Register;
  today: string;
  all: SubprocessorEntry[];
  byStatus: Partitioned<SubprocessorEntry>;
}

export const buildDate = (): string => process.env.REGISTER_TODAY ?? todayUtc();

let loaded: Promise<RegisterData> | undefined;

export function registerData(): Promise<RegisterData> {
  loaded ??= (async () => {
    const publisherEntry = await getEntry('publisher', 'register');
    if (publisherEntry === undefined) throw new Error('content/register.yaml did not load: run npm run check.');
    const all = await getCollection('subprocessors');
    const today = buildDate();
    return { publisher: publisherEntry.data, today, all, byStatus: partitionEntries(all, today) };
  })();
  return loaded;
}

/** A link inside the site: `url('map/')` → `/register/map/` when the site is served under /register/. */
export const url = (path = '') => withBase(import.meta.env.BASE_URL, path);

export const entryUrl = (id: string) => url(`subprocessors/${id}/`);
