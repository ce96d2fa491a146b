/**
 * In the browser: rebuild any version of the register from `/versions/history.json` (its deltas,
 * folded from the first version), check it against the published SHA-256, and compare two versions
 * with the change engine and its HTML renderer — the same code that builds the site.
 */
import { diffEntries, type EntryVersion } from '../core/changes/diff.ts';
import { describeChanges, renderChangesHtml } from '../core/render/changes.ts';
import type { Labels } from '../core/render/describe.ts';
import { versionJsonText } from '../core/versions/version-json.ts';
import { applyOps, entriesOf, type EntryData, type VersionOp } from '../core/versions/versions.ts';

export interface HistoryFile {
  siteUrl: string;
  publisher: Labels & { noticeDays: number; objectionDays?: number };
  versions: { id: string; commit: string; sha256: string; ops: VersionOp[] }[];
}

let history: Promise<HistoryFile> | undefined;

export function loadHistory(): Promise<HistoryFile> {
  history ??= fetch(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}versions/history.json`).then((response) => {
    if (!response.ok) throw new Error(`versions/history.json answered ${response.status}`);
    return response.json() as Promise<HistoryFile>;
  });
  return history;
}

/** The register at a version: the deltas of every version up to it, applied in order. */
export async function stateAt(id: string): Promise<Map<string, EntryData>> {
  const { versions } = await loadHistory();
  const end = versions.findIndex((version) => version.id === id);
  if (end < 0) throw new Error(`there is no version ${id}`);
  const state = new Map<string, EntryData>();
  for (const version of versions.slice(0, end + 1)) applyOps(state, version.ops);
  return state;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A version's JSON, rebuilt, with its hash (the caller compares it with the published one). */
export async function rebuildVersion(id: string): Promise<{ text: string; sha256: string }> {
  const { versions } = await loadHistory();
  const version = versions.find((candidate) => candidate.id === id)!;
  const text = versionJsonText({ id, commit: version?.commit ?? '' }, entriesOf(await stateAt(id)));
  return { text, sha256: await sha256Hex(text) };
}

/** The change set from one version to another, as the change log renders it. */
export async function compareVersions(from: string, to: string): Promise<{ html: string; count: number }> {
  const file = await loadHistory();
  // The published data as it is, not validated again in the browser: compared as written.
  const asVersions = (state: Map<string, EntryData>) =>
    new Map<string, EntryVersion>([...state].map(([id, data]) => [id, { id, fitsSchema: false, data, body: '' }]));
  const [before, after] = await Promise.all([stateAt(from), stateAt(to)]);
  const changes = diffEntries(asVersions(before), asVersions(after), {
    register: file.publisher,
    published: to,
  });
  const html = renderChangesHtml(describeChanges(changes, { labels: file.publisher, siteUrl: file.siteUrl }), {
    headingLevel: 3,
    idPrefix: 'compare',
  });
  return { html, count: changes.length };
}
