/** `/versions/<YYYY-MM-DD>.json`: a recent version's canonical JSON, the text its SHA-256 is of. */
import type { APIRoute } from 'astro';
import { joinBytes, versionJsonParts, type VersionEntry, type VersionId } from '../../core/versions/version-json.ts';
import { applyOps, entriesOf, type EntryData } from '../../core/versions/versions.ts';
import { versionsData } from '../../site/versions-data.ts';

interface Props {
  version: VersionId;
  entries: VersionEntry[];
}

export async function getStaticPaths() {
  const { versions, withFile } = await versionsData();
  // Fold every delta once, keeping the entries of the recent versions on the way; each file is
  // joined from the bytes already hashed when it is written, so they are not all held at once.
  const state = new Map<string, EntryData>();
  const paths: { params: { version: string }; props: Props }[] = [];
  for (const version of versions) {
    applyOps(state, version.ops);
    if (withFile.has(version.id))
      paths.push({
        params: { version: version.id },
        props: { version: { id: version.id, commit: version.commit }, entries: entriesOf(state) },
      });
  }
  return paths;
}

export const GET: APIRoute<Props> = async ({ props }) => {
  const { texts } = await versionsData();
  return new Response(joinBytes(versionJsonParts(props.version, props.entries, texts.bytes)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
