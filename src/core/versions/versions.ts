/**
 * Every version of the published register: one per day it changed (UTC), built from the history's
 * change sets alone — no file is read again. Each version has its last commit, the SHA-256 of its
 * canonical JSON (`version-json.ts`), the changes of that day and its delta: the entries it set
 * (with their whole data) and the ids it deleted. Folding the deltas from the first version gives
 * any version's register; the site ships them so a browser can rebuild, verify and compare any two
 * versions, while only recent versions are published as whole JSON files.
 */
import type { Change } from '../changes/diff.ts';
// The day from the notice model, not from changes/history.ts: this module also runs in the browser
// (versions-client.ts), which must not bundle the YAML readers and the check that history.ts imports.
import type { Revision } from '../changes/history.ts';
import { publishedDay as dayOf } from '../notices/notice-model.ts';
import {
  canonicalEntry,
  versionEntryText,
  versionJsonParts,
  versionJsonPartsInOrder,
  type VersionEntry,
  type VersionId,
} from './version-json.ts';

export type EntryData = Record<string, unknown>;

/** What one version did: an entry set to its new data, or an id deleted. */
export type VersionOp = { id: string; data: EntryData } | { id: string; deleted: true };

export interface Version extends VersionId {
  /** Committer date of the version's last commit, ISO 8601. */
  date: string;
  sha256: string;
  /** The change sets of the day's commits, in order. */
  changes: Change[];
  ops: VersionOp[];
  /** How many entries the register held. */
  entries: number;
}

/** Apply one change set to a register state (id → data). */
export function applyChange(state: Map<string, EntryData>, change: Change): void {
  if (change.kind === 'added' && change.previousId === undefined) {
    state.set(change.id, canonicalEntry(change.entry ?? {}));
    return;
  }
  if (change.kind === 'removed' && change.fields.length === 0) {
    state.delete(change.id);
    return;
  }
  const from = change.previousId ?? change.id;
  const next: EntryData = { ...(state.get(from) ?? {}) };
  if (change.previousId !== undefined) state.delete(change.previousId);
  for (const { field, after } of change.fields) {
    if (field === 'body') continue;
    if (after === undefined || after === null) delete next[field];
    else next[field] = after;
  }
  state.set(change.id, canonicalEntry(next));
}

/** The register's starting point (its adoption) replaces the state: its entries are not changes. */
export function applyRevision(state: Map<string, EntryData>, revision: Revision): void {
  if (revision.adoption !== undefined) {
    state.clear();
    for (const { id, data } of revision.adoption.entries) state.set(id, canonicalEntry(data));
  }
  for (const change of revision.changes) applyChange(state, change);
}

/** Apply a version's delta. */
export function applyOps(state: Map<string, EntryData>, ops: readonly VersionOp[]): void {
  for (const op of ops) {
    if ('deleted' in op) state.delete(op.id);
    else state.set(op.id, op.data);
  }
}

export const entriesOf = (state: ReadonlyMap<string, EntryData>): VersionEntry[] =>
  [...state].map(([id, data]) => ({ id, data }));

/** SHA-256 in hex of the concatenation of the pieces, given by the caller (node:crypto at build time). */
export type HashParts = (parts: readonly (string | Uint8Array)[]) => string;

/**
 * Each entry's text in a version's JSON, made once per data object and kept, as a string and as
 * UTF-8: versions share the data objects of the entries they did not change (`buildVersions`,
 * `applyOps`), so one text serves every version an entry appears unchanged in. Hashing and
 * writing bytes that are ready skips encoding a megabyte of text per version.
 */
export interface EntryTexts {
  text(entry: VersionEntry): string;
  bytes(entry: VersionEntry): Uint8Array;
}

export function entryTexts(): EntryTexts {
  const texts = new WeakMap<object, string>();
  const bytes = new WeakMap<object, Uint8Array>();
  const encoder = new TextEncoder();
  const text = (entry: VersionEntry) => {
    let made = texts.get(entry.data);
    if (made === undefined) texts.set(entry.data, (made = versionEntryText(entry)));
    return made;
  };
  return {
    text,
    bytes(entry) {
      let made = bytes.get(entry.data);
      if (made === undefined) bytes.set(entry.data, (made = encoder.encode(text(entry))));
      return made;
    },
  };
}

/**
 * The versions of a history (revisions oldest first), oldest first. A version costs the text of
 * what changed (`entryTexts`, shared with the caller when it passes its own) and one pass of the
 * hash over the register's bytes; the ids are sorted again only on a day one was added or removed.
 */
export const buildVersions = (
  revisions: readonly Revision[],
  hash: HashParts,
  texts: EntryTexts = entryTexts(),
): Version[] => [...versionsOf(revisions, hash, texts)];

/** The same versions one at a time, for a caller that spreads the work (the site build does). */
export function* versionsOf(
  revisions: readonly Revision[],
  hash: HashParts,
  texts: EntryTexts = entryTexts(),
): Generator<Version> {
  const state = new Map<string, EntryData>();
  /** The ids of `state`, in the canonical JSON's order, as of the last version. */
  let sortedIds: string[] = [];
  let first = true;
  let index = 0;
  while (index < revisions.length) {
    const day = dayOf(revisions[index]!.date);
    const changes: Change[] = [];
    const touched = new Set<string>();
    let last = revisions[index]!;
    let idsChanged = false;
    for (; index < revisions.length && dayOf(revisions[index]!.date) === day; index++) {
      last = revisions[index]!;
      if (last.adoption !== undefined) {
        applyRevision(state, { ...last, changes: [] });
        for (const id of last.adoption.ids) touched.add(id);
        idsChanged = true;
      }
      for (const change of last.changes) {
        const size = state.size;
        const had = state.has(change.id);
        applyChange(state, change);
        if (state.size !== size || had !== state.has(change.id) || change.previousId !== undefined) idsChanged = true;
        changes.push(change);
        touched.add(change.id);
        if (change.previousId !== undefined) touched.add(change.previousId);
      }
    }
    if (changes.length === 0 && touched.size === 0 && !first) continue;
    first = false;
    if (idsChanged || sortedIds.length !== state.size) sortedIds = [...state.keys()].sort();
    const ops: VersionOp[] = [...touched].sort().map((id) => {
      const data = state.get(id);
      return data === undefined ? { id, deleted: true } : { id, data };
    });
    const version = { id: day, commit: last.commit };
    yield {
      ...version,
      date: last.date,
      sha256: hash(
        versionJsonPartsInOrder(
          version,
          sortedIds.map((id) => texts.bytes({ id, data: state.get(id)! })),
        ),
      ),
      changes,
      ops,
      entries: state.size,
    };
  }
}

/**
 * The register as it stood at one commit of the history (revisions oldest first): its day, the
 * commit and the SHA-256 of its JSON. What a notice names: the version it announces.
 */
export function versionAt(
  revisions: readonly Revision[],
  commit: string,
  hash: HashParts,
): (VersionId & { sha256: string }) | undefined {
  const end = revisions.findIndex((revision) => revision.commit === commit);
  if (end < 0) return undefined;
  const state = new Map<string, EntryData>();
  for (const revision of revisions.slice(0, end + 1)) applyRevision(state, revision);
  const version = { id: dayOf(revisions[end]!.date), commit };
  return { ...version, sha256: hash(versionJsonParts(version, entriesOf(state))) };
}
