/**
 * The register version this build publishes: the day and commit of the newest revision in the
 * site's history, and the SHA-256 of the version's canonical JSON computed from the entries the
 * build publishes. The publish workflow builds from a clean checkout, where the two agree (a test
 * checks the hash against the one /versions/ rebuilds from history). Without history (a tarball,
 * no git) there is no version to name: `undefined`.
 */
import type { VersionId } from '../core/versions/version-json.ts';
import { versionJsonText } from '../core/versions/version-json.ts';
import { dayOf } from '../core/changes/history.ts';
import { sha256 } from '../io/history.ts';
import { registerData } from './register-data.ts';
import { loadSiteHistory } from './site-history.ts';

export interface PublishedVersion extends VersionId {
  sha256: string;
}

let loaded: Promise<PublishedVersion | undefined> | undefined;

export function publishedVersion(): Promise<PublishedVersion | undefined> {
  loaded ??= (async () => {
    const [{ all }, history] = await Promise.all([registerData(), loadSiteHistory(process.cwd())]);
    const newest = history.revisions[0];
    if (newest === undefined) return undefined;
    const version: VersionId = { id: dayOf(newest.date), commit: newest.commit };
    return { ...version, sha256: sha256(versionJsonText(version, all)) };
  })();
  return loaded;
}
