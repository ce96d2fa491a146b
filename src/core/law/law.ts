/**
 * The transfer law the rules apply, read from `transfer-law.json`.
 *
 * The law lives in data so that a change in it (an adequacy decision adopted or expiring, the DPF
 * falling) is a one-line edit that re-flags every affected entry and changes every hint; the rules
 * in `../rules.ts` only interpret it, and `../words.ts` names it. The file is validated on load so a
 * bad edit fails loudly instead of weakening a rule. `createLaw` builds the same view of another
 * edition of the data, so tests can show what a change in the law does.
 */
import { z } from 'zod';
import lawData from './transfer-law.json' with { type: 'json' };
import isoData from './iso-3166-alpha2.json' with { type: 'json' };

const isoDate = z.iso.date();
const countryCode = z.string().length(2);
const gdprTerm = z.string().regex(/^eu-gdpr:A\d+(-[0-9a-z]+)*$/);

const DecisionSchema = z.strictObject({
  name: z.string(),
  decision: z.string(),
  inForceFrom: isoDate,
  expires: isoDate.nullable(),
  scopeLimited: z.boolean(),
  scope: z.string(),
  source: z.url(),
});

const AdequacySchema = DecisionSchema.extend({
  country: countryCode,
  /** Adequacy that exists only through a named mechanism (the US: only via the DPF). */
  viaMechanism: z.string().optional(),
});

const OrganisationSchema = DecisionSchema.extend({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });

/** A period in which a country outside the EEA counted as inside: no transfer was needed. */
const InsidePeriodSchema = z.strictObject({
  country: countryCode,
  from: isoDate.optional(),
  until: isoDate,
  why: z.string(),
  source: z.url(),
});

const RegimeAdequacySchema = z.strictObject({
  country: countryCode,
  inForceFrom: isoDate.optional(),
  source: z.url(),
});

const MechanismSchema = z.strictObject({
  name: z.string(),
  regime: z.enum(['eu', 'uk', 'ch']),
  article: z.string(),
  /**
   * adequacy: a finding about the destination (general when `onlyFor` is absent, else a framework
   * its recipients certify under); safeguard: an Art. 46 tool the parties sign; derogation: Art. 49.
   */
  kind: z.enum(['adequacy', 'safeguard', 'derogation']),
  explanation: z.string().optional(),
  onlyFor: z.array(countryCode).optional(),
  needsSccModule: z.boolean().optional(),
  expectsTia: z.boolean().optional(),
  /** Must name the approved code of conduct or certification relied on (GDPR Art. 46(2)(e), (f)). */
  needsInstrument: z.boolean().optional(),
  /** The safeguard a hint proposes when nothing better covers a destination, first valid one wins. */
  suggested: z.boolean().optional(),
  /** First day it may be relied on. */
  validFrom: isoDate.optional(),
  /** Last day it may be relied on (inclusive), with why it ended. */
  validUntil: isoDate.optional(),
  invalidReason: z.string().optional(),
  risk: z.string().optional(),
  riskSource: z.url().optional(),
  source: z.url(),
  /**
   * Its term in the Data Privacy Vocabulary's GDPR extension (`eu-gdpr:A46-2-c`); without one, DPV
   * has no term for it and the linked data gives it an IRI of ours, `broader` than the GDPR terms listed.
   */
  dpv: z.strictObject({ term: gdprTerm.optional(), broader: z.array(gdprTerm).optional() }),
});

const LawSchema = z.object({
  preparedOn: isoDate,
  eea: z.array(countryCode),
  eeaTerritories: z.array(countryCode),
  treatedAsInside: z.array(InsidePeriodSchema),
  adequacy: z.array(AdequacySchema),
  internationalOrganisations: z.array(OrganisationSchema),
  ukAdequacy: z.array(RegimeAdequacySchema),
  swissAdequacy: z.array(RegimeAdequacySchema),
  mechanisms: z.record(z.string(), MechanismSchema),
  countryCodeCorrections: z.record(z.string(), z.string().nullable()),
});

export type Regime = 'eu' | 'uk' | 'ch';
export type LawData = z.input<typeof LawSchema>;
export type AdequacyDecision = z.infer<typeof AdequacySchema>;
export type OrganisationDecision = z.infer<typeof OrganisationSchema>;
export type InsidePeriod = z.infer<typeof InsidePeriodSchema>;
export type Mechanism = z.infer<typeof MechanismSchema> & { id: string };

/** The country whose own exports a regime governs: a destination there is no transfer under it. */
export const REGIME_HOME: Record<Exclude<Regime, 'eu'>, string> = { uk: 'GB', ch: 'CH' };

export interface Law {
  mechanisms: ReadonlyMap<string, Mechanism>;
  /** Inside the GDPR's territory: EU-27, Iceland, Liechtenstein, Norway and EU outermost regions. */
  isInEea(country: string): boolean;
  /** Why a country outside the EEA counted as inside on a date (the UK until mid-2021), if it did. */
  insidePeriod(country: string, date: string): InsidePeriod | undefined;
  /** The EU adequacy decision for a country, whatever the date; `undefined` if there never was one. */
  adequacyDecision(country: string): AdequacyDecision | undefined;
  /** The adequacy decision for an international organisation, if there is one. */
  organisationDecision(id: string): OrganisationDecision | undefined;
  /** Recognised as adequate under the UK or Swiss regime on a date (EEA states always are). */
  hasRegimeAdequacy(regime: Exclude<Regime, 'eu'>, country: string, date: string): boolean;
}

export function createLaw(data: unknown): Law {
  const law = LawSchema.parse(data);
  const eea = new Set([...law.eea, ...law.eeaTerritories]);
  const adequacyByCountry = new Map(law.adequacy.map((decision) => [decision.country, decision]));
  const organisations = new Map(law.internationalOrganisations.map((decision) => [decision.id, decision]));
  const regimeLists = { uk: law.ukAdequacy, ch: law.swissAdequacy };
  return {
    mechanisms: new Map(Object.entries(law.mechanisms).map(([id, mechanism]) => [id, { id, ...mechanism }])),
    isInEea: (country) => eea.has(country),
    insidePeriod: (country, date) =>
      law.treatedAsInside.find(
        (period) => period.country === country && (period.from ?? date) <= date && date <= period.until,
      ),
    adequacyDecision: (country) => adequacyByCountry.get(country),
    organisationDecision: (id) => organisations.get(id),
    hasRegimeAdequacy: (regime, country, date) =>
      eea.has(country) ||
      regimeLists[regime].some(
        (listed) => listed.country === country && (listed.inForceFrom === undefined || listed.inForceFrom <= date),
      ),
  };
}

/** The law in force as this edition of the data states it. */
export const law: Law = createLaw(lawData);

export const countryCodes: readonly string[] = isoData.codes;
const countryCodeSet = new Set(countryCodes);

export const { mechanisms, isInEea, adequacyDecision } = law;
/** Every mechanism id an entry may name, the expired ones included so they are rejected with their date. */
export const mechanismIds = [...mechanisms.keys()] as [string, ...string[]];

export const isAdequacyInForce = (decision: Pick<AdequacyDecision, 'inForceFrom' | 'expires'>, date: string) =>
  decision.inForceFrom <= date && (decision.expires === null || date <= decision.expires);

/** Whether a mechanism may be relied on on a date: within its validFrom and validUntil, both inclusive. */
export const isMechanismValidOn = (mechanism: Mechanism, date: string): boolean =>
  (mechanism.validFrom === undefined || mechanism.validFrom <= date) &&
  (mechanism.validUntil === undefined || date <= mechanism.validUntil);

/**
 * The code someone probably meant by an invalid country code: `UK` → `GB`, `EL` → `GR`, `us` → `US`.
 * `null` when the code names no single country (`EU`, `XK`), `undefined` when there is no guess.
 */
export function correctCountryCode(code: string): string | null | undefined {
  const upper = code.toUpperCase();
  const corrections: Record<string, string | null> = lawData.countryCodeCorrections;
  if (upper in corrections) return corrections[upper];
  return countryCodeSet.has(upper) ? upper : undefined;
}
