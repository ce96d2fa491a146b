/**
 * On what basis an entry's data goes where it goes, in words a customer understands, and the map's
 * classes. Pure: built from the entry, the transfer law and the words of `src/core/words.ts`.
 */
import { entryCountries, nonEeaDestinations } from '../core/destinations.ts';
import { isInEea, mechanisms, type Mechanism } from '../core/law/law.ts';
import type { Entry, Transfer } from '../core/schema.ts';
import {
  ACTIVITY_LABELS,
  type Activity,
  countryName,
  mechanismName,
  mechanismShortName,
  NO_TRANSFER_LABEL,
} from '../core/words.ts';
import { firstUrl, joinWords } from './format.ts';

const collator = new Intl.Collator('en', { sensitivity: 'base' });

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
  // A framework (the DPF) is legally an adequacy decision, but only for recipients certified under
  // it (`onlyFor` a country): it is recipient-specific.
  if (mechanism?.kind === 'adequacy' && mechanism.onlyFor === undefined) return 'adequacy';
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
  uses: { id: string; name: string; activities: Activity[]; established: boolean; transfer?: Transfer }[];
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
  const parts = use.activities.map((activity) => ACTIVITY_LABELS[activity].toLowerCase());
  const text = joinWords(parts);
  const established = use.established ? 'established here' : '';
  const both = [text, established].filter(Boolean).join('; ');
  return both.charAt(0).toUpperCase() + both.slice(1);
}
