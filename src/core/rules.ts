/**
 * The transfer and notice rules: is each entry lawful as written, on a given date?
 *
 * The law itself (adequacy decisions, mechanisms and their validity dates) is data in
 * `law/transfer-law.json`; this module only interprets it. Each rule, its legal source and the test
 * that covers it are listed in docs/rules.md.
 */
import { isMaterialFieldChange, type Change } from './changes/diff.ts';
import type { EntryPublication } from './changes/history.ts';
import { shorten } from './echo.ts';
import { addMonths, daysBetween } from './dates.ts';
import { earliestEffective, noticeDates, type NoticeDates, type NoticeSettings } from './notices/notice-model.ts';
import { nonEeaDestinations } from './destinations.ts';
import type { Severity } from './findings.ts';
import type { FieldPath } from './frontmatter.ts';
import {
  adequacyDecision,
  hasRegimeAdequacy,
  isAdequacyInForce,
  isInEea,
  mechanisms,
  type Mechanism,
  type Regime,
} from './law/law.ts';
import { DEFAULT_NOTICE_DAYS, type Entry, type Register, type Transfer } from './schema.ts';
import { entryStatus } from './status.ts';
import { countryName, countryWithCode as place, REGIME_LAW as regimeLaw, SCC_MODULE_PARTIES } from './words.ts';

export interface RuleFinding {
  severity: Severity;
  rule: string;
  path: FieldPath;
  message: string;
  hint: string;
}

export interface RuleContext {
  /** The publisher's settings; `undefined` when register.yaml itself is invalid (defaults apply). */
  register: Pick<Register, 'noticeDays' | 'objectionDays' | 'regimes'> | undefined;
  /** The date the register is checked on, `YYYY-MM-DD`. */
  today: string;
  /**
   * How each entry was published (the register's starting point, its addition and latest material
   * update, with their dates), read from git by the caller; an entry missing here is not published
   * yet (today is the earliest day customers can be told). `undefined` without any history.
   */
  publications?: ReadonlyMap<string, EntryPublication>;
}

/** Warn this long before an adequacy decision expires (rule adequacy-expiring). */
const EXPIRY_WARNING_DAYS = 180;
/** A transfer impact assessment older than this is due for review (EDPB Recommendations 01/2020, step 6). */
const TIA_REVIEW_MONTHS = 24;
/** The publisher is a processor, so the SCCs it signs with its sub-processors are module 3. */
const EXPECTED_SCC_MODULE = 3;

/**
 * The date an entry is judged on: today, moved into the period the entry processes data. An
 * upcoming entry is judged on its start (an adequacy decision must be in force then), a former one
 * on its last day (Privacy Shield was lawful for a sub-processor that left in 2019).
 */
export function evaluationDate(entry: Pick<Entry, 'since' | 'until'>, today: string): string {
  const status = entryStatus(entry, today);
  return status === 'upcoming' ? entry.since : status === 'former' ? entry.until! : today;
}

export function evaluateEntry(id: string, entry: Entry, context: RuleContext): RuleFinding[] {
  const date = evaluationDate(entry, context.today);
  const regimes = new Set<Regime>(context.register?.regimes ?? ['eu']);
  return [
    ...entry.transfers.flatMap((transfer, index) => checkTransfer(entry, transfer, index, date, regimes)),
    ...checkDuplicateTransfers(entry),
    ...checkCoverage(entry, date),
    ...checkNotice(entry, context.publications?.get(id), context),
    ...checkContactPerson(entry, context.today),
  ];
}

/**
 * The SCC annex of sub-processors (Decision 2021/914 Annex III, 2021/915 Annex IV) names a contact
 * person with their position for each one. A former sub-processor is in no current annex.
 */
function checkContactPerson(entry: Entry, today: string): RuleFinding[] {
  if (entry.contactPerson !== undefined || entryStatus(entry, today) === 'former') return [];
  return [
    {
      severity: 'warning',
      rule: 'contact-person-missing',
      path: ['contact'],
      message:
        'The annex of sub-processors (SCC Annex III, Art. 28 clauses Annex IV) asks for a contact person with name and position; this entry names none, so the annex shows only the contact details.',
      hint: 'Add contactPerson: { name: Jane Doe, position: Data Protection Officer } with the person the sub-processor names in its DPA.',
    },
  ];
}

export function evaluateRegister(register: Pick<Register, 'noticeDays' | 'objectionDays'>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (register.objectionDays !== undefined && register.objectionDays > register.noticeDays) {
    findings.push({
      severity: 'warning',
      rule: 'objection-after-effect',
      path: ['objectionDays'],
      message: `Customers get ${register.objectionDays} days to object, but a change may take effect ${register.noticeDays} days after the notice: an objection would come after the sub-processor already has the data (GDPR Art. 28(2) gives the opportunity to object before the change).`,
      hint: `Write objectionDays: ${register.noticeDays} or fewer, or raise noticeDays to ${register.objectionDays}.`,
    });
  }
  if (register.noticeDays >= 14) return findings;
  return [
    ...findings,
    {
      severity: 'warning',
      rule: 'notice-period-short',
      path: ['noticeDays'],
      message: `Customers get only ${register.noticeDays} days' notice of a new sub-processor; GDPR sets no minimum, but 30 days is the market norm and fewer than 14 leaves little time to object.`,
      hint: 'Check the notice period your data processing agreement promises and write it here, e.g. noticeDays: 30.',
    },
  ];
}

const regimeOf = (transfer: Transfer): Regime => mechanism(transfer.mechanism).regime;
const mechanism = (id: string): Mechanism => mechanisms.get(id)!;

/** What to write for a destination: the mechanism a careful lawyer would reach for first. */
export function suggestedTransfer(country: string, date: string): string {
  const decision = adequacyDecision(country);
  if (decision?.viaMechanism === 'dpf') {
    return `{ country: ${country}, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: ${country}, mechanism: scc, sccModule: 3 }`;
  }
  if (decision !== undefined && isAdequacyInForce(decision, date))
    return `{ country: ${country}, mechanism: adequacy }`;
  return `{ country: ${country}, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia`;
}

function checkTransfer(
  entry: Entry,
  transfer: Transfer,
  index: number,
  date: string,
  regimes: Set<Regime>,
): RuleFinding[] {
  const at = (...path: (string | number)[]): FieldPath => ['transfers', index, ...path];
  const findings: RuleFinding[] = [];
  const { country } = transfer;

  if (isInEea(country)) {
    findings.push({
      severity: 'warning',
      rule: 'transfer-inside-eea',
      path: at('country'),
      message: `${place(country)} is in the EEA: data goes there without any transfer mechanism.`,
      hint: 'Remove this transfer; the location alone is enough.',
    });
    return findings;
  }

  const primary = mechanism(transfer.mechanism);
  const primaryFindings = checkMechanism(transfer, primary, at('mechanism'), date, regimes);
  findings.push(...primaryFindings);
  if (transfer.fallback !== undefined)
    findings.push(...checkMechanism(transfer, mechanism(transfer.fallback), at('fallback'), date, regimes));

  const usesScc = [transfer.mechanism, transfer.fallback].some(
    (id) => id !== undefined && mechanism(id).needsSccModule,
  );
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

  // Advice on how to strengthen a mechanism is noise while the mechanism itself is wrong.
  if (primaryFindings.some((finding) => finding.severity === 'error')) return findings;

  if (transfer.mechanism === 'dpf' && transfer.fallback === undefined) {
    findings.push({
      severity: 'warning',
      rule: 'dpf-without-fallback',
      path: at('mechanism'),
      message: `This transfer relies on the EU-US Data Privacy Framework alone. ${primary.risk ?? ''}`.trim(),
      hint: 'Sign the 2021 SCCs with the recipient and add "fallback: scc" and "sccModule: 3" to this transfer.',
    });
  }

  if (primary.kind === 'derogation') {
    findings.push({
      severity: 'warning',
      rule: 'derogation-systematic',
      path: at('mechanism'),
      message:
        'Art. 49 derogations are for occasional transfers in specific situations; a sub-processor transfers data systematically (EDPB Guidelines 2/2018).',
      hint: 'Rely on an adequacy decision or on scc with sccModule: 3 instead.',
    });
  }

  if (primary.expectsTia) findings.push(...checkTia(transfer, at('tia'), date));
  return findings;
}

function checkMechanism(
  transfer: Transfer,
  used: Mechanism,
  path: FieldPath,
  date: string,
  regimes: Set<Regime>,
): RuleFinding[] {
  const { country } = transfer;
  const invalidSince = used.invalidSince ?? undefined;
  if (invalidSince !== undefined && invalidSince <= date) {
    return [
      {
        severity: 'error',
        rule: 'mechanism-invalid',
        path,
        message:
          `${used.name} (${used.id}) has not been a lawful basis for transfers since ${invalidSince}: ${used.invalidReason ?? ''}`.trim(),
        hint: `Write ${used.replacement ?? suggestedTransfer(country, date)}.`,
      },
    ];
  }
  if (used.validFrom !== undefined && date < used.validFrom) {
    return [
      {
        severity: 'error',
        rule: 'mechanism-not-yet-valid',
        path,
        message: `${used.name} (${used.id}) applies only from ${used.validFrom}, after ${date}, the date this entry is judged on.`,
        hint: `Write the mechanism that covered the transfer at the time, or check since and until.`,
      },
    ];
  }
  if (used.regime !== 'eu' && !regimes.has(used.regime)) {
    return [
      {
        severity: 'error',
        rule: 'mechanism-wrong-regime',
        path,
        message: `${used.name} (${used.id}) is a tool of ${regimeLaw[used.regime]}, but this register exports only under ${[...regimes].map((regime) => regimeLaw[regime]).join(', ')}.`,
        hint: `For exports from the EEA write ${suggestedTransfer(country, date)}; list ${used.regime} in regimes in content/register.yaml only if you also export under ${regimeLaw[used.regime]}.`,
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
        hint: `Write ${suggestedTransfer(country, date)}.`,
      },
    ];
  }
  if (used.id === 'adequacy') return checkAdequacy(country, path, date);
  if (
    (used.id === 'uk-adequacy' || used.id === 'swiss-adequacy') &&
    !hasRegimeAdequacy(used.regime as 'uk' | 'ch', country)
  ) {
    return [
      {
        severity: 'error',
        rule: 'adequacy-missing',
        path,
        message: `${place(country)} is not recognised as adequate under ${regimeLaw[used.regime]}.`,
        hint: `Write ${used.regime === 'uk' ? 'uk-idta, or uk-addendum with sccModule: 3' : 'swiss-scc with sccModule: 3'}.`,
      },
    ];
  }
  return [];
}

function checkAdequacy(country: string, path: FieldPath, date: string): RuleFinding[] {
  const decision = adequacyDecision(country);
  if (decision?.viaMechanism !== undefined) {
    return [
      {
        severity: 'error',
        rule: 'adequacy-via-mechanism',
        path,
        message: `${place(country)} has no general adequacy decision: only organisations certified under the ${mechanism(decision.viaMechanism).name} are covered.`,
        hint: `Write ${suggestedTransfer(country, date)}.`,
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
        hint: `Write ${suggestedTransfer(country, date)}.`,
      },
    ];
  }
  if (!isAdequacyInForce(decision, date)) {
    const when =
      date < decision.inForceFrom ? `applies only from ${decision.inForceFrom}` : `expired on ${decision.expires}`;
    return [
      {
        severity: 'error',
        rule: 'adequacy-not-in-force',
        path,
        message: `The adequacy decision for ${place(country)} (${decision.decision}) ${when}, so it does not cover this transfer on ${date}.`,
        hint: `Write { country: ${country}, mechanism: scc, sccModule: 3 } for the time the decision does not cover.`,
      },
    ];
  }
  const findings: RuleFinding[] = [];
  if (decision.scopeLimited) {
    findings.push({
      severity: 'warning',
      rule: 'adequacy-limited-scope',
      path,
      message: `The adequacy decision for ${place(country)} covers only some recipients: ${decision.scope}`,
      hint: 'Confirm the recipient is within that scope; if it is not, write scc with sccModule: 3.',
    });
  }
  if (decision.expires !== null && daysBetween(date, decision.expires) <= EXPIRY_WARNING_DAYS) {
    findings.push({
      severity: 'warning',
      rule: 'adequacy-expiring',
      path,
      message: `The adequacy decision for ${place(country)} expires on ${decision.expires} unless renewed.`,
      hint: 'Prepare scc with sccModule: 3 as a fallback for this transfer.',
    });
  }
  return findings;
}

function checkTia(transfer: Transfer, path: FieldPath, date: string): RuleFinding[] {
  if (transfer.tia === undefined) {
    return [
      {
        severity: 'warning',
        rule: 'tia-missing',
        path: path.slice(0, -1),
        message: `A transfer to ${place(transfer.country)} on ${mechanism(transfer.mechanism).name} needs a transfer impact assessment (SCC Clause 14; EDPB Recommendations 01/2020), and none is recorded.`,
        hint: 'Assess the transfer and add its completion date, e.g. "tia: 2026-03-31".',
      },
    ];
  }
  if (transfer.tia < addMonths(date, -TIA_REVIEW_MONTHS)) {
    return [
      {
        severity: 'warning',
        rule: 'tia-stale',
        path,
        message: `The transfer impact assessment of ${transfer.tia} is more than ${TIA_REVIEW_MONTHS} months old; laws and practices in ${countryName(transfer.country)} may have changed.`,
        hint: 'Review the assessment and write the date of the review in tia.',
      },
    ];
  }
  return [];
}

function checkDuplicateTransfers(entry: Entry): RuleFinding[] {
  const seen = new Set<string>();
  return entry.transfers.flatMap((transfer, index) => {
    const key = `${transfer.country}/${regimeOf(transfer)}`;
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [
      {
        severity: 'error' as const,
        rule: 'transfer-duplicate',
        path: ['transfers', index],
        message: `A second transfer to ${place(transfer.country)} under ${regimeLaw[regimeOf(transfer)]}: it is unclear which one applies.`,
        hint: 'Merge the two into one transfer; a second mechanism goes in fallback.',
      },
    ];
  });
}

/**
 * Every destination outside the EEA with the field that sends data there: the entity's own country
 * first, then the locations in the order written.
 */
function destinations(entry: Entry): Map<string, FieldPath> {
  const found = nonEeaDestinations(entry).sort((a, b) => Number(b.established) - Number(a.established));
  return new Map(
    found.map(({ country, established, locations }): [string, FieldPath] => [
      country,
      established ? ['country'] : ['locations', locations[0]!, 'country'],
    ]),
  );
}

function checkCoverage(entry: Entry, date: string): RuleFinding[] {
  const needed = destinations(entry);
  const findings: RuleFinding[] = [];
  for (const [country, path] of needed) {
    const covering = entry.transfers.filter((transfer) => transfer.country === country);
    if (covering.some((transfer) => regimeOf(transfer) === 'eu')) continue;
    const others = covering.map((transfer) => transfer.mechanism);
    findings.push({
      severity: 'error',
      rule: 'transfer-missing',
      path,
      message:
        others.length > 0
          ? `Data goes to ${place(country)}, which only ${others.join(', ')} covers; that is not a tool of the GDPR, and data leaving the EEA needs one (GDPR Art. 44).`
          : `Data goes to ${place(country)}, outside the EEA, but no transfer says on what legal basis (GDPR Art. 44).`,
      hint: `Add under transfers: ${suggestedTransfer(country, date)}.`,
    });
  }
  entry.transfers.forEach((transfer, index) => {
    if (isInEea(transfer.country) || needed.has(transfer.country)) return;
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

function checkNotice(
  entry: Entry,
  publication: EntryPublication | undefined,
  { register, today, publications }: RuleContext,
): RuleFinding[] {
  const settings = { noticeDays: register?.noticeDays ?? DEFAULT_NOTICE_DAYS, objectionDays: register?.objectionDays };
  const findings: RuleFinding[] = [];
  if (entry.until !== undefined && entry.until < entry.since) {
    findings.push({
      severity: 'error',
      rule: 'until-before-since',
      path: ['until'],
      message: `The last day of processing (${entry.until}) is before the first (${entry.since}).`,
      hint: 'Correct since or until.',
    });
  }
  if (publication?.update !== undefined) findings.push(...checkUpdateNotice(entry, publication.update, settings));
  // The register's starting point was not announced: its entries are not judged on a notice.
  if (publication?.baseline) return findings;
  // Without any history (a folder that is not a git repository) nothing is known about when an
  // entry was published: an upcoming one can be told today at the earliest, a started one is not judged.
  if (publications === undefined && entry.since <= today && entry.noticeGiven === undefined) return findings;
  const published = publication?.addition?.notice?.published ?? today;
  const dates = noticeDates({ kind: 'added', entry, published, register: settings });
  findings.push(...judgeNotice(entry, dates, entry.since, settings, 'addition'));
  return findings;
}

/** The dates of an entry's latest material update, judged with what the entry says now. */
function checkUpdateNotice(entry: Entry, update: Change, settings: NoticeSettings): RuleFinding[] {
  const published = update.notice?.published;
  if (published === undefined) return [];
  // The update's notice was given when it was published (or on a noticeGiven written with it); it
  // applies from the updateEffective the entry says now, so a date added by a later fix counts.
  const dates = noticeDates({
    kind: 'updated',
    entry: { noticeGiven: update.notice?.given, updateEffective: entry.updateEffective },
    before: {},
    published,
    register: settings,
  });
  const what = updateWords(update);
  if (entry.updateEffective === undefined) {
    return [
      {
        severity: 'error',
        rule: update.replacement ? 'replacement-without-notice' : 'update-effective-missing',
        path: firstMaterialField(update),
        message: `${shorten(entry.name)}: ${what}, published on ${published}, ${update.replacement ? 'is a replacement of the sub-processor' : 'is a material update'} and says no date from which it applies, so it would apply at once, without the ${settings.noticeDays} days' notice customers are promised to object first (GDPR Art. 28(2)).`,
        hint: update.replacement
          ? `Either write "updateEffective: ${earliestEffective(dates.given, settings)}" (or later) in this entry, or keep this entry unchanged with "until:" its last day and add the new entity as a new entry with its own since.`
          : `Write "updateEffective: ${earliestEffective(dates.given, settings)}" (or later): the day the update applies.`,
      },
    ];
  }
  return judgeNotice(entry, dates, dates.effective, settings, update.replacement ? 'replacement' : 'update');
}

/** Where the check points for an update that says no date: its first material field. */
const firstMaterialField = (update: Change): FieldPath => [update.fields.find(isMaterialFieldChange)?.field ?? 'name'];

const updateWords = (update: Change) =>
  `the change of ${update.fields
    .filter(isMaterialFieldChange)
    .map((change) => change.field)
    .join(', ')}`;

/** Notice given on `dates.given` for a change applying on `start`: enough, short (emergency) or too late. */
function judgeNotice(
  entry: Entry,
  noticeOf: NoticeDates,
  start: string,
  settings: NoticeSettings,
  kind: 'addition' | 'update' | 'replacement',
): RuleFinding[] {
  let dates = noticeOf;
  // Retroactive: before the first day customers could have been told (published, or an earlier notice).
  const firstTold = [dates.given, dates.published].sort()[0]!;
  if (daysBetween(firstTold, start) < 0) dates = { ...dates, given: firstTold };
  const days = daysBetween(dates.given, start);
  if (days >= settings.noticeDays) return [];
  const field = kind === 'addition' ? 'since' : 'updateEffective';
  const subject =
    kind === 'addition' ? `${shorten(entry.name)} starts` : `The ${kind} of ${shorten(entry.name)} (${field}) applies`;
  const told =
    dates.given < dates.published
      ? `customers were told on ${dates.given}`
      : `it is published (${dates.published}), the first day customers can be told`;
  const earliest = earliestEffective(dates.given, settings);
  const fix =
    kind === 'addition'
      ? `Set since to ${earliest} or later (the day it starts processing)`
      : `Write "updateEffective: ${earliest}" or later`;
  if (days < 0) {
    return [
      {
        severity: 'error',
        rule: kind === 'addition' ? 'notice-after-start' : 'update-effective-before-notice',
        path: [field],
        message: `${subject} on ${start}, before ${told}: customers had no chance to object before it started, and an emergency does not change that (GDPR Art. 28(2)).`,
        hint: `${fix}; if customers were told earlier, write that day in noticeGiven.`,
      },
    ];
  }
  if (entry.emergency !== undefined) {
    return [
      {
        severity: 'warning',
        rule: 'notice-short-emergency',
        path: ['emergency'],
        message: `${subject} on ${start}, ${days} days after ${told}, instead of the ${settings.noticeDays} days promised; the reason given is: ${shorten(entry.emergency)}`,
        hint: 'Make sure the notice explains the urgency and still lets customers object.',
      },
    ];
  }
  return [
    {
      severity: 'error',
      rule: kind === 'addition' ? 'notice-too-short' : 'update-notice-too-short',
      path: [field],
      message: `${subject} on ${start}, only ${days} days after ${told}; the register promises ${settings.noticeDays} days' notice so customers can object first (GDPR Art. 28(2)).`,
      hint: `${fix}, or write the reason for the short notice in emergency.`,
    },
  ];
}
