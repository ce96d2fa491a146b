/**
 * The words the register shows for its codes and keys: country names, mechanisms, SCC modules,
 * location activities, supplementary measures, the labels of entry fields and of the publisher's
 * vocabularies. Checks, change sets, notices and pages all take their words from here, so the same
 * thing is called the same everywhere.
 *
 * The tables are typed by the schema: a new activity, measure, SCC module or entry field without a
 * label here fails the type check (`astro check`).
 */
import type { ChangedField } from './changes/diff.ts';
import { mechanisms, type Regime } from './law/law.ts';
import type { Location, Transfer, Vocabularies } from './schema.ts';

/** `['a', 'b', 'c']` → `a, b and c`. */
export function joinWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const countryNames = new Map<string, string>();

/** `US` → `United States`, remembered: pages ask for the same few names thousands of times. */
export function countryName(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) {
    name = regionNames.of(code) ?? code;
    countryNames.set(code, name);
  }
  return name;
}

/** `United States (US)`: a country as findings name it, so the code to write is in sight. */
export const countryWithCode = (code: string) => `${countryName(code)} (${code})`;

/** The law's name of a mechanism (`scc` → `Standard contractual clauses (2021)`), or the id when unknown. */
export const mechanismName = (id: string): string => mechanisms.get(id)?.name ?? id;

/** Short names for tables; the law's own name is used for anything not listed. */
const MECHANISM_SHORT_NAMES: Record<string, string> = {
  adequacy: 'adequacy decision',
  dpf: 'EU-US Data Privacy Framework',
  scc: 'standard contractual clauses',
  bcr: 'binding corporate rules',
  'code-of-conduct': 'approved code of conduct',
  certification: 'approved certification',
  derogation: 'Art. 49 derogation',
};

export const mechanismShortName = (id: string): string => MECHANISM_SHORT_NAMES[id] ?? mechanismName(id);

/** What an entry with no transfer at all relies on, as the register's filter names it. */
export const NO_TRANSFER_LABEL = 'No transfer: EEA only';

/** The data protection law of each regime, as a sentence names it. */
export const REGIME_LAW: Record<Regime, string> = { eu: 'the GDPR', uk: 'UK GDPR', ch: 'the Swiss FADP' };

export type SccModule = NonNullable<Transfer['sccModule']>;

/** Who exports to whom under each SCC module. */
export const SCC_MODULE_PARTIES: Record<SccModule, string> = {
  1: 'controller to controller',
  2: 'controller to processor',
  3: 'processor to processor',
  4: 'processor to controller',
};

/** `Module 3: processor to processor (a sub-processor)`. */
export const sccModuleLabel = (module: SccModule): string =>
  `Module ${module}: ${SCC_MODULE_PARTIES[module]}${module === 3 ? ' (a sub-processor)' : ''}`;

export type Activity = Location['activity'];

export const ACTIVITY_LABELS: Record<Activity, string> = {
  hosting: 'Hosting',
  storage: 'Storage',
  processing: 'Processing',
  backup: 'Backup',
  support: 'Support (remote access)',
};

export type Measure = NonNullable<Transfer['measures']>[number];

export const MEASURE_LABELS: Record<Measure, string> = {
  'encryption-in-transit': 'Encryption in transit',
  'encryption-at-rest': 'Encryption at rest',
  'exporter-held-keys': 'Encryption keys held by the data exporter only',
  pseudonymisation: 'Pseudonymisation',
  'split-processing': 'Split processing (no single recipient sees the whole)',
  'eea-personnel-access': 'Access limited to personnel in the EEA',
  'access-logging': 'Access logging and review',
  'transparency-reporting': 'Transparency reporting on government requests',
  'request-challenge': 'Commitment to challenge government access requests',
  'data-minimisation': 'Data minimisation',
};

/** Each entry field (and the Markdown text, `body`) as a change set and a notice name it. */
export const FIELD_LABELS: Record<ChangedField, string> = {
  name: 'Name',
  legalName: 'Legal entity',
  address: 'Address',
  country: 'Established in',
  internationalOrganisation: 'International organisation',
  contact: 'Privacy contact',
  contactPerson: 'Contact person',
  website: 'Website',
  role: 'Role',
  purpose: 'Purpose',
  category: 'Category',
  services: 'Services',
  dataCategories: 'Personal data',
  dataSubjects: 'Whose data',
  locations: 'Where data is processed',
  transfers: 'Transfers outside the EEA',
  onwardSubprocessors: 'Onward sub-processors',
  retention: 'Retention period',
  dpa: 'Data processing agreement',
  since: 'Effective from',
  noticeGiven: 'Customers notified',
  updateEffective: 'Update takes effect',
  until: 'Last day of processing',
  emergency: 'Reason for short notice',
  body: 'Description',
};

/**
 * The label the publisher gave a vocabulary key in register.yaml (`categories`, `services`,
 * `dataCategories`, `dataSubjects`), or the key itself when it has none (an old revision).
 */
export const vocabularyLabel = (vocabulary: Vocabularies[keyof Vocabularies], key: string): string =>
  vocabulary[key] ?? key;

export const vocabularyLabels = (vocabulary: Vocabularies[keyof Vocabularies], keys: readonly string[]): string[] =>
  keys.map((key) => vocabularyLabel(vocabulary, key));
