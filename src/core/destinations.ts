/**
 * Where an entry's data goes: every country it reaches (its locations and the country its entity is
 * established in), and of those the destinations outside the EEA that need a transfer basis. The
 * transfer rules, the change engine and the pages all ask this module, so "a destination" means the
 * same thing to each.
 */
import { law as currentLaw, type Law } from './law/law.ts';
import type { Entry, Transfer } from './schema.ts';
import { countryName } from './words.ts';

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
  /** The entity itself is established there. */
  established: boolean;
  /** The indexes of the locations in that country, in the order written. */
  locations: number[];
  /** The transfer covering it, if the entry has one (the rules report a destination without). */
  transfer?: Transfer;
}

/**
 * Whether data sent to a country leaves the GDPR's territory: outside the EEA and, on `date`, not
 * counted as inside (the UK until mid-2021). An international organisation's seat is always
 * outside: the organisation is not bound by the law of its host state (GDPR Art. 4(26), Art. 44).
 */
export function leavesEea(
  entry: Pick<Entry, 'country' | 'internationalOrganisation'>,
  country: string,
  { date, law = currentLaw }: { date?: string | undefined; law?: Law } = {},
): boolean {
  if (entry.internationalOrganisation !== undefined && country === entry.country) return true;
  if (law.isInEea(country)) return false;
  return date === undefined || law.insidePeriod(country, date) === undefined;
}

/**
 * Every destination outside the EEA, in the order of `entryCountries`, with the transfer that covers
 * it; judged on `date` when given (the rules), else on the law as it stands (the pages).
 */
export function nonEeaDestinations(
  entry: Pick<Entry, 'country' | 'locations' | 'transfers' | 'internationalOrganisation'>,
  on: { date?: string | undefined; law?: Law } = {},
): Destination[] {
  return entryCountries(entry)
    .filter((country) => leavesEea(entry, country, on))
    .map((country) => ({
      country,
      name: countryName(country),
      established: entry.country === country,
      locations: entry.locations.flatMap((location, index) => (location.country === country ? [index] : [])),
      transfer: entry.transfers.find((transfer) => transfer.country === country),
    }));
}
