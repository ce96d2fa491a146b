/** `/versions/<YYYY-MM-DD>.json`: a recent version's canonical JSON, the text its SHA-256 is of. */
import type { APIRoute } from 'astro';
import { versionJsonText } from '../../core/versions/version-json.ts';
import { applyOps, entriesOf, type EntryData } from '../../core/versions/versions.ts';
import { versionsData } from '../../site/versions-data.ts';

export async function getStaticPaths() {
  const { versions, withFile } = await versionsData();
  // Fold every delta once, emitting the recent versions on the way.
  const state = new Map<string, EntryData>();
  const paths: { params: { version: string }; props: { text: string } }[] = [];
  for (const version of versions) {
    applyOps(state, version.ops);
    if (withFile.has(version.id))
      paths.push({ params: { version: version.id }, props: { text: versionJsonText(version, entriesOf(state)) } });
  }
  return paths;
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
