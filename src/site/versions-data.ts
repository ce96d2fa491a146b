/**
 * The versions the site publishes, computed once per build from the site's history (newest last
 * in `versions`). Only the newest `RECENT_VERSIONS` get a whole JSON file: 1,000 versions of a
 * 1,000-entry register would be about 1 GB. Every version's delta is in `/versions/history.json`
 * (the entries each version set, whole, and the ids it deleted: a few MB for that register), from
 * which the browser rebuilds any older version, checks it against the SHA-256 published here and
 * offers it for download, and compares any two.
 */
import { setImmediate } from 'node:timers/promises';
import { entryTexts, versionsOf, type EntryTexts, type Version } from '../core/versions/versions.ts';
import { sha256Parts } from '../io/history.ts';
import { preloadedVersions } from './history-preload.ts';
import { loadSiteHistory } from './site-history.ts';

/**
 * How many versions, newest first, are published as whole JSON files (REGISTER_RECENT_VERSIONS
 * overrides, for tests). Each is the whole register (1.3 MB for 1,000 entries) written by every
 * build, so ten: a register that changes once or twice a month keeps about half a year
 * downloadable without JavaScript, and every older version is rebuilt and checked in the browser.
 */
export const RECENT_VERSIONS = Number(process.env.REGISTER_RECENT_VERSIONS ?? 10);

export interface VersionsData {
  /** Oldest first. */
  versions: Version[];
  /** Ids of the versions with a whole JSON file. */
  withFile: Set<string>;
  /** The entry texts of the versions' files (the same canonical texts the hashes are of). */
  texts: EntryTexts;
  note?: string;
}

/** On globalThis, like the history (see site-history.ts): every copy of this module shares one computation. */
const cache = globalThis as { [VERSIONS]?: Promise<VersionsData> };
declare const VERSIONS_KEY: unique symbol;
const VERSIONS = Symbol.for('subprocessor-register.versions') as typeof VERSIONS_KEY;

/**
 * Hashing every version is most of the work (a pass over the whole register per version). `astro
 * build` does it on a worker thread (history-preload.ts); otherwise it runs here, in slices of a
 * few milliseconds that give the event loop back in between.
 */
const SLICE_MS = 10;

export function versionsData(): Promise<VersionsData> {
  cache[VERSIONS] ??= (async () => {
    const history = await loadSiteHistory(process.cwd());
    // The files of the recent versions are made from these texts: the preloaded versions were
    // hashed in the worker, whose texts stay there.
    const texts = entryTexts();
    const versions = (await preloadedVersions(process.cwd())) ?? [];
    if (versions.length === 0) {
      let slice = performance.now();
      for (const version of versionsOf([...history.revisions].reverse(), sha256Parts, texts)) {
        versions.push(version);
        if (performance.now() - slice < SLICE_MS) continue;
        await setImmediate();
        slice = performance.now();
      }
    }
    return {
      versions,
      withFile: new Set(versions.slice(-RECENT_VERSIONS).map((version) => version.id)),
      texts,
      ...(history.note !== undefined ? { note: history.note } : {}),
    };
  })();
  return cache[VERSIONS];
}

/** `2026-11` → the versions of that month, newest first. */
export function versionsByMonth(versions: readonly Version[]): Map<string, Version[]> {
  const months = new Map<string, Version[]>();
  for (const version of [...versions].reverse()) {
    const month = version.id.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), version]);
  }
  return months;
}
