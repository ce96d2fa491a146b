/**
 * History and `npm run changes` against real git repositories with pinned dates.
 */
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/io/history.ts';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo, shallowClone, type TestRepo } from '../support/git-repo.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const entry = (fixture: string, edit: (text: string) => string = (text) => text) =>
  edit(fixtureText(`entries/${fixture}.md`));
const ACME = 'content/subprocessors/acme.md';
const BETA = 'content/subprocessors/beta.md';
const beta = () => entry('valid-eea-only', (text) => text.replace(/Example Processor/g, 'Beta Cloud'));

/** A register with two entries, created on 2026-01-05. */
function startedRepo(): TestRepo {
  const repo = makeRepo();
  repo.commit('Start the register', '2026-01-05', {
    'content/register.yaml': fixtureText('register.yaml'),
    [ACME]: entry('valid-eea-only'),
    [BETA]: beta(),
  });
  return repo;
}

const summary = async (repo: TestRepo) =>
  (await readHistory(repo.root)).revisions.map((revision) => ({
    subject: revision.subject,
    changes: revision.changes.map(
      (change) =>
        `${change.kind} ${change.id}${change.material ? ' (material)' : ''}${change.fields.length ? `: ${change.fields.map((field) => field.field).join(', ')}` : ''}`,
    ),
  }));

function changes(repo: TestRepo, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/changes.ts'), ...args], {
    cwd: repo.root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('readHistory', () => {
  it('starts with the register as first published: its entries are the starting point, not additions', async () => {
    using repo = startedRepo();
    const [first] = (await readHistory(repo.root)).revisions;
    expect(first).toMatchObject({
      subject: 'Start the register',
      changes: [],
      adoption: { day: '2026-01-05', ids: ['acme', 'beta'], inUse: 2 },
    });
  });

  it('records additions, updates and both kinds of removal, each in its commit', async () => {
    using repo = startedRepo();
    repo.commit('Add gamma', '2026-02-01', {
      'content/subprocessors/gamma.md': entry('valid-eea-only', (text) => text.replace(/Example Processor/g, 'Gamma')),
    });
    repo.commit('Widen acme', '2026-02-10', {
      [ACME]: entry('valid-eea-only', (text) =>
        text.replace('dataCategories: [identity]', 'dataCategories: [identity, usage]'),
      ),
    });
    repo.commit('End beta', '2026-03-01', {
      [BETA]: beta().replace('since: 2024-01-15', 'since: 2024-01-15\nuntil: 2026-03-31'),
    });
    repo.commit('Delete gamma', '2026-03-02', { 'content/subprocessors/gamma.md': null });
    expect((await summary(repo)).slice(1)).toEqual([
      { subject: 'Add gamma', changes: ['added gamma (material)'] },
      { subject: 'Widen acme', changes: ['updated acme (material): dataCategories'] },
      { subject: 'End beta', changes: ['removed beta: until'] },
      { subject: 'Delete gamma', changes: ['removed gamma'] },
    ]);
  });

  it('records every field of an update, editorial ones too', async () => {
    using repo = startedRepo();
    const everything = entry('valid-eea-only', () =>
      [
        '---',
        'name: Example',
        'legalName: Example Processor SAS',
        'address: 2 rue Neuve, 75002 Paris, France',
        'country: FR',
        'contact: https://processor.example/privacy',
        'website: https://processor.example',
        'role: affiliate',
        'purpose: Hosts and backs up the application.',
        'category: email',
        'services: [meetings]',
        'dataCategories: [usage]',
        'dataSubjects: [users]',
        'locations:',
        '  - country: DE',
        '    activity: backup',
        '  - country: US',
        '    activity: support',
        'transfers:',
        '  - country: US',
        '    mechanism: scc',
        '    sccModule: 3',
        '    tia: 2026-01-10',
        'dpa: on-request',
        'since: 2024-01-16',
        'noticeGiven: 2023-12-01',
        '---',
        'A description.',
        '',
      ].join('\n'),
    );
    repo.commit('Rewrite acme', '2026-02-10', { [ACME]: everything });
    expect((await summary(repo))[1]?.changes).toEqual([
      'updated acme (material): name, address, contact, contactPerson, website, role, purpose, category, services, dataCategories, locations, transfers, dpa, since, noticeGiven, body',
    ]);
  });

  it('finds no change in a commit that only reformats (whitespace, key order, quoting)', async () => {
    using repo = startedRepo();
    const reordered = entry('valid-eea-only', (text) =>
      text
        .replace('name: Example Processor\n', '')
        .replace('since: 2024-01-15', 'since: \'2024-01-15\'\nname:   "Example Processor"')
        .replace('dataSubjects: [users]', 'dataSubjects:\n  - users'),
    );
    repo.commit('Reformat acme', '2026-02-10', { [ACME]: `${reordered}\n\n` });
    expect((await summary(repo))[1]).toEqual({ subject: 'Reformat acme', changes: [] });
  });

  it('reports a rename as one update', async () => {
    using repo = startedRepo();
    repo.git('mv', ACME, 'content/subprocessors/example-processor.md');
    repo.commit('Rename acme', '2026-02-10', {});
    expect((await summary(repo))[1]).toEqual({ subject: 'Rename acme', changes: ['updated example-processor'] });
    const [revision] = (await readHistory(repo.root)).revisions.slice(1);
    expect(revision?.changes[0]?.previousId).toBe('acme');
  });

  it('counts a merge as the one change set it brought to the default branch', async () => {
    using repo = startedRepo();
    repo.git('checkout', '-q', '-b', 'add-gamma');
    repo.commit('Draft gamma', '2026-02-01', {
      'content/subprocessors/gamma.md': entry('valid-eea-only', (text) => text.replace(/Example Processor/g, 'Gamma')),
    });
    repo.commit('Fix gamma purpose', '2026-02-02', {
      'content/subprocessors/gamma.md': entry('valid-eea-only', (text) =>
        text.replace(/Example Processor/g, 'Gamma').replace('Hosts', 'Runs'),
      ),
    });
    repo.git('checkout', '-q', 'main');
    repo.commit('Edit beta on main', '2026-02-03', { [BETA]: beta().replace('Hosts', 'Serves') });
    repo.git('-c', 'core.editor=true', 'merge', '-q', '--no-ff', '-m', 'Merge add-gamma', 'add-gamma');
    expect((await summary(repo)).slice(1)).toEqual([
      { subject: 'Edit beta on main', changes: ['updated beta (material): purpose'] },
      { subject: 'Merge add-gamma', changes: ['added gamma (material)'] },
    ]);
  });

  it('compares an old revision that no longer fits the schema as written, and says so', async () => {
    using repo = startedRepo();
    const oldFormat = entry('valid-eea-only', (text) =>
      text.replace('locations:\n  - country: FR\n    activity: hosting\n', 'location: France\n'),
    );
    repo.commit('Old format', '2026-02-01', { [ACME]: oldFormat });
    repo.commit('Back to the format', '2026-02-02', { [ACME]: entry('valid-eea-only') });
    const history = await readHistory(repo.root);
    expect(history.revisions[1]?.problems).toEqual([
      "content/subprocessors/acme.md does not fit today's format (2 problems); compared as written",
    ]);
    expect(history.revisions[1]?.changes.map((change) => change.fields.map((field) => field.field))).toEqual([
      ['locations'],
    ]);
    expect(history.revisions[2]?.changes.map((change) => change.kind)).toEqual(['updated']);
  });

  it('keeps going past a revision whose YAML is broken', async () => {
    using repo = startedRepo();
    repo.commit('Break acme', '2026-02-01', { [ACME]: '---\nname: [unclosed\n---\n' });
    repo.commit('Fix acme', '2026-02-02', { [ACME]: entry('valid-eea-only') });
    const history = await readHistory(repo.root);
    expect(
      history.revisions.map((revision) => revision.changes.map((change) => `${change.kind} ${change.id}`)),
    ).toEqual([[], ['removed acme'], ['added acme']]);
    expect(history.revisions[1]?.problems[0]).toMatch(/^content\/subprocessors\/acme\.md: The YAML cannot be read/);
  });

  it('in a shallow clone, starts from the oldest fetched commit and says the history is incomplete', async () => {
    using repo = startedRepo();
    repo.commit('Add gamma', '2026-02-01', {
      'content/subprocessors/gamma.md': entry('valid-eea-only', (text) => text.replace(/Example Processor/g, 'Gamma')),
    });
    repo.commit('Widen acme', '2026-02-10', {
      [ACME]: entry('valid-eea-only', (text) => text.replace('dataSubjects: [users]', 'dataSubjects: [users, admins]')),
    });
    using clone = shallowClone(repo, 2);
    const history = await readHistory(clone.root);
    expect(history.complete).toBe(false);
    expect(
      history.revisions.map((revision) => ({
        subject: revision.subject,
        baseline: revision.baseline ?? false,
        changes: revision.changes.length,
      })),
    ).toEqual([
      { subject: 'Add gamma', baseline: true, changes: 0 },
      { subject: 'Widen acme', baseline: false, changes: 1 },
    ]);
  });
});

describe('npm run changes', () => {
  it('prints exactly one JSON object per the design contract', () => {
    using repo = startedRepo();
    const from = repo.git('rev-parse', 'HEAD');
    const to = repo.commit('Widen acme', '2026-02-10', {
      [ACME]: entry('valid-eea-only', (text) =>
        text.replace('dataCategories: [identity]', 'dataCategories: [identity, usage]'),
      ),
      [BETA]: null,
    });
    const result = changes(repo, '--from', from, '--to', to, '--format', 'json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      from,
      to,
      changes: [
        {
          kind: 'updated',
          id: 'acme',
          name: 'Example Processor',
          material: true,
          fields: [{ field: 'dataCategories', before: ['identity'], after: ['identity', 'usage'] }],
          notice: {
            published: '2026-02-10',
            given: '2026-02-10',
            effective: '2026-02-10',
            objectionDeadline: '2026-03-12',
          },
        },
        {
          kind: 'removed',
          id: 'beta',
          name: 'Beta Cloud',
          material: false,
          fields: [],
          notice: { published: '2026-02-10', given: '2026-02-10', effective: '2026-02-10' },
        },
      ],
    });
  });

  it('renders the pull-request preview in Markdown with the notice subscribers will get', () => {
    using repo = startedRepo();
    repo.commit('Add gamma', '2026-02-01', {
      'content/subprocessors/gamma.md': entry('notice-sufficient', (text) =>
        text.replace(/Example Processor/g, 'Gamma <b>Cloud</b>'),
      ),
    });
    const result = changes(repo, '--from', 'HEAD~1', '--format', 'markdown');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('### Register changes (1, 1 material)');
    expect(result.stdout).toContain('#### Added: Gamma &lt;b\\>Cloud&lt;/b\\> (**material**)');
    expect(result.stdout).toContain('### Notice subscribers will receive when this is merged');
    // Markup from content appears only inside the fenced text of the email, where it stays text.
    expect(result.stdout.replace(/```text[\s\S]*?```/g, '')).not.toContain('<b>');
  });

  it('rejects an unknown revision with a clear error', () => {
    using repo = startedRepo();
    const result = changes(repo, '--from', 'no-such-branch');
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      '"no-such-branch" is not a commit in this repository. Check the branch name or sha (git log --oneline lists them).',
    );
  });

  it('says when a revision has no register', () => {
    using repo = makeRepo();
    const empty = repo.commit('README only', '2026-01-01', { 'README.md': 'hello\n' });
    repo.commit('Start the register', '2026-01-05', {
      'content/register.yaml': fixtureText('register.yaml'),
      [ACME]: entry('valid-eea-only'),
    });
    const result = changes(repo, '--from', 'HEAD', '--to', empty);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `There is no register at ${empty} (${empty.slice(0, 12)}): content/register.yaml does not exist there.`,
    );
  });

  it('names the missing commit in a shallow clone and how to fetch it', () => {
    using repo = startedRepo();
    const first = repo.git('rev-parse', 'HEAD');
    repo.commit('Add gamma', '2026-02-01', {
      'content/subprocessors/gamma.md': entry('valid-eea-only', (text) => text.replace(/Example Processor/g, 'Gamma')),
    });
    using clone = shallowClone(repo, 1);
    const result = changes(clone, '--from', first);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'which is a shallow clone: older commits were not fetched. Fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)',
    );
  });
});
