/**
 * What every page needs from the content collections, loaded once per build: the publisher, the
 * entries split by status on the build date, and where the site is published. The build date is
 * the one the content loader judges the register by (`src/io/today.ts`); the site's address is the
 * one astro.config.mjs computed from register.yaml (or SITE and BASE).
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Register } from '../core/schema.ts';
import { registerToday } from '../io/today.ts';
import { withBase } from './format.ts';
import { partitionEntries, type Partitioned } from './status.ts';

export type SubprocessorEntry = CollectionEntry<'subprocessors'>;

export interface RegisterData {
  publisher: Register;
  today: string;
  /** Absolute URL of the site's root, base path included, ending in `/`: the prefix of every absolute link. */
  siteUrl: string;
  all: SubprocessorEntry[];
  byStatus: Partitioned<SubprocessorEntry>;
}

let loaded: Promise<RegisterData> | undefined;

export function registerData(): Promise<RegisterData> {
  loaded ??= (async () => {
    const publisherEntry = await getEntry('publisher', 'register');
    if (publisherEntry === undefined) throw new Error('content/register.yaml did not load: run npm run check.');
    const all = await getCollection('subprocessors');
    const today = registerToday();
    return { publisher: publisherEntry.data, today, siteUrl, all, byStatus: partitionEntries(all, today) };
  })();
  return loaded;
}

/** A link inside the site: `url('map/')` → `/register/map/` when the site is served under /register/. */
export const url = (path = '') => withBase(import.meta.env.BASE_URL, path);

/** The site's root as an absolute URL, computed once from the Astro config. */
const siteUrl = new URL(url(), import.meta.env.SITE).href;

/** An absolute link: `absoluteUrl('rss.xml')` → `https://parlons.example/register/rss.xml`. */
export const absoluteUrl = (path = '') => new URL(url(path), siteUrl).href;

export const entryUrl = (id: string) => url(`subprocessors/${id}/`);
