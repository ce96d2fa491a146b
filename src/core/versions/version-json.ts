/**
 * A version of the published register: the state of content/ at the end of a day it changed. Its
 * JSON is canonical — the entries sorted by id, each `{ id, ...fields }` as validated, two-space
 * indented, a final newline — so the same version always has the same SHA-256, whoever builds it:
 * that hash is what `/versions/`, the annex, the notices and `register.sha256` name.
 */
import { entryFields } from '../schema.ts';

export interface VersionId {
  /** The day, `YYYY-MM-DD` (UTC), of the version's last commit. */
  id: string;
  /** The last commit of content/ on that day. */
  commit: string;
}

export interface VersionEntry {
  id: string;
  data: Readonly<Record<string, unknown>> | object;
}

const byId = (a: VersionEntry, b: VersionEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const fieldOrder = new Map<string, number>(entryFields.map((field, index) => [field, index]));
const rank = (key: string) => fieldOrder.get(key) ?? Number.MAX_SAFE_INTEGER;

/** The entry's fields in schema order (unknown ones after, by name): one text for the same data. */
export function canonicalEntry(data: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** One entry as it appears in the version's JSON, indented to its place in the list. */
export const versionEntryText = ({ id, data }: VersionEntry): string =>
  `    ${JSON.stringify({ id, ...canonicalEntry(data) }, null, 2).replace(/\n/g, '\n    ')}`;

/**
 * The canonical text, in pieces whose concatenation is the text: a caller hashing many versions
 * feeds the pieces to the hash instead of building each text. `entryText` lets it reuse the text
 * of entries that did not change between versions, as a string or already encoded as UTF-8.
 */
export function versionJsonParts<Part extends string | Uint8Array = string>(
  version: VersionId,
  entries: readonly VersionEntry[],
  entryText: (entry: VersionEntry) => Part = versionEntryText as (entry: VersionEntry) => Part,
): (string | Part)[] {
  return versionJsonPartsInOrder(version, [...entries].sort(byId).map(entryText));
}

/** The same pieces from the entries' texts, already in id order. */
export function versionJsonPartsInOrder<Part extends string | Uint8Array>(
  version: VersionId,
  texts: readonly Part[],
): (string | Part)[] {
  const head = `{\n  "version": ${JSON.stringify(version.id)},\n  "commit": ${JSON.stringify(version.commit)},\n  "subprocessors": `;
  if (texts.length === 0) return [head, '[]\n}\n'];
  const parts: (string | Part)[] = [head, '[\n'];
  texts.forEach((text, index) => {
    if (index > 0) parts.push(',\n');
    parts.push(text);
  });
  parts.push('\n  ]\n}\n');
  return parts;
}

/** The canonical text of a version. */
export const versionJsonText = (
  version: VersionId,
  entries: readonly VersionEntry[],
  entryText?: (entry: VersionEntry) => string,
): string => versionJsonParts(version, entries, entryText).join('');

/** The pieces as one UTF-8 byte array: a version's file, written as its hash was computed. */
export function joinBytes(parts: readonly (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  // The text pieces are a few separators, repeated: each is encoded once.
  const encoder = new TextEncoder();
  const encoded = new Map<string, Uint8Array>();
  const chunks = parts.map((part) => {
    if (typeof part !== 'string') return part;
    let chunk = encoded.get(part);
    if (chunk === undefined) encoded.set(part, (chunk = encoder.encode(part)));
    return chunk;
  });
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
