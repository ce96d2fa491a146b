/**
 * Replacements, retroactive additions and the adoption baseline, judged by `npm run check` and
 * shown by the history in real git repositories with pinned dates — including a commit made late
 * in the evening west of UTC, whose published day is the next day in UTC.
 */
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/io/history.ts';
import { buildChangeLog } from '../../src/site/change-log.ts';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';
import { tempProject } from '../support/project.ts';

const REGISTER = 'content/register.yaml';
const ACME = 'content/subprocessors/acme.md';
const GAMMA = 'content/subprocessors/gamma.md';
const acme = fixtureText('entries/valid-eea-only.md');
const gamma = (dates: string) => acme.replace(/Example Processor/g, 'Gamma Cloud').replace('since: 2024-01-15', dates);
/** 23:30 in California on 30 November is 07:30 UTC on 1 December: published on 1 December. */
const LATE_EVENING_WEST = '2026-11-30T23:30:00-08:00';

/** A git repository whose first commit (the register's adoption, 2026-10-01) holds acme. */
function adoptedRepo() {
  const project = tempProject([]);
  const repo = makeRepo(project.root);
  repo.commit('Adopt the register', '2026-10-01', { [REGISTER]: fixtureText('register.yaml'), [ACME]: acme });
  const check = (today: string) =>
    project
      .run('scripts/check.ts', ['--today', today])
      .stdout.trim()
      .split('\n')
      .filter((line) => !line.includes('files checked'));
  return { project, repo, check };
}

describe('adoption', () => {
  it('does not judge the notice of the entries the register was adopted with, even if they started before', () => {
    const { project, check } = adoptedRepo();
    using _ = project;
    expect(check('2026-12-02')).toEqual([]);
  });

  it('begins the change log with "Register first published on D with N sub-processors", not N additions', async () => {
    const { project, repo } = adoptedRepo();
    using _ = project;
    repo.commit('Add gamma', LATE_EVENING_WEST, { [GAMMA]: gamma('since: 2027-01-04') });
    const { revisions } = await readHistory(project.root);
    const log = buildChangeLog([...revisions].reverse(), '2026-12-02', new Set(['acme', 'gamma']), {
      labels: { categories: {}, services: {}, dataCategories: {}, dataSubjects: {} },
      siteUrl: 'https://acme.example/',
    });
    expect(log.adoption).toBe('Register first published on 1 October 2026 with 1 sub-processor.');
    expect(log.revisions.map((revision) => [revision.date, revision.changes.map((change) => change.headline)])).toEqual(
      [
        ['2026-12-01', ['Added: Gamma Cloud']],
        ['2026-10-01', []],
      ],
    );
  });

  it('takes an adoption date from register.yaml for a repository with an earlier history', async () => {
    const { project, repo } = adoptedRepo();
    using _ = project;
    repo.commit('Add gamma before adopting the register', '2026-10-10', { [GAMMA]: gamma('since: 2025-03-01') });
    repo.commit('Declare the adoption', '2026-10-20', {
      [REGISTER]: `${fixtureText('register.yaml')}adopted: 2026-10-15\n`,
    });
    const { revisions } = await readHistory(project.root);
    expect(revisions.map((revision) => [revision.subject, revision.adoption?.day, revision.changes.length])).toEqual([
      ['Adopt the register', undefined, 0],
      ['Add gamma before adopting the register', '2026-10-15', 0],
      ['Declare the adoption', undefined, 0],
    ]);
  });
});

describe('retroactive additions', () => {
  it('are errors after the merge: since before the (UTC) day the addition was published', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    repo.commit('Add gamma', LATE_EVENING_WEST, { [GAMMA]: gamma('since: 2026-11-30') });
    expect(check('2026-12-02')).toEqual([
      'content/subprocessors/gamma.md:14: error: since: Gamma Cloud starts on 2026-11-30, before it is published (2026-12-01), the first day customers can be told: customers had no chance to object before it started, and an emergency does not change that (GDPR Art. 28(2)). Set since to 2026-12-31 or later (the day it starts processing); if customers were told earlier, write that day in noticeGiven.',
    ]);
  });

  it('are errors in the pull request, counted from today, emergency or not', () => {
    const { project, check } = adoptedRepo();
    using _ = project;
    project.write(GAMMA, gamma('since: 2026-11-25\nemergency: Our previous host stopped without warning.'));
    expect(check('2026-12-01')).toEqual([
      'content/subprocessors/gamma.md:14: error: since: Gamma Cloud starts on 2026-11-25, before it is published (2026-12-01), the first day customers can be told: customers had no chance to object before it started, and an emergency does not change that (GDPR Art. 28(2)). Set since to 2026-12-31 or later (the day it starts processing); if customers were told earlier, write that day in noticeGiven.',
    ]);
  });

  it('pass when customers were told noticeDays before, by a notice sent before the register was updated', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    repo.commit('Add gamma', LATE_EVENING_WEST, { [GAMMA]: gamma('since: 2026-11-30\nnoticeGiven: 2026-10-30') });
    expect(check('2026-12-02')).toEqual([]);
  });
});

describe('replacements', () => {
  const replaced = (dates = '') =>
    acme.replace('legalName: Example Processor SAS', 'legalName: Example Processor Ireland Limited') + dates;

  it('fail when the new legal entity is written into the entry without a date it applies from', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    repo.commit('New contracting entity', LATE_EVENING_WEST, { [ACME]: replaced() });
    expect(check('2026-12-02')).toEqual([
      'content/subprocessors/acme.md:3: error: legalName: Example Processor: the change of legalName, published on 2026-12-01, is a replacement of the sub-processor and says no date from which it applies, so it would apply at once, without the 30 days\' notice customers are promised to object first (GDPR Art. 28(2)). Either write "updateEffective: 2026-12-31" (or later) in this entry, or keep this entry unchanged with "until:" its last day and add the new entity as a new entry with its own since.',
    ]);
  });

  it('are fixed after the merge by a later commit that writes updateEffective, counted from the day that date is published', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    repo.commit('New contracting entity', LATE_EVENING_WEST, { [ACME]: replaced() });
    const fix = (day: string) => replaced().replace('since: 2024-01-15', `since: 2024-01-15\nupdateEffective: ${day}`);
    repo.commit('Say when the new entity takes over', '2026-12-02', { [ACME]: fix('2026-12-31') });
    expect(check('2026-12-03')).toEqual([
      'content/subprocessors/acme.md:15: error: updateEffective: The update of Example Processor (updateEffective) applies on 2026-12-31, only 29 days after it is published (2026-12-02), the first day customers can be told; the register promises 30 days\' notice so customers can object first (GDPR Art. 28(2)). Write "updateEffective: 2027-01-01" or later, or write the reason for the short notice in emergency.',
    ]);
    repo.commit('Take over a day later', '2026-12-02', { [ACME]: fix('2027-01-01') });
    expect(check('2026-12-03')).toEqual([]);
  });

  it('pass with updateEffective noticeDays after the published day', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    repo.commit('New contracting entity', LATE_EVENING_WEST, {
      [ACME]: replaced().replace('since: 2024-01-15', 'since: 2024-01-15\nupdateEffective: 2026-12-31'),
    });
    expect(check('2026-12-02')).toEqual([]);
  });

  it('fail with updateEffective too soon, and are a warning with an emergency reason', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    const soon = replaced().replace('since: 2024-01-15', 'since: 2024-01-15\nupdateEffective: 2026-12-15');
    repo.commit('New contracting entity', LATE_EVENING_WEST, { [ACME]: soon });
    expect(check('2026-12-02')).toEqual([
      'content/subprocessors/acme.md:15: error: updateEffective: The replacement of Example Processor (updateEffective) applies on 2026-12-15, only 14 days after it is published (2026-12-01), the first day customers can be told; the register promises 30 days\' notice so customers can object first (GDPR Art. 28(2)). Write "updateEffective: 2026-12-31" or later, or write the reason for the short notice in emergency.',
    ]);
    project.write(
      ACME,
      soon.replace(
        'updateEffective: 2026-12-15',
        'updateEffective: 2026-12-15\nemergency: The old entity is dissolved.',
      ),
    );
    expect(check('2026-12-02')).toEqual([
      'content/subprocessors/acme.md:16: warning: emergency: The replacement of Example Processor (updateEffective) applies on 2026-12-15, 14 days after it is published (2026-12-01), the first day customers can be told, instead of the 30 days promised; the reason given is: The old entity is dissolved. Make sure the notice explains the urgency and still lets customers object.',
    ]);
  });

  it('can be written as a new entry with its own notice and until on the old one', () => {
    const { project, repo, check } = adoptedRepo();
    using _ = project;
    repo.commit('Replace acme by gamma', LATE_EVENING_WEST, {
      [ACME]: acme.replace('since: 2024-01-15', 'since: 2024-01-15\nuntil: 2027-01-03'),
      [GAMMA]: gamma('since: 2027-01-04'),
    });
    expect(check('2026-12-02')).toEqual([]);
  });
});
