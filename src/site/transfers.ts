/**
 * Where an entry's data goes and on what basis, in words a customer understands. Pure: built from
 * the entry and the transfer law (`../law/transfer-law.json`).
 */
import { countryName as lawCountryName, isInEea, mechanisms, type Mechanism } from '../core/law/law.ts';
import type { Entry, Transfer } from '../core/schema.ts';
import { firstUrl, joinWords } from './format.ts';

const names = new Map<string, string>();
/** `US` → `United States`, remembered: pages ask for the same few names thousands of times. */
export function countryName(code: string): string {
  let name = names.get(code);
  if (name === undefined) {
    name = lawCountryName(code);
    names.set(code, name);
  }
  return name;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** Short names for the table; the law's own `name` is used for anything not listed. */
const SHORT_NAMES: Record<string, string> = {
  adequacy: 'adequacy decision',
  dpf: 'EU-US Data Privacy Framework',
  scc: 'standard contractual clauses',
  bcr: 'binding corporate rules',
  'code-of-conduct': 'approved code of conduct',
  certification: 'approved certification',
  derogation: 'Art. 49 derogation',
};

export const mechanismName = (id: string): string => mechanisms.get(id)?.name ?? id;
export const mechanismShortName = (id: string): string => SHORT_NAMES[id] ?? mechanismName(id);

/** The countries an entry's data reaches: every location, then the entity's own country, without repeats. */
export function entryCountries(entry: Pick<Entry, 'country' | 'locations'>): string[] {
  return [...new Set([...entry.locations.map((location) => location.country), entry.country])];
}

/** Location countries only, in the order written. */
export const locationCountries = (entry: Pick<Entry, 'locations'>): string[] => [
  ...new Set(entry.locations.map((location) => location.country)),
];

export interface Destination {
  country: string;
  name: string;
  /** The transfer covering it; `undefined` for EEA countries (no transfer) — validation guarantees the rest have one. */
  transfer?: Transfer;
}

/** Every destination outside the EEA (locations and the entity's country) with its transfer. */
export function nonEeaDestinations(entry: Pick<Entry, 'country' | 'locations' | 'transfers'>): Destination[] {
  return entryCountries(entry)
    .filter((country) => !isInEea(country))
    .map((country) => ({
      country,
      name: countryName(country),
      transfer: entry.transfers.find((transfer) => transfer.country === country),
    }));
}

/** `EU-US Data Privacy Framework (standard contractual clauses as fallback)`. */
export function basisInWords(transfer: Transfer | undefined): string {
  if (transfer === undefined) return 'no transfer basis recorded';
  const main = mechanismShortName(transfer.mechanism);
  return transfer.fallback === undefined ? main : `${main} (${mechanismShortName(transfer.fallback)} as fallback)`;
}

/** Every mechanism an entry relies on, fallbacks included, or `['none']` when all its data stays in the EEA. */
export function entryMechanisms(entry: Pick<Entry, 'country' | 'locations' | 'transfers'>): string[] {
  const ids = new Set<string>();
  for (const { transfer } of nonEeaDestinations(entry)) {
    if (transfer === undefined) continue;
    ids.add(transfer.mechanism);
    if (transfer.fallback !== undefined) ids.add(transfer.fallback);
  }
  return ids.size === 0 ? ['none'] : [...ids];
}

export const NO_TRANSFER_LABEL = 'No transfer: EEA only';

/** The label of a mechanism filter value (`none` included). */
export const mechanismFilterLabel = (id: string) => (id === 'none' ? NO_TRANSFER_LABEL : mechanismName(id));

export interface MechanismExplained {
  id: string;
  name: string;
  article: string;
  explanation: string;
  /** A link to the legal source, when the law file has one. */
  source?: string;
}

export function explainMechanism(id: string): MechanismExplained {
  const mechanism: Mechanism | undefined = mechanisms.get(id);
  if (mechanism === undefined) return { id, name: id, article: '', explanation: '' };
  return {
    id,
    name: mechanism.name,
    article: mechanism.article,
    explanation: mechanism.explanation ?? '',
    source: firstUrl(mechanism.source),
  };
}

export const SCC_MODULES: Record<number, string> = {
  1: 'Module 1: controller to controller',
  2: 'Module 2: controller to processor',
  3: 'Module 3: processor to processor (a sub-processor)',
  4: 'Module 4: processor to controller',
};

export const ACTIVITY_LABELS: Record<string, string> = {
  hosting: 'Hosting',
  storage: 'Storage',
  processing: 'Processing',
  backup: 'Backup',
  support: 'Support (remote access)',
};

export const MEASURE_LABELS: Record<string, string> = {
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

// ---------------------------------------------------------------------------------------------
// The map's classes: one colour per kind of basis.

export type BasisClass = 'eea' | 'adequacy' | 'safeguards' | 'derogation';

export const BASIS_CLASSES: readonly { id: BasisClass; label: string; description: string }[] = [
  { id: 'eea', label: 'Inside the EEA', description: 'No international transfer: the GDPR applies directly.' },
  {
    id: 'adequacy',
    label: 'Adequacy decision',
    description: 'The European Commission recognises the whole country as protecting personal data to EU standards.',
  },
  {
    id: 'safeguards',
    label: 'Recipient-specific safeguards',
    description:
      'The recipient is bound by its own safeguard: Data Privacy Framework certification, standard contractual clauses or binding corporate rules.',
  },
  {
    id: 'derogation',
    label: 'Art. 49 derogation',
    description: 'An exception for occasional transfers, without a standing safeguard.',
  },
];

const RANK: Record<BasisClass, number> = { eea: 0, adequacy: 1, safeguards: 2, derogation: 3 };

/** The class of one destination of one entry. */
export function basisClass(country: string, transfer: Transfer | undefined): BasisClass {
  if (isInEea(country)) return 'eea';
  const mechanism = transfer === undefined ? undefined : mechanisms.get(transfer.mechanism);
  if (mechanism?.kind === 'derogation') return 'derogation';
  // The DPF is legally an adequacy decision, but only for certified recipients: it is recipient-specific.
  if (mechanism?.kind === 'adequacy' && !mechanism.id.endsWith('dpf')) return 'adequacy';
  return 'safeguards';
}

/** Of several classes for one country, the one that asks the most of the reader. */
export const strongestClass = (classes: Iterable<BasisClass>): BasisClass => {
  let result: BasisClass = 'eea';
  for (const item of classes) if (RANK[item] > RANK[result]) result = item;
  return result;
};

export interface CountryUse {
  country: string;
  name: string;
  basis: BasisClass;
  uses: { id: string; name: string; activities: string[]; established: boolean; transfer?: Transfer }[];
}

/** Every country the given entries' data reaches, with who sends it there and on what basis; by country name. */
export function countriesOfUse(entries: readonly { id: string; data: Entry }[]): CountryUse[] {
  const byCountry = new Map<string, CountryUse>();
  for (const { id, data } of entries) {
    for (const country of entryCountries(data)) {
      let use = byCountry.get(country);
      if (use === undefined) {
        use = { country, name: countryName(country), basis: 'eea', uses: [] };
        byCountry.set(country, use);
      }
      const transfer = data.transfers.find((candidate) => candidate.country === country);
      use.uses.push({
        id,
        name: data.name,
        activities: [
          ...new Set(
            data.locations.filter((location) => location.country === country).map((location) => location.activity),
          ),
        ],
        established: data.country === country,
        transfer,
      });
      use.basis = strongestClass([use.basis, basisClass(country, transfer)]);
    }
  }
  for (const use of byCountry.values()) use.uses.sort((a, b) => collator.compare(a.name, b.name));
  return [...byCountry.values()].sort((a, b) => collator.compare(a.name, b.name));
}

/** "Hosting and backup; established here" — what one entry does in one country. */
export function useInWords(use: CountryUse['uses'][number]): string {
  const parts = use.activities.map((activity) => (ACTIVITY_LABELS[activity] ?? activity).toLowerCase());
  const text = joinWords(parts);
  const established = use.established ? 'established here' : '';
  const both = [text, established].filter(Boolean).join('; ');
  return both.charAt(0).toUpperCase() + both.slice(1);
}
