/**
 * The versions the site publishes, computed once per build from the site's history (newest last
 * in `versions`). Only the newest `RECENT_VERSIONS` get a whole JSON file: 1,000 versions of a
 * 1,000-entry register would be about 1 GB. Every version's delta is in `/versions/history.json`
 * (the entries each version set, whole, and the ids it deleted: a few MB for that register), from
 * which the browser rebuilds any older version, checks it against the SHA-256 published here and
 * offers it for download, and compares any two.
 */
import { buildVersions, type Version } from '../core/versions/versions.ts';
import { sha256Parts } from '../io/history.ts';
import { loadSiteHistory } from './site-history.ts';

/** How many versions, newest first, are published as whole JSON files (REGISTER_RECENT_VERSIONS overrides, for tests). */
export const RECENT_VERSIONS = Number(process.env.REGISTER_RECENT_VERSIONS ?? 30);

export interface VersionsData {
  /** Oldest first. */
  versions: Version[];
  /** Ids of the versions with a whole JSON file. */
  withFile: Set<string>;
  note?: string;
}

let loaded: Promise<VersionsData> | undefined;

export function versionsData(): Promise<VersionsData> {
  loaded ??= (async () => {
    const history = await loadSiteHistory(process.cwd());
    const versions = buildVersions([...history.revisions].reverse(), sha256Parts);
    return {
      versions,
      withFile: new Set(versions.slice(-RECENT_VERSIONS).map((version) => version.id)),
      ...(history.note !== undefined ? { note: history.note } : {}),
    };
  })();
  return loaded;
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
