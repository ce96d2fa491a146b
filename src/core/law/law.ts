/**
 * The transfer law the rules apply, read from `transfer-law.json`.
 *
 * The law lives in data so that a change in it (an adequacy decision adopted or expiring, the DPF
 * falling) is a one-line edit that re-flags every affected entry; the rules in `../rules.ts` only
 * interpret it, and `../words.ts` names it. The file is validated on load so a bad edit fails
 * loudly instead of weakening a rule.
 */
import { z } from 'zod';
import lawData from './transfer-law.json' with { type: 'json' };
import isoData from './iso-3166-alpha2.json' with { type: 'json' };

const isoDate = z.iso.date();

const AdequacySchema = z.strictObject({
  country: z.string().length(2),
  name: z.string(),
  decision: z.string(),
  inForceFrom: isoDate,
  expires: isoDate.nullable(),
  scopeLimited: z.boolean(),
  scope: z.string(),
  source: z.string(),
  /** Adequacy that exists only through a named mechanism (the US: only via the DPF). */
  viaMechanism: z.string().optional(),
});

const MechanismSchema = z.strictObject({
  name: z.string(),
  regime: z.enum(['eu', 'uk', 'ch']),
  article: z.string(),
  kind: z.enum(['adequacy', 'safeguard', 'derogation', 'invalid']),
  explanation: z.string().optional(),
  onlyFor: z.array(z.string().length(2)).optional(),
  needsSccModule: z.boolean().optional(),
  expectsTia: z.boolean().optional(),
  validFrom: isoDate.optional(),
  invalidSince: isoDate.nullable().optional(),
  invalidReason: z.string().optional(),
  replacement: z.string().optional(),
  risk: z.string().optional(),
  source: z.string(),
  /**
   * Its term in the Data Privacy Vocabulary's GDPR extension (`eu-gdpr:A46-2-c`); without one, DPV
   * has no term for it and the linked data gives it an IRI of ours, `broader` than the GDPR terms listed.
   */
  dpv: z.strictObject({
    term: z
      .string()
      .regex(/^eu-gdpr:A\d+(-[0-9a-z]+)*$/)
      .optional(),
    broader: z.array(z.string().regex(/^eu-gdpr:A\d+(-[0-9a-z]+)*$/)).optional(),
  }),
});

const LawSchema = z.object({
  preparedOn: isoDate,
  eea: z.array(z.string().length(2)),
  eeaTerritories: z.array(z.string().length(2)),
  adequacy: z.array(AdequacySchema),
  ukAdequacy: z.array(z.string().length(2)),
  swissAdequacy: z.array(z.string().length(2)),
  mechanisms: z.record(z.string(), MechanismSchema),
  countryCodeCorrections: z.record(z.string(), z.string().nullable()),
});

export type Regime = 'eu' | 'uk' | 'ch';
export type AdequacyDecision = z.infer<typeof AdequacySchema>;
export type Mechanism = z.infer<typeof MechanismSchema> & { id: string };

const law = LawSchema.parse(lawData);

export const countryCodes: readonly string[] = isoData.codes;
const countryCodeSet = new Set(countryCodes);
const eea = new Set([...law.eea, ...law.eeaTerritories]);
const adequacyByCountry = new Map(law.adequacy.map((decision) => [decision.country, decision]));

export const mechanisms: ReadonlyMap<string, Mechanism> = new Map(
  Object.entries(law.mechanisms).map(([id, mechanism]) => [id, { id, ...mechanism }]),
);
/** Every mechanism id an entry may name, the invalid ones included so they are rejected with their date. */
export const mechanismIds = [...mechanisms.keys()] as [string, ...string[]];

/** Inside the GDPR's territory: EU-27, Iceland, Liechtenstein, Norway and EU outermost regions. */
export const isInEea = (country: string): boolean => eea.has(country);

/** The EU adequacy decision for a country, whatever the date; `undefined` if there never was one. */
export const adequacyDecision = (country: string): AdequacyDecision | undefined => adequacyByCountry.get(country);

export const isAdequacyInForce = (decision: AdequacyDecision, date: string): boolean =>
  decision.inForceFrom <= date && (decision.expires === null || date <= decision.expires);

/** Destinations recognised as adequate under the UK or Swiss regime (EEA states always are). */
export const hasRegimeAdequacy = (regime: 'uk' | 'ch', country: string): boolean =>
  isInEea(country) || (regime === 'uk' ? law.ukAdequacy : law.swissAdequacy).includes(country);

/**
 * The code someone probably meant by an invalid country code: `UK` → `GB`, `EL` → `GR`, `us` → `US`.
 * `null` when the code names no single country (`EU`, `XK`), `undefined` when there is no guess.
 */
export function correctCountryCode(code: string): string | null | undefined {
  const upper = code.toUpperCase();
  if (upper in law.countryCodeCorrections) return law.countryCodeCorrections[upper];
  return countryCodeSet.has(upper) ? upper : undefined;
}
