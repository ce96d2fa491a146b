/**
 * One version of the register read from the text of its files, for comparison. Unlike
 * `validateRegister`, it never rejects an entry: an old revision that no longer fits today's
 * schema is kept as its raw YAML, compared as far as it can be, and flagged.
 */
import { parseMarkdownEntry } from '../frontmatter.ts';
import { readRegister } from '../register.ts';
import { createEntrySchema, DEFAULT_NOTICE_DAYS, EntrySchema, type Register, type Vocabularies } from '../schema.ts';
import { ENTRIES_DIR, entryId, REGISTER_PATH } from '../validate.ts';
import type { EntryVersion, RawEntry } from './diff.ts';

export interface Snapshot {
  /** The publisher's settings; defaults when register.yaml is missing or invalid at this version. */
  register: Pick<Register, 'noticeDays' | 'objectionDays'> & Partial<Vocabularies>;
  entries: Map<string, EntryVersion>;
  /** Files that could not be read or do not fit today's format at this version. */
  problems: string[];
}

export const isEntryPath = (path: string) => path.startsWith(`${ENTRIES_DIR}/`) && path.endsWith('.md');
export { REGISTER_PATH };

const defaultRegister = { noticeDays: DEFAULT_NOTICE_DAYS, objectionDays: undefined };

export function readRegisterSettings(text: string | undefined): { register: Snapshot['register']; problem?: string } {
  if (text === undefined) return { register: defaultRegister, problem: `${REGISTER_PATH} is missing` };
  const register = readRegister(text);
  return register !== undefined
    ? { register }
    : { register: defaultRegister, problem: `${REGISTER_PATH} does not fit today's format` };
}

/** Building a schema costs far more than using one: one per version of the vocabularies. */
const schemas = new WeakMap<object, ReturnType<typeof createEntrySchema>>();
const vocabularyFree = createEntrySchema();

function entrySchemaFor(vocabularies: Partial<Vocabularies> | undefined) {
  if (!vocabularies?.categories || !vocabularies.dataCategories || !vocabularies.dataSubjects) return vocabularyFree;
  let schema = schemas.get(vocabularies);
  if (schema === undefined) schemas.set(vocabularies, (schema = createEntrySchema(vocabularies as Vocabularies)));
  return schema;
}

/** An entry's version from its file text, or a problem when not even its YAML can be read. */
export function readEntryVersion(
  path: string,
  text: string,
  vocabularies?: Partial<Vocabularies>,
): { version?: EntryVersion; problem?: string } {
  const id = entryId(path);
  const parsed = parseMarkdownEntry(text);
  if (!parsed.ok) return { problem: `${path}: ${parsed.message}` };
  const result = entrySchemaFor(vocabularies).safeParse(parsed.data);
  if (result.success) return { version: { id, fitsSchema: true, data: result.data, body: parsed.body, text } };
  const problem = `${path} does not fit today's format (${result.error.issues.length} ${result.error.issues.length === 1 ? 'problem' : 'problems'}); compared as written`;
  // A key the vocabularies of that time did not have is still a well-formed entry.
  const shapeOnly = EntrySchema.safeParse(parsed.data);
  if (shapeOnly.success)
    return { version: { id, fitsSchema: true, data: shapeOnly.data, body: parsed.body, text }, problem };
  // Fill in the defaults the schema would, so they do not show up as changes.
  const raw: RawEntry = parsed.data !== null && typeof parsed.data === 'object' ? (parsed.data as RawEntry) : {};
  return {
    version: { id, fitsSchema: false, data: { role: 'subprocessor', transfers: [], ...raw }, body: parsed.body, text },
    problem,
  };
}

/** A whole snapshot from every file of one version (path → text). */
export function readSnapshot(files: ReadonlyMap<string, string>): Snapshot {
  const { register, problem } = readRegisterSettings(files.get(REGISTER_PATH));
  const problems = problem === undefined ? [] : [problem];
  const entries = new Map<string, EntryVersion>();
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isEntryPath(path)) continue;
    const read = readEntryVersion(path, text, register);
    if (read.problem !== undefined) problems.push(read.problem);
    if (read.version !== undefined) entries.set(read.version.id, read.version);
  }
  return { register, entries, problems };
}
