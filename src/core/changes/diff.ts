/**
 * The change set between two versions of the register, compared by parsed values, never by lines:
 * reformatting, key order, quoting, whitespace or the order of a list is no change.
 *
 * Each change is `added`, `removed` (the file deleted, or `until` set) or `updated` with the
 * top-level fields that moved, and is `material` when customers must be told of it before it takes
 * effect (GDPR Art. 28(2)): see `isMaterialFieldChange`. Output follows the JSON contract of
 * `npm run changes` in the design: sorted by kind (added, updated, removed), then id.
 */
import { isInEea } from '../law/law.ts';
import { noticeDates, type NoticeDates } from '../notices/notice-model.ts';
import { entryFields, type Entry, type Register } from '../schema.ts';

export type ChangeKind = 'added' | 'updated' | 'removed';

/** A field of an entry, or `body` for the Markdown text after the frontmatter. */
export type ChangedField = keyof Entry | 'body';

export interface FieldChange {
  field: ChangedField;
  /** The value before; `null` when the field was absent. */
  before: unknown;
  /** The value after; `null` when the field is absent now. */
  after: unknown;
}

/** The four days of a change (see notices/notice-model.ts). */
export type Notice = NoticeDates;

export interface Change {
  kind: ChangeKind;
  id: string;
  name: string;
  material: boolean;
  fields: FieldChange[];
  /** The id the entry had before, when its file was renamed. */
  previousId?: string;
  /** A material update that changes the contracting entity or its country (Art. 28(2) "replacing"). */
  replacement?: boolean;
  /** The four days of a material change: published, notice given, effective, objection deadline. */
  notice?: Notice;
  /** For an added entry, its fields (a notice announces them all): as validated, or as written. */
  entry?: EntryVersion['data'];
}

/** The fields of an entry as written, for a version that does not fit today's schema. */
export type RawEntry = { readonly [field: string]: unknown };

interface EntryVersionBase {
  id: string;
  /** The Markdown text after the frontmatter. */
  body: string;
  /** The file's text, when known: the same text is the same entry, no need to compare values. */
  text?: string;
}

/**
 * One version of one entry: the validated entry, or — for an old revision that no longer fits
 * today's schema — its raw YAML, flagged, and compared as far as it can be.
 */
export type EntryVersion =
  | (EntryVersionBase & { fitsSchema: true; data: Entry })
  | (EntryVersionBase & { fitsSchema: false; data: RawEntry });

export interface DiffOptions {
  /** The publisher's notice settings at the newer version. */
  register: Pick<Register, 'noticeDays' | 'objectionDays'>;
  /** The UTC day the newer version was published (today for one not merged yet), `YYYY-MM-DD`. */
  published: string;
}

const kindOrder: Record<ChangeKind, number> = { added: 0, updated: 1, removed: 2 };
const comparedFields: ChangedField[] = [...entryFields, 'body'];
/** Lists whose order means nothing: reordering them is no change. */
const setFields = new Set<ChangedField>(['services', 'dataCategories', 'dataSubjects', 'locations', 'transfers']);

export function diffEntries(
  before: ReadonlyMap<string, EntryVersion>,
  after: ReadonlyMap<string, EntryVersion>,
  options: DiffOptions,
): Change[] {
  const changes: Change[] = [];
  const gone = [...before.values()].filter((entry) => !after.has(entry.id));
  const arrived = [...after.values()].filter((entry) => !before.has(entry.id));

  // A file moved to a new id, for the same legal entity, is the same sub-processor renamed.
  const renamedFrom = new Map<string, EntryVersion>();
  const renamed = new Set<string>();
  for (const entry of arrived) {
    const previous = gone.find((old) => !renamed.has(old.id) && sameEntity(old, entry));
    if (previous === undefined) continue;
    renamedFrom.set(entry.id, previous);
    renamed.add(previous.id);
  }

  for (const entry of arrived) {
    const previous = renamedFrom.get(entry.id);
    if (previous === undefined) changes.push(withNotice(added(entry), entry, undefined, options));
    else {
      const change = compare(previous, entry, options);
      changes.push({
        ...(change ?? { kind: 'updated', id: entry.id, name: nameOf(entry), material: false, fields: [] }),
        id: entry.id,
        previousId: previous.id,
      });
    }
  }
  for (const entry of after.values()) {
    const previous = before.get(entry.id);
    if (previous === undefined) continue;
    const change = compare(previous, entry, options);
    if (change !== undefined) changes.push(change);
  }
  for (const entry of gone) {
    if (!renamed.has(entry.id)) changes.push(withNotice(removed(entry, []), entry, entry, options));
  }
  return changes.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const sameEntity = (a: EntryVersion, b: EntryVersion) =>
  normalise(a.data.legalName) !== '' &&
  normalise(a.data.legalName) === normalise(b.data.legalName) &&
  a.data.country === b.data.country;

const normalise = (value: unknown) =>
  typeof value === 'string' ? value.toLowerCase().replace(/\s+/g, ' ').trim() : '';
const nameOf = (entry: EntryVersion) => (typeof entry.data.name === 'string' ? entry.data.name : entry.id);

function added(entry: EntryVersion): Change {
  return { kind: 'added', id: entry.id, name: nameOf(entry), material: true, fields: [], entry: entry.data };
}

const removed = (entry: EntryVersion, fields: FieldChange[]): Change => ({
  kind: 'removed',
  id: entry.id,
  name: nameOf(entry),
  material: false,
  fields,
});

function compare(before: EntryVersion, after: EntryVersion, options: DiffOptions): Change | undefined {
  if (before.text !== undefined && before.text === after.text) return undefined;
  const fields = comparedFields.flatMap((field): FieldChange[] => {
    const [was, is] = field === 'body' ? [before.body, after.body] : [before.data[field], after.data[field]];
    // Primitives compare directly; structures first as written (usually equal), then canonically.
    const same =
      typeof was !== 'object' || typeof is !== 'object'
        ? was === is
        : JSON.stringify(was) === JSON.stringify(is) || canonical(field, was) === canonical(field, is);
    return same ? [] : [{ field, before: was ?? null, after: is ?? null }];
  });
  if (fields.length === 0) return undefined;
  const ended = before.data.until === undefined && after.data.until !== undefined;
  if (ended) return withNotice(removed(after, fields), after, before, options);
  const material = fields.some(isMaterialFieldChange);
  const change: Change = { kind: 'updated', id: after.id, name: nameOf(after), material, fields };
  if (fields.some(isReplacement)) change.replacement = true;
  return material ? withNotice(change, after, before, options) : change;
}

/** A new contracting entity, or the same one established elsewhere, is a new sub-processor in law. */
export const isReplacement = ({ field }: Pick<FieldChange, 'field'>): boolean =>
  field === 'legalName' || field === 'country' || field === 'internationalOrganisation';

/**
 * Whether customers must be told before a field change takes effect. Art. 28(2) is about new and
 * replacing sub-processors; a new place the data goes, a new basis for sending it there, a new
 * purpose or more data or more people are, for the customer, a new processing to object to.
 * Less data, fewer places, a corrected address or URL are recorded but notify nobody.
 */
export function isMaterialFieldChange({ field, before, after }: FieldChange): boolean {
  switch (field) {
    case 'legalName':
    case 'country':
    case 'internationalOrganisation':
    case 'purpose':
      return true;
    case 'updateEffective':
      // A new day an update applies is itself announced: customers learn it only now.
      return after != null;
    case 'services':
      // No list means every service: widening to all, or adding one, reaches new customers.
      return after == null ? before != null : before != null && gained(before, after).length > 0;
    case 'dataCategories':
    case 'dataSubjects':
      return gained(before, after).length > 0;
    case 'locations':
      return gained(countries(before), countries(after)).some((country) => !isInEea(String(country)));
    case 'transfers':
      return gained(transferBases(before), transferBases(after)).length > 0;
    case 'onwardSubprocessors':
      // A new named onward sub-processor is a new recipient down the chain (EDPB Opinion 22/2024);
      // a changed list URL or purpose wording is editorial.
      return gained(onwardNames(before), onwardNames(after)).length > 0;
    default:
      return false;
  }
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const gained = (before: unknown, after: unknown) => {
  const had = new Set(asList(before).map((item) => JSON.stringify(item)));
  return asList(after).filter((item) => !had.has(JSON.stringify(item)));
};
const countries = (locations: unknown) => [
  ...new Set(asList(locations).map((location) => (location as { country?: unknown }).country)),
];
const onwardNames = (onward: unknown) =>
  asList((onward as { entities?: unknown } | undefined)?.entities).map((entity) => {
    const { name, country } = entity as Record<string, unknown>;
    return { name, country };
  });
/** What a transfer relies on: the destination and its mechanisms, not the TIA date or measures. */
const transferBases = (transfers: unknown) =>
  asList(transfers).map((transfer) => {
    const { country, mechanism, fallback, sccModule } = transfer as Record<string, unknown>;
    return { country, mechanism, fallback, sccModule };
  });

function withNotice(
  change: Change,
  entry: EntryVersion,
  before: EntryVersion | undefined,
  { register, published }: DiffOptions,
): Change {
  return {
    ...change,
    notice: noticeDates({ kind: change.kind, entry: entry.data, before: before?.data, published, register }),
  };
}

/** A stable text for a value: object keys sorted, and lists that are sets sorted too. */
function canonical(field: ChangedField, value: unknown): string {
  const sortKeys = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sortKeys)
      : item !== null && typeof item === 'object'
        ? Object.fromEntries(
            Object.entries(item)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, inner]) => [key, sortKeys(inner)]),
          )
        : item;
  const normalised = sortKeys(value);
  if (setFields.has(field) && Array.isArray(normalised))
    return JSON.stringify(normalised.map((item) => JSON.stringify(item)).sort());
  return JSON.stringify(normalised) ?? 'undefined';
}
