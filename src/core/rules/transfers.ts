/**
 * The transfer rules (GDPR Chapter V, and the UK and Swiss regimes a register declares): does every
 * destination outside the EEA have a lawful basis on the date the entry is judged on?
 *
 * The law (decisions, mechanisms, their validity windows) is data in `../law/transfer-law.json`;
 * what to write instead comes from `./suggestions.ts`, so no rule names a mechanism id.
 */
import { shorten } from '../echo.ts';
import { addMonths, daysBetween } from '../dates.ts';
import { leavesEea, nonEeaDestinations } from '../destinations.ts';
import type { FieldPath } from '../frontmatter.ts';
import {
  isAdequacyInForce,
  isMechanismValidOn,
  REGIME_HOME,
  type Law,
  type Mechanism,
  type Regime,
} from '../law/law.ts';
import type { RuleFinding } from '../rules.ts';
import type { Entry, Transfer } from '../schema.ts';
import { countryName, countryWithCode as place, REGIME_LAW as regimeLaw, SCC_MODULE_PARTIES } from '../words.ts';
import {
  EXPECTED_SCC_MODULE,
  isAdequate,
  mechanismYaml,
  suggestedSafeguard,
  suggestedTransfer,
  type Destination,
} from './suggestions.ts';

/** Warn this long before an adequacy decision expires (rule adequacy-expiring). */
const EXPIRY_WARNING_DAYS = 180;
/** A transfer impact assessment older than this is due for review (EDPB Recommendations 01/2020, step 6). */
const TIA_REVIEW_MONTHS = 24;

export interface TransferJudgement {
  law: Law;
  /** The date the entry is judged on (see `evaluationDate`). */
  date: string;
  /** The date the register is checked on: an impact assessment cannot be dated after it. */
  today: string;
  /** The regimes the publisher exports under (register.yaml `regimes`). */
  regimes: ReadonlySet<Regime>;
}

export function checkTransfers(entry: Entry, judgement: TransferJudgement): RuleFinding[] {
  const needed = destinations(entry, judgement);
  return [
    ...entry.transfers.flatMap((transfer, index) => checkTransfer(entry, transfer, index, judgement)),
    ...checkDuplicateTransfers(entry, judgement.law),
    ...checkCoverage(entry, needed, judgement),
    ...[...judgement.regimes].flatMap((regime) =>
      regime === 'eu' ? [] : checkRegimeCoverage(entry, needed, regime, judgement),
    ),
  ];
}

const mechanismOf = (law: Law, id: string): Mechanism => law.mechanisms.get(id)!;

/** `Standard contractual clauses (2021)` → `standard contractual clauses (2021)`; `UK Addendum` stays. */
const asInSentence = (name: string) => (/^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name);

/** The destination a transfer covers, as the suggestions see it. */
const destinationOf = (
  entry: Entry,
  country: string,
  regime: Regime,
  { law, date }: TransferJudgement,
): Destination => ({
  law,
  country,
  date,
  regime,
  organisation: country === entry.country ? entry.internationalOrganisation : undefined,
});

/** `, e.g. scc with sccModule: 3`: the safeguard to sign, after `lead`; empty when the law data has none. */
function safeguardAdvice(destination: Destination, lead: string): string {
  const safeguard = suggestedSafeguard(destination);
  if (safeguard === undefined) return '';
  return `${lead}${safeguard.id}${safeguard.needsSccModule ? ` with sccModule: ${EXPECTED_SCC_MODULE}` : ''}`;
}

function checkTransfer(entry: Entry, transfer: Transfer, index: number, judgement: TransferJudgement): RuleFinding[] {
  const { law, date } = judgement;
  const at = (...path: (string | number)[]): FieldPath => ['transfers', index, ...path];
  const { country } = transfer;
  const primary = mechanismOf(law, transfer.mechanism);
  const destination = destinationOf(entry, country, primary.regime, judgement);

  if (!leavesEea(entry, country, { date, law })) {
    const period = law.insidePeriod(country, date);
    return [
      {
        severity: 'warning',
        rule: 'transfer-inside-eea',
        path: at('country'),
        message:
          period === undefined
            ? `${place(country)} is in the EEA: data goes there without any transfer mechanism.`
            : `${place(country)} counted as inside the EEA on ${date}: ${period.why}`,
        hint: 'Remove this transfer; the location alone is enough.',
      },
    ];
  }

  const findings: RuleFinding[] = [];
  const primaryFindings = checkMechanism(entry, transfer, primary, at('mechanism'), judgement);
  findings.push(...primaryFindings);
  const fallback = transfer.fallback === undefined ? undefined : mechanismOf(law, transfer.fallback);
  if (fallback !== undefined) findings.push(...checkMechanism(entry, transfer, fallback, at('fallback'), judgement));

  const usesScc = [primary, fallback].some((used) => used?.needsSccModule);
  if (usesScc && transfer.sccModule === undefined) {
    findings.push({
      severity: 'error',
      rule: 'scc-module-missing',
      path: at(primary.needsSccModule ? 'mechanism' : 'fallback'),
      message: 'Standard contractual clauses come in four modules, and which one was signed is not said.',
      hint: `Add "sccModule: ${EXPECTED_SCC_MODULE}" to this transfer (processor to processor, the usual module with a sub-processor), or 1, 2 or 4 if the roles differ.`,
    });
  }
  if (usesScc && transfer.sccModule !== undefined && transfer.sccModule !== EXPECTED_SCC_MODULE) {
    findings.push({
      severity: 'warning',
      rule: 'scc-module-unusual',
      path: at('sccModule'),
      message: `SCC module ${transfer.sccModule} is for ${SCC_MODULE_PARTIES[transfer.sccModule].replaceAll(' ', '-')} transfers, but ${shorten(entry.name)} acts as a sub-processor of a processor.`,
      hint: `Check the clauses signed; module ${EXPECTED_SCC_MODULE} (processor to processor) is expected here.`,
    });
  }
  if (fallback?.kind === 'derogation') {
    findings.push({
      severity: 'warning',
      rule: 'derogation-fallback',
      path: at('fallback'),
      message: `An Art. 49 derogation as fallback covers only occasional transfers in specific situations: if the ${primary.name} falls, the sub-processor's regular transfers have no basis (EDPB Guidelines 2/2018).`,
      hint: `Make the fallback a safeguard signed with the recipient${safeguardAdvice(destination, ', e.g. ')}.`,
    });
  }

  // Advice on how to strengthen a mechanism is noise while the mechanism itself is wrong.
  if (primaryFindings.some((finding) => finding.severity === 'error')) return findings;

  if (primary.risk !== undefined && transfer.fallback === undefined) {
    const safeguard = suggestedSafeguard(destination);
    findings.push({
      severity: 'warning',
      rule: 'dpf-without-fallback',
      path: at('mechanism'),
      message: `This transfer relies on the ${primary.name} alone. ${primary.risk}`,
      hint:
        safeguard === undefined
          ? 'Sign a safeguard with the recipient and name it in fallback.'
          : `Sign the ${asInSentence(safeguard.name)} with the recipient and add "${mechanismYaml(safeguard, 'fallback').replace(', ', '" and "')}" to this transfer.`,
    });
  }
  if (primary.needsInstrument && transfer.instrument === undefined) {
    findings.push({
      severity: 'warning',
      rule: 'instrument-missing',
      path: at('mechanism'),
      message: `${primary.name} is a transfer tool only through a specific approved instrument and the recipient's binding commitments under it (${primary.article}); this transfer does not say which.`,
      hint: 'Add "instrument:" with the name of the approved code or certification and the authority that approved it.',
    });
  }
  if (primary.expectsTia) findings.push(...checkTia(transfer, primary, at('tia'), judgement));
  return findings;
}

function checkMechanism(
  entry: Entry,
  transfer: Transfer,
  used: Mechanism,
  path: FieldPath,
  judgement: TransferJudgement,
): RuleFinding[] {
  const { date, regimes } = judgement;
  const { country } = transfer;
  const destination = destinationOf(entry, country, used.regime, judgement);
  const write = () => `Write ${suggestedTransfer(destination)}.`;
  if (!isMechanismValidOn(used, date)) {
    const ended = used.validUntil !== undefined && used.validUntil < date;
    return [
      {
        severity: 'error',
        rule: ended ? 'mechanism-invalid' : 'mechanism-not-yet-valid',
        path,
        message: ended
          ? `${used.name} (${used.id}) was a lawful basis for transfers only until ${used.validUntil}, before ${date}, the date this entry is judged on: ${used.invalidReason ?? ''}`.trim()
          : `${used.name} (${used.id}) applies only from ${used.validFrom}, after ${date}, the date this entry is judged on.`,
        hint: ended ? write() : `${write()} Or, if the dates are wrong, correct since and until.`,
      },
    ];
  }
  if (used.regime !== 'eu' && !regimes.has(used.regime)) {
    const eu = destinationOf(entry, country, 'eu', judgement);
    return [
      {
        severity: 'error',
        rule: 'mechanism-wrong-regime',
        path,
        message: `${used.name} (${used.id}) is a tool of ${regimeLaw[used.regime]}, but this register exports only under ${[...regimes].map((regime) => regimeLaw[regime]).join(', ')}.`,
        hint: `For exports from the EEA write ${suggestedTransfer(eu)}; list ${used.regime} in regimes in content/register.yaml only if you also export under ${regimeLaw[used.regime]}.`,
      },
    ];
  }
  if (used.onlyFor !== undefined && !used.onlyFor.includes(country)) {
    return [
      {
        severity: 'error',
        rule: 'mechanism-wrong-country',
        path,
        message: `${used.name} (${used.id}) covers only recipients in ${used.onlyFor.map(place).join(', ')}, not in ${place(country)}.`,
        hint: write(),
      },
    ];
  }
  if (used.kind === 'derogation' && path.at(-1) === 'mechanism') {
    return [
      {
        severity: 'error',
        rule: 'derogation-systematic',
        path,
        message:
          'Art. 49 derogations are exceptions for occasional transfers in specific situations, interpreted restrictively; a sub-processor transfers data regularly, so a derogation cannot be its standing basis (GDPR Art. 49; EDPB Guidelines 2/2018).',
        hint: write(),
      },
    ];
  }
  if (used.kind === 'adequacy' && used.onlyFor === undefined) {
    return used.regime === 'eu' ? checkAdequacy(destination, path) : checkRegimeAdequacy(destination, used, path);
  }
  return [];
}

function checkRegimeAdequacy(destination: Destination, used: Mechanism, path: FieldPath): RuleFinding[] {
  if (isAdequate(destination)) return [];
  return [
    {
      severity: 'error',
      rule: 'adequacy-missing',
      path,
      message: `${place(destination.country)} is not recognised as adequate under ${regimeLaw[used.regime]} on ${destination.date}.`,
      hint: `Write ${suggestedTransfer(destination)}.`,
    },
  ];
}

function checkAdequacy(destination: Destination, path: FieldPath): RuleFinding[] {
  const { law, country, date, organisation } = destination;
  const write = `Write ${suggestedTransfer(destination)}.`;
  if (organisation !== undefined) {
    const decision = law.organisationDecision(organisation);
    if (decision === undefined) {
      return [
        {
          severity: 'error',
          rule: 'adequacy-missing',
          path,
          message: `The recipient is an international organisation (${organisation}), and there is no EU adequacy decision for it; a decision for ${place(country)}, where it is seated, does not cover an international organisation.`,
          hint: write,
        },
      ];
    }
    return isAdequacyInForce(decision, date) ? [] : [notInForce(decision, decision.name, destination, path)];
  }
  const decision = law.adequacyDecision(country);
  if (decision?.viaMechanism !== undefined) {
    return [
      {
        severity: 'error',
        rule: 'adequacy-via-mechanism',
        path,
        message: `${place(country)} has no general adequacy decision: only organisations certified under the ${mechanismOf(law, decision.viaMechanism).name} are covered.`,
        hint: write,
      },
    ];
  }
  if (decision === undefined) {
    return [
      {
        severity: 'error',
        rule: 'adequacy-missing',
        path,
        message: `${place(country)} has no EU adequacy decision, so data cannot go there on that basis.`,
        hint: write,
      },
    ];
  }
  if (!isAdequacyInForce(decision, date)) return [notInForce(decision, place(country), destination, path)];
  const findings: RuleFinding[] = [];
  if (decision.scopeLimited) {
    findings.push({
      severity: 'warning',
      rule: 'adequacy-limited-scope',
      path,
      message: `The adequacy decision for ${place(country)} covers only some recipients: ${decision.scope}`,
      hint: `Confirm the recipient is within that scope; if it is not,${safeguardAdvice(destination, ' write ') || ' rely on a safeguard signed with it'}.`,
    });
  }
  if (decision.expires !== null && daysBetween(date, decision.expires) <= EXPIRY_WARNING_DAYS) {
    findings.push({
      severity: 'warning',
      rule: 'adequacy-expiring',
      path,
      message: `The adequacy decision for ${place(country)} expires on ${decision.expires} unless renewed.`,
      hint: `Prepare a safeguard as a fallback for this transfer${safeguardAdvice(destination, ', e.g. ')}.`,
    });
  }
  return findings;
}

function notInForce(
  decision: { decision: string; inForceFrom: string; expires: string | null },
  what: string,
  destination: Destination,
  path: FieldPath,
): RuleFinding {
  const { date } = destination;
  const when =
    date < decision.inForceFrom ? `applies only from ${decision.inForceFrom}` : `expired on ${decision.expires}`;
  return {
    severity: 'error',
    rule: 'adequacy-not-in-force',
    path,
    message: `The adequacy decision for ${what} (${decision.decision}) ${when}, so it does not cover this transfer on ${date}.`,
    hint: `For the time the decision does not cover, write ${suggestedTransfer(destination)}.`,
  };
}

function checkTia(transfer: Transfer, used: Mechanism, path: FieldPath, { date, today }: TransferJudgement) {
  if (transfer.tia === undefined) {
    return [
      {
        severity: 'warning' as const,
        rule: 'tia-missing',
        path: path.slice(0, -1),
        message: `A transfer to ${place(transfer.country)} on ${used.name} needs a transfer impact assessment (SCC Clause 14; EDPB Recommendations 01/2020), and none is recorded.`,
        hint: 'Assess the transfer and add its completion date, e.g. "tia: 2026-03-31".',
      },
    ];
  }
  if (transfer.tia > today) {
    return [
      {
        severity: 'error' as const,
        rule: 'tia-in-future',
        path,
        message: `The transfer impact assessment is dated ${transfer.tia}, after today (${today}): tia records when an assessment was completed, so this one has not been done yet.`,
        hint: 'Write the date the assessment was completed; until it is, leave tia out.',
      },
    ];
  }
  if (transfer.tia < addMonths(date, -TIA_REVIEW_MONTHS)) {
    return [
      {
        severity: 'warning' as const,
        rule: 'tia-stale',
        path,
        message: `The transfer impact assessment of ${transfer.tia} is more than ${TIA_REVIEW_MONTHS} months old; laws and practices in ${countryName(transfer.country)} may have changed.`,
        hint: 'Review the assessment and write the date of the review in tia.',
      },
    ];
  }
  return [];
}

function checkDuplicateTransfers(entry: Entry, law: Law): RuleFinding[] {
  const seen = new Set<string>();
  return entry.transfers.flatMap((transfer, index) => {
    const regime = mechanismOf(law, transfer.mechanism).regime;
    const key = `${transfer.country}/${regime}`;
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [
      {
        severity: 'error' as const,
        rule: 'transfer-duplicate',
        path: ['transfers', index],
        message: `A second transfer to ${place(transfer.country)} under ${regimeLaw[regime]}: it is unclear which one applies.`,
        hint: 'Merge the two into one transfer; a second mechanism goes in fallback.',
      },
    ];
  });
}

/**
 * Every destination outside the EEA on the date with the field that sends data there: the
 * entity's own country first, then the locations in the order written.
 */
function destinations(entry: Entry, { law, date }: TransferJudgement): Map<string, FieldPath> {
  const found = nonEeaDestinations(entry, { date, law }).sort((a, b) => Number(b.established) - Number(a.established));
  return new Map(
    found.map(({ country, established, locations }): [string, FieldPath] => [
      country,
      established ? ['country'] : ['locations', locations[0]!, 'country'],
    ]),
  );
}

function checkCoverage(entry: Entry, needed: Map<string, FieldPath>, judgement: TransferJudgement): RuleFinding[] {
  const { law } = judgement;
  const findings: RuleFinding[] = [];
  for (const [country, path] of needed) {
    const covering = entry.transfers.filter((transfer) => transfer.country === country);
    if (covering.some((transfer) => mechanismOf(law, transfer.mechanism).regime === 'eu')) continue;
    const others = covering.map((transfer) => transfer.mechanism);
    const organisation = country === entry.country ? entry.internationalOrganisation : undefined;
    const where =
      organisation === undefined
        ? `${place(country)}, outside the EEA`
        : `an international organisation (${organisation}) seated in ${place(country)}`;
    findings.push({
      severity: 'error',
      rule: 'transfer-missing',
      path,
      message:
        others.length > 0
          ? `Data goes to ${place(country)}, which only ${others.join(', ')} covers; that is not a tool of the GDPR, and data leaving the EEA needs one (GDPR Art. 44).`
          : `Data goes to ${where}, but no transfer says on what legal basis (GDPR Art. 44).`,
      hint: `Add under transfers: ${suggestedTransfer(destinationOf(entry, country, 'eu', judgement))}.`,
    });
  }
  entry.transfers.forEach((transfer, index) => {
    // A transfer inside the EEA is reported by transfer-inside-eea.
    if (needed.has(transfer.country) || !leavesEea(entry, transfer.country, { date: judgement.date, law })) return;
    findings.push({
      severity: 'warning',
      rule: 'transfer-unused',
      path: ['transfers', index, 'country'],
      message: `There is a transfer to ${place(transfer.country)}, but no location there and the entity is not established there.`,
      hint: `Add the location in ${transfer.country} with its activity, or remove this transfer.`,
    });
  });
  return findings;
}

/**
 * A register that also exports under UK GDPR or the Swiss FADP (`regimes`) needs, for every
 * destination that regime does not recognise as adequate, one of that regime's own tools: the EU
 * basis does not cover a UK or Swiss export.
 */
function checkRegimeCoverage(
  entry: Entry,
  needed: Map<string, FieldPath>,
  regime: Exclude<Regime, 'eu'>,
  judgement: TransferJudgement,
): RuleFinding[] {
  const { law, date } = judgement;
  const findings: RuleFinding[] = [];
  for (const [country, path] of needed) {
    if (country === REGIME_HOME[regime]) continue;
    const destination = destinationOf(entry, country, regime, judgement);
    if (destination.organisation === undefined && law.hasRegimeAdequacy(regime, country, date)) continue;
    const covered = entry.transfers.some(
      (transfer) => transfer.country === country && mechanismOf(law, transfer.mechanism).regime === regime,
    );
    if (covered) continue;
    findings.push({
      severity: 'error',
      rule: 'regime-transfer-missing',
      path,
      message: `Data goes to ${place(country)}, which ${regimeLaw[regime]} does not recognise as adequate, and this register also exports under ${regimeLaw[regime]} (regimes in content/register.yaml), but no transfer names a tool of ${regimeLaw[regime]} for it.`,
      hint: `Add under transfers: ${suggestedTransfer(destination)}.`,
    });
  }
  return findings;
}
