/**
 * The machine-readable exports: `register.json` and `register.csv`. Pure: the pages pass in the
 * validated entries, the publisher settings, the build date and the package version.
 *
 * The CSV's column order is a contract, documented on the subscribe page and in the README
 * ("Exports"); a test fails when an entry field is missing from it.
 */
import { describeContactPerson } from '../core/render/describe.ts';
import type { Entry, Location, Register, Transfer } from '../core/schema.ts';
import { entryStatus } from '../core/status.ts';

export interface ExportEntry {
  id: string;
  data: Entry;
}

export interface RegisterJson {
  generatedAt: string;
  schemaVersion: string;
  /** The register version this file is: its day, commit and the SHA-256 of its canonical JSON (/versions/). */
  version?: { id: string; commit: string; sha256: string };
  publisher: Register;
  subprocessors: ({ id: string } & Entry)[];
}

/** The validated data exactly as in the collection, one object per entry, sorted by id. */
export function registerJson(
  entries: readonly ExportEntry[],
  publisher: Register,
  options: { generatedAt: string; schemaVersion: string; version?: RegisterJson['version'] },
): RegisterJson {
  return {
    generatedAt: options.generatedAt,
    schemaVersion: options.schemaVersion,
    ...(options.version !== undefined
      ? { version: { id: options.version.id, commit: options.version.commit, sha256: options.version.sha256 } }
      : {}),
    publisher,
    subprocessors: [...entries]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, data }) => ({ id, ...data })),
  };
}

/** `FR hosting Paris (fr-par)`: country, activity, then the region if any. */
export const locationCell = (location: Location) =>
  [location.country, location.activity, location.region].filter((part) => part !== undefined).join(' ');

/** `US dpf fallback=scc module=3 tia=2025-10-06 measures=encryption-in-transit,encryption-at-rest`. */
export function transferCell(transfer: Transfer): string {
  const parts = [transfer.country, transfer.mechanism];
  if (transfer.fallback !== undefined) parts.push(`fallback=${transfer.fallback}`);
  if (transfer.sccModule !== undefined) parts.push(`module=${transfer.sccModule}`);
  if (transfer.tia !== undefined) parts.push(`tia=${transfer.tia}`);
  if (transfer.measures !== undefined && transfer.measures.length > 0)
    parts.push(`measures=${transfer.measures.join(',')}`);
  return parts.join(' ');
}

/** `US Amazon Web Services, Inc.: Hosts the platform.; list=https://…`: named entities, then the list's URL. */
export function onwardCell(onward: Entry['onwardSubprocessors']): string {
  const parts = (onward?.entities ?? []).map((entity) => `${entity.country} ${entity.name}: ${entity.purpose}`);
  if (onward?.list !== undefined) parts.push(`list=${onward.list}`);
  return parts.join(LIST);
}

const LIST = '; ';

export interface CsvColumn {
  name: string;
  description: string;
  value: (entry: ExportEntry, today: string) => string;
}

const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));

/** The columns of register.csv, in order. Names are the fields of register.json. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'id', description: "The entry's permanent id (its page is subprocessors/<id>/).", value: ({ id }) => id },
  { name: 'name', description: 'Display name.', value: ({ data }) => data.name },
  { name: 'legalName', description: 'The contracting legal entity.', value: ({ data }) => data.legalName },
  { name: 'address', description: 'Registered address of that entity.', value: ({ data }) => data.address },
  {
    name: 'country',
    description: 'ISO 3166-1 alpha-2 code of the country where the entity is established.',
    value: ({ data }) => data.country,
  },
  {
    name: 'internationalOrganisation',
    description: "The recipient's international organisation id, when it is one (may be empty).",
    value: ({ data }) => text(data.internationalOrganisation),
  },
  {
    name: 'contact',
    description: 'Privacy contact: an email address or an https URL.',
    value: ({ data }) => data.contact,
  },
  {
    name: 'contactPerson',
    description: 'The contact person at the sub-processor, "name, position" (name may be absent; empty when none).',
    value: ({ data }) => (data.contactPerson === undefined ? '' : describeContactPerson(data.contactPerson)),
  },
  { name: 'website', description: 'Website (may be empty).', value: ({ data }) => text(data.website) },
  {
    name: 'role',
    description: "subprocessor, or affiliate for a company of the publisher's group.",
    value: ({ data }) => data.role,
  },
  { name: 'purpose', description: 'What it does with the data.', value: ({ data }) => data.purpose },
  {
    name: 'category',
    description: 'Category key (labels are in register.json, publisher.categories).',
    value: ({ data }) => data.category,
  },
  {
    name: 'services',
    description: 'Service keys, separated by "; "; empty when every service uses it.',
    value: ({ data }) => (data.services ?? []).join(LIST),
  },
  {
    name: 'dataCategories',
    description: 'Data category keys, separated by "; ".',
    value: ({ data }) => data.dataCategories.join(LIST),
  },
  {
    name: 'dataSubjects',
    description: 'Data subject keys, separated by "; ".',
    value: ({ data }) => data.dataSubjects.join(LIST),
  },
  {
    name: 'locations',
    description:
      'Locations separated by "; ", each "COUNTRY activity region" (region optional), e.g. "FR hosting Paris (fr-par)".',
    value: ({ data }) => data.locations.map(locationCell).join(LIST),
  },
  {
    name: 'transfers',
    description:
      'Transfers separated by "; ", each "COUNTRY mechanism" then any of fallback=, module=, tia=, measures= (comma-separated), e.g. "US dpf fallback=scc module=3 tia=2025-10-06". The instrument of a certification or code of conduct, free text, is in register.json.',
    value: ({ data }) => data.transfers.map(transferCell).join(LIST),
  },
  {
    name: 'onwardSubprocessors',
    description:
      'The sub-processor\'s own sub-processors separated by "; ": each named one as "COUNTRY name: purpose", then "list=URL" for its full list, e.g. "US Amazon Web Services, Inc.: Hosts the platform.; list=https://zapier.com/legal/subprocessors" (may be empty).',
    value: ({ data }) => onwardCell(data.onwardSubprocessors),
  },
  {
    name: 'retention',
    description: 'How long the sub-processor keeps the data, in words (may be empty).',
    value: ({ data }) => text(data.retention),
  },
  {
    name: 'dpa',
    description: 'Data processing agreement: an https URL, on-request, or empty.',
    value: ({ data }) => text(data.dpa),
  },
  {
    name: 'since',
    description: 'Date it started, or will start, processing (YYYY-MM-DD).',
    value: ({ data }) => data.since,
  },
  {
    name: 'noticeGiven',
    description: 'Date customers were told (may be empty).',
    value: ({ data }) => text(data.noticeGiven),
  },
  {
    name: 'updateEffective',
    description: 'Date the latest material update applies (may be empty).',
    value: ({ data }) => text(data.updateEffective),
  },
  { name: 'until', description: 'Last day of processing (empty while in use).', value: ({ data }) => text(data.until) },
  {
    name: 'emergency',
    description: 'Why the change was made with less notice than usual (usually empty).',
    value: ({ data }) => text(data.emergency),
  },
  {
    name: 'status',
    description: 'current, upcoming or former, on the date the register was published.',
    value: ({ data }, today) => entryStatus(data, today),
  },
];

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A cell a spreadsheet will not run as a formula ("CSV injection"): one that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading `'`, which Excel, LibreOffice and Google Sheets
 * read as "text" — as OWASP recommends (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export const inertCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The whole file: a header row, then one row per entry sorted by id; every line ends with CRLF. */
export function registerCsv(entries: readonly ExportEntry[], today: string): string {
  const rows = [CSV_COLUMNS.map((column) => column.name)];
  for (const entry of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    rows.push(CSV_COLUMNS.map((column) => column.value(entry, today)));
  return rows.map((row) => `${row.map((cell) => csvField(inertCell(cell))).join(',')}\r\n`).join('');
}
