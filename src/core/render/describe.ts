/**
 * A change set in plain words, independent of the medium: what each change is, and each moved
 * field as "before → after" with labels instead of keys and country names instead of codes. The
 * Markdown, text and HTML renderers only format these words (and escape them for their medium).
 */
import type { Change, ChangedField, Notice } from '../changes/diff.ts';
import { mechanisms } from '../law/law.ts';
import type { Entry, Register } from '../schema.ts';
import { countryName, FIELD_LABELS as fieldLabels, mechanismName, vocabularyLabels } from '../words.ts';

export type Labels = Pick<Register, 'categories' | 'services' | 'dataCategories' | 'dataSubjects'>;

export interface DescribeContext {
  labels: Labels;
  /** Absolute URL of the site's root, ending in `/` (site + base). */
  siteUrl: string;
}

export interface Detail {
  label: string;
  /** For an update: the value before; absent for a new or removed entry's facts. */
  before?: string;
  after: string;
}

export interface ChangeDescription {
  change: Change;
  /** "Added", "Updated", "Removed". */
  verb: string;
  headline: string;
  url: string;
  details: Detail[];
  notice?: Notice;
}

const verbs = { added: 'Added', updated: 'Updated', removed: 'Removed' } as const;

/** The facts a new sub-processor is announced with (EDPB Opinion 22/2024). */
const announcedFields: (keyof Entry)[] = [
  'legalName',
  'address',
  'country',
  'purpose',
  'locations',
  'transfers',
  'dataCategories',
  'dataSubjects',
  'services',
  'since',
];

export function describeChange(change: Change, context: DescribeContext): ChangeDescription {
  const data = change.entry;
  const url = `${context.siteUrl}subprocessors/${encodeURIComponent(change.id)}/`;
  const value = (field: ChangedField, raw: unknown) => formatValue(field, raw, context.labels);
  let details: Detail[];
  if (change.kind === 'added' && data !== undefined) {
    details = announcedFields
      .filter((field) => data[field] !== undefined || field === 'services')
      .map((field) => ({ label: fieldLabels[field], after: value(field, data[field]) }));
  } else {
    details = change.fields.map(({ field, before, after }) => ({
      label: fieldLabels[field],
      before: value(field, before),
      after: value(field, after),
    }));
  }
  if (change.previousId !== undefined) details.unshift({ label: 'Id', before: change.previousId, after: change.id });
  const headline = `${verbs[change.kind]}: ${change.name}`;
  return {
    change,
    verb: verbs[change.kind],
    headline,
    url,
    details,
    ...(change.notice ? { notice: change.notice } : {}),
  };
}

/** A field's value in words a customer reads. */
export function formatValue(field: ChangedField, value: unknown, labels: Labels): string {
  if (value === undefined || value === null) return field === 'services' ? 'all services' : '—';
  const list = Array.isArray(value) ? value : [value];
  const label = (vocabulary: Labels[keyof Labels]) => vocabularyLabels(vocabulary, list.map(String)).join(', ');
  switch (field) {
    case 'services':
      return label(labels.services);
    case 'dataCategories':
      return label(labels.dataCategories);
    case 'dataSubjects':
      return label(labels.dataSubjects);
    case 'category':
      return label(labels.categories);
    case 'country':
      return countryName(String(value));
    case 'locations':
      return list.map((item) => describeLocation(item as Record<string, unknown>)).join('; ') || '—';
    case 'transfers':
      return (
        list.map((item) => describeTransfer(item as Record<string, unknown>)).join('; ') ||
        'none (the data stays in the EEA)'
      );
    case 'contactPerson':
      return describeContactPerson(value as Record<string, unknown>);
    case 'onwardSubprocessors':
      return describeOnward(value as Record<string, unknown>);
    case 'body':
      return String(value).trim() === '' ? '—' : 'text changed (see the entry page)';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** `Jane Doe, Data Protection Officer`. */
export function describeContactPerson({ name, position }: Record<string, unknown>): string {
  return [name, position].filter((part) => typeof part === 'string').join(', ');
}

/** `Cloudflare (United States): CDN; full list at https://…`. */
export function describeOnward({ list, entities }: Record<string, unknown>): string {
  const named = asRecords(entities).map(
    ({ name, country, purpose }) => `${String(name)} (${countryName(String(country))}): ${String(purpose)}`,
  );
  if (typeof list === 'string') named.push(`full list at ${list}`);
  return named.join('; ') || '—';
}

const asRecords = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object') : [];

function describeLocation({ country, region, activity }: Record<string, unknown>): string {
  const where = countryName(String(country)) + (region ? ` (${String(region)})` : '');
  return activity ? `${where}: ${String(activity)}` : where;
}

export function describeTransfer({ country, mechanism, fallback, sccModule }: Record<string, unknown>): string {
  const name = (id: unknown) => (typeof id === 'string' ? mechanismName(id) : '');
  const module = (id: unknown) =>
    typeof id === 'string' && mechanisms.get(id)?.needsSccModule && sccModule !== undefined
      ? `, module ${String(sccModule)}`
      : '';
  const primary = `${name(mechanism)}${module(mechanism)}`;
  const backup = fallback !== undefined ? `, with ${name(fallback)}${module(fallback)} as fallback` : '';
  return `${countryName(String(country))}: ${primary}${backup}`;
}
