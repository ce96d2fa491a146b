/**
 * What a hint tells an editor to write for a destination, worked out from the law data alone: the
 * adequacy decision in force, else a framework the recipient may be certified under, else the first
 * safeguard marked `suggested` that is valid on the date. No mechanism id is named in code, so a
 * mechanism that falls (`validUntil` set in the law file) is never proposed again.
 */
import { isAdequacyInForce, isMechanismValidOn, type Law, type Mechanism, type Regime } from '../law/law.ts';
import { REGIME_LAW } from '../words.ts';

/** The publisher is a processor, so the SCCs it signs with its sub-processors are module 3. */
export const EXPECTED_SCC_MODULE = 3;

/** Where a hint is about: a destination under a regime, on the date the entry is judged on. */
export interface Destination {
  law: Law;
  country: string;
  date: string;
  regime: Regime;
  /** The recipient's international organisation id, when it is one. */
  organisation?: string | undefined;
}

const validMechanisms = ({ law, date, regime }: Destination): Mechanism[] =>
  [...law.mechanisms.values()].filter(
    (mechanism) => mechanism.regime === regime && isMechanismValidOn(mechanism, date),
  );

/** The regime's finding of adequacy for whole destinations (`adequacy`, `uk-adequacy`, `swiss-adequacy`). */
export const generalAdequacy = (law: Law, regime: Regime): Mechanism | undefined =>
  [...law.mechanisms.values()].find(
    (mechanism) => mechanism.regime === regime && mechanism.kind === 'adequacy' && mechanism.onlyFor === undefined,
  );

/** Whether the destination is adequate as a whole under the regime on the date. */
export function isAdequate({ law, country, date, regime, organisation }: Destination): boolean {
  if (regime !== 'eu') return law.hasRegimeAdequacy(regime, country, date);
  if (organisation !== undefined) {
    const decision = law.organisationDecision(organisation);
    return decision !== undefined && isAdequacyInForce(decision, date);
  }
  const decision = law.adequacyDecision(country);
  return decision !== undefined && decision.viaMechanism === undefined && isAdequacyInForce(decision, date);
}

/** The safeguard to sign when nothing covers the destination as a whole. */
export const suggestedSafeguard = (
  destination: Destination,
  valid: Mechanism[] = validMechanisms(destination),
): Mechanism | undefined =>
  valid.find(
    (mechanism) =>
      mechanism.kind === 'safeguard' &&
      mechanism.suggested === true &&
      (mechanism.onlyFor === undefined || mechanism.onlyFor.includes(destination.country)),
  );

/** `mechanism: scc, sccModule: 3`: the YAML that names a mechanism, with the module it needs. */
export const mechanismYaml = (mechanism: Mechanism, field: 'mechanism' | 'fallback' = 'mechanism'): string =>
  `${field}: ${mechanism.id}${mechanism.needsSccModule ? `, sccModule: ${EXPECTED_SCC_MODULE}` : ''}`;

/** The transfer to write for a destination, in the entry's YAML, with the condition it depends on. */
export function suggestedTransfer(destination: Destination): string {
  const { country } = destination;
  const adequacy = generalAdequacy(destination.law, destination.regime);
  if (adequacy !== undefined && isAdequate(destination)) return `{ country: ${country}, mechanism: ${adequacy.id} }`;
  const valid = validMechanisms(destination);
  const safeguard = suggestedSafeguard(destination, valid);
  const framework = valid.find((mechanism) => mechanism.kind === 'adequacy' && mechanism.onlyFor?.includes(country));
  const signed =
    safeguard === undefined
      ? undefined
      : `{ country: ${country}, ${mechanismYaml(safeguard)} }${safeguard.expectsTia ? ' with the date of its transfer impact assessment in tia' : ''}`;
  if (framework !== undefined) {
    const withFallback =
      safeguard === undefined
        ? `{ country: ${country}, mechanism: ${framework.id} }`
        : `{ country: ${country}, mechanism: ${framework.id}, ${mechanismYaml(safeguard, 'fallback')} }`;
    const certified = `${withFallback} if the recipient is certified under the ${framework.name}`;
    return signed === undefined ? certified : `${certified}, otherwise ${signed}`;
  }
  return (
    signed ??
    `the tool the transfer relies on (the register's law data knows none for ${country} under ${REGIME_LAW[destination.regime]} on ${destination.date})`
  );
}
