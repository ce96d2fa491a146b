/**
 * The rules: is each entry lawful as written, on a given date? The transfer rules live in
 * `rules/transfers.ts`; this module runs them with the notice and annex rules.
 *
 * The law itself (adequacy decisions, mechanisms and their validity dates) is data in
 * `law/transfer-law.json`; the rules only interpret it. Each rule, its legal source and the test
 * that covers it are listed in docs/rules.md.
 */
import { isMaterialFieldChange, type Change } from './changes/diff.ts';
import type { EntryPublication } from './changes/history.ts';
import { shorten } from './echo.ts';
import { daysBetween } from './dates.ts';
import { earliestEffective, noticeDates, type NoticeDates, type NoticeSettings } from './notices/notice-model.ts';
import type { Severity } from './findings.ts';
import type { FieldPath } from './frontmatter.ts';
import { law, type Law, type Regime } from './law/law.ts';
import { checkTransfers } from './rules/transfers.ts';
import { DEFAULT_NOTICE_DAYS, type Entry, type Register } from './schema.ts';
import { entryStatus } from './status.ts';

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
  /** The transfer law applied: the law file's, unless a test gives another edition. */
  law?: Law;
}

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
  const judgement = {
    law: context.law ?? law,
    date: evaluationDate(entry, context.today),
    today: context.today,
    regimes: new Set<Regime>(context.register?.regimes ?? ['eu']),
  };
  return [
    ...checkTransfers(entry, judgement),
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
