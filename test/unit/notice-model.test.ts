/**
 * One notice model: the same four days — published, notice given, effective, objection deadline —
 * from every consumer of a change (the `changes` command's diff, the history, the change log and
 * entry histories, the feed's HTML, the notice plan, the email and the check), for each kind of change.
 */
import { describe, expect, it } from 'vitest';
import { diffEntries } from '../../src/core/changes/diff.ts';
import { buildHistory, entryPublications, type CommitFiles } from '../../src/core/changes/history.ts';
import { readSnapshot } from '../../src/core/changes/snapshot.ts';
import { formatText } from '../../src/core/findings.ts';
import { parseYaml } from '../../src/core/frontmatter.ts';
import { noticeDates, openNotices, publishedDay } from '../../src/core/notices/notice-model.ts';
import { planNotice, rangeSince } from '../../src/core/notices/plan.ts';
import { noticeSentence, renderChangesHtml } from '../../src/core/render/changes.ts';
import { renderNotice } from '../../src/core/render/notice.ts';
import { RegisterSchema } from '../../src/core/schema.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { buildChangeLog, changesByEntry } from '../../src/site/change-log.ts';
import { fixtureText } from '../support/helpers.ts';

const REGISTER = 'content/register.yaml';
const ACME = 'content/subprocessors/acme.md';
const GAMMA = 'content/subprocessors/gamma.md';
const parsed = parseYaml(fixtureText('register.yaml'));
const register = RegisterSchema.parse(parsed.ok ? parsed.data : {});
const context = { labels: register, siteUrl: 'https://acme.example/' };
const acme = fixtureText('entries/valid-eea-only.md');
const edit = (text: string, replacements: [string, string][]) =>
  replacements.reduce((result, [from, to]) => result.replace(from, to), text);
const gamma = (since: string, extra = '') =>
  acme.replace(/Example Processor/g, 'Gamma Cloud').replace('since: 2024-01-15', `since: ${since}${extra}`);

/** The register adopted on 2026-10-01 with acme, then one change committed late on 30 November, Pacific time. */
const LATE_EVENING_WEST = '2026-11-30T23:30:00-08:00';
function history(change: Record<string, string | undefined>) {
  const commits: CommitFiles[] = [
    {
      sha: 'a'.repeat(40),
      date: '2026-10-01T09:00:00+02:00',
      subject: 'Adopt the register',
      files: [
        { path: REGISTER, text: fixtureText('register.yaml') },
        { path: ACME, text: acme },
      ],
    },
    {
      sha: 'b'.repeat(40),
      date: LATE_EVENING_WEST,
      subject: 'The change',
      files: Object.entries(change).map(([path, text]) => ({ path, text })),
    },
  ];
  return buildHistory(commits);
}

const cases = [
  {
    kind: 'an addition',
    change: { [GAMMA]: gamma('2027-01-04') },
    dates: { published: '2026-12-01', given: '2026-12-01', effective: '2027-01-04', objectionDeadline: '2027-01-03' },
  },
  {
    kind: 'a material update (purpose), from its updateEffective',
    change: {
      [ACME]: edit(acme, [
        ['Hosts the application.', 'Hosts the application and its backups.'],
        ['since: 2024-01-15', 'since: 2024-01-15\nupdateEffective: 2027-01-01'],
      ]),
    },
    dates: { published: '2026-12-01', given: '2026-12-01', effective: '2027-01-01', objectionDeadline: '2026-12-31' },
  },
  {
    kind: 'a replacement (a new legal entity), with a notice sent before it was published',
    change: {
      [ACME]: edit(acme, [
        ['legalName: Example Processor SAS', 'legalName: Example Processor Ireland Limited'],
        ['since: 2024-01-15', 'since: 2024-01-15\nnoticeGiven: 2026-11-25\nupdateEffective: 2026-12-28'],
      ]),
    },
    dates: { published: '2026-12-01', given: '2026-11-25', effective: '2026-12-28', objectionDeadline: '2026-12-27' },
  },
  {
    kind: 'a removal (until set): effective the day after the last day, nothing to object to',
    change: { [ACME]: edit(acme, [['since: 2024-01-15', 'since: 2024-01-15\nuntil: 2026-12-31']]) },
    dates: { published: '2026-12-01', given: '2026-12-01', effective: '2027-01-01' },
  },
  {
    kind: 'an emergency addition, with less notice',
    change: { [GAMMA]: gamma('2026-12-08', '\nemergency: Our previous host stops on 2026-12-07.') },
    dates: { published: '2026-12-01', given: '2026-12-01', effective: '2026-12-08', objectionDeadline: '2026-12-07' },
  },
];

describe('the notice model gives the same four days to every consumer', () => {
  it.each(cases)('for $kind', ({ change, dates }) => {
    const revisions = history(change);
    const [fromHistory] = revisions[1]!.changes;
    // The history, which the site's change log, entry histories and feed read.
    expect(fromHistory?.notice).toEqual(dates);

    // `npm run changes` (the PR preview and the JSON contract) diffs two snapshots.
    const before = readSnapshot(
      new Map([
        [REGISTER, fixtureText('register.yaml')],
        [ACME, acme],
      ]),
    );
    const after = readSnapshot(
      new Map(
        [[REGISTER, fixtureText('register.yaml')], [ACME, acme], ...Object.entries(change)].filter(
          (pair): pair is [string, string] => pair[1] !== undefined,
        ),
      ),
    );
    const [fromDiff] = diffEntries(before.entries, after.entries, {
      register: after.register,
      published: publishedDay(LATE_EVENING_WEST),
    });
    expect(fromDiff?.notice).toEqual(dates);

    // /changes/, entry histories and the feed render the logged change.
    const log = buildChangeLog([...revisions].reverse(), '2026-12-01', new Set(['acme', 'gamma']), context);
    const logged = log.revisions[0]!.changes[0]!;
    expect(logged.notice).toEqual(dates);
    expect(changesByEntry(log).get(fromHistory!.id)?.[0]?.notice).toEqual(dates);

    if (fromHistory?.material) {
      const sentence = noticeSentence(dates);
      const html = renderChangesHtml([logged]);
      expect(html.replace(/<[^>]+>/g, '')).toContain(sentence);
      // The notifier's plan and the email it sends.
      const range = rangeSince(revisions, revisions[0]!.commit);
      const plan =
        range.status === 'range'
          ? planNotice(range.range, { from: before, to: after }, 'acme', '2026-12-02')
          : undefined;
      expect(plan?.changes[0]?.notice).toEqual(dates);
      expect(renderNotice([fromHistory], { register, siteUrl: context.siteUrl, unsubscribeUrl: 'u' }).text).toContain(
        sentence,
      );
    }
  });

  it('the check judges the same days: the emergency addition is a warning counted from the published day', () => {
    const revisions = history(cases[4]!.change);
    const findings = validateRegister(
      {
        register: { path: REGISTER, text: fixtureText('register.yaml') },
        entries: [
          { path: ACME, text: acme },
          { path: GAMMA, text: cases[4]!.change[GAMMA]! },
        ],
      },
      { today: '2026-12-02', publications: entryPublications(revisions) },
    ).findings.map(formatText);
    expect(findings).toEqual([
      'content/subprocessors/gamma.md:15: warning: emergency: Gamma Cloud starts on 2026-12-08, 7 days after it is published (2026-12-01), the first day customers can be told, instead of the 30 days promised; the reason given is: Our previous host stops on 2026-12-07. Make sure the notice explains the urgency and still lets customers object.',
    ]);
  });
});

describe('noticeDates', () => {
  const settings = { noticeDays: 30, objectionDays: undefined };

  it('takes a recorded noticeGiven as the day notice was given, even after the published day', () => {
    expect(
      noticeDates({
        kind: 'added',
        entry: { since: '2027-01-10', noticeGiven: '2026-12-05' },
        published: '2026-12-01',
        register: settings,
      }).given,
    ).toBe('2026-12-05');
  });

  it('does not take an update notice from the noticeGiven of the entry’s addition', () => {
    const stale = { since: '2023-10-02', noticeGiven: '2023-08-28' };
    expect(
      noticeDates({ kind: 'updated', entry: stale, before: stale, published: '2026-11-25', register: settings }),
    ).toEqual({
      published: '2026-11-25',
      given: '2026-11-25',
      effective: '2026-11-25',
      objectionDeadline: '2026-12-25',
    });
  });

  it('gives objectionDays after the notice when the register sets them', () => {
    expect(
      noticeDates({
        kind: 'added',
        entry: { since: '2026-12-28', noticeGiven: '2026-11-20' },
        published: '2026-11-23',
        register: { noticeDays: 30, objectionDays: 30 },
      }).objectionDeadline,
    ).toBe('2026-12-20');
  });

  it('takes the published day as the UTC day of the commit', () => {
    expect(publishedDay('2026-11-30T23:30:00-08:00')).toBe('2026-12-01');
    expect(publishedDay('2026-12-01T00:30:00+02:00')).toBe('2026-11-30');
  });
});

describe('openNotices (what npm start previews)', () => {
  const change = (id: string, objectionDeadline: string | undefined) => ({
    id,
    material: objectionDeadline !== undefined,
    notice: { published: '2026-11-01', given: '2026-11-01', effective: '2026-12-01', objectionDeadline },
  });

  it('keeps only the material changes whose deadline is today or later', () => {
    expect(
      openNotices(
        [change('old', '2026-11-30'), change('today', '2026-12-03'), change('gone', undefined)],
        '2026-12-03',
      ),
    ).toEqual([change('today', '2026-12-03')]);
  });
});
