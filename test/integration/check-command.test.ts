/**
 * `npm run check` as a user runs it: a child process on a real content/ folder. Exit codes, the
 * three output formats, and problems with the files themselves — never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { fixtureText, TODAY } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';
import { tempProject } from '../support/project.ts';

const check = (project: ReturnType<typeof tempProject>, ...args: string[]) =>
  project.run('scripts/check.ts', ['--today', TODAY, ...args]);

/** A project with the test register and the named fixture entries. */
function projectWith(...fixtures: string[]) {
  const project = tempProject([]);
  project.write('content/register.yaml', fixtureText('register.yaml'));
  for (const name of fixtures) project.write(`content/subprocessors/${name}.md`, fixtureText(`entries/${name}.md`));
  return project;
}

describe('npm run check', () => {
  it('passes on the example register, printing its warnings and a summary', () => {
    using project = tempProject();
    const result = check(project);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('16 files checked: 0 errors, 3 warnings.');
  });

  it('exits 1 and prints path:line: error: field: message for an error', () => {
    using project = projectWith('valid-eea-only', 'privacy-shield');
    const result = check(project);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'content/subprocessors/privacy-shield.md:18: error: transfers[0].mechanism: EU-US Privacy Shield (privacy-shield) was a lawful basis for transfers only until 2020-07-15',
    );
    expect(result.stdout.trim().split('\n').at(-1)).toBe('3 files checked: 1 error, 0 warnings.');
  });

  it('exits 0 when there are only warnings', () => {
    using project = projectWith('dpf-without-fallback');
    expect(check(project).status).toBe(0);
  });

  it('prints workflow annotations with --format github', () => {
    using project = projectWith('privacy-shield');
    const lines = check(project, '--format', 'github').stdout.split('\n');
    expect(lines[0]).toMatch(
      /^::error file=content\/subprocessors\/privacy-shield\.md,line=18,title=transfers\[0\]\.mechanism::EU-US Privacy Shield \(privacy-shield\) was a lawful basis/,
    );
  });

  it('prints one JSON object with --format json', () => {
    using project = projectWith('privacy-shield', 'dpf-without-fallback');
    const report = JSON.parse(check(project, '--format', 'json').stdout);
    expect(report).toMatchObject({ today: TODAY, files: 3, errors: 1, warnings: 1 });
    expect(report.findings[0]).toEqual({
      severity: 'warning',
      rule: 'dpf-without-fallback',
      file: 'content/subprocessors/dpf-without-fallback.md',
      line: 18,
      field: 'transfers[0].mechanism',
      message: expect.stringContaining('relies on the EU-US Data Privacy Framework alone'),
      hint: 'Sign the standard contractual clauses (2021) with the recipient and add "fallback: scc" and "sccModule: 3" to this transfer.',
    });
  });

  it('reports malformed YAML with its line and no stack trace', () => {
    using project = projectWith('malformed-yaml');
    const result = check(project);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('content/subprocessors/malformed-yaml.md:7: error: The YAML cannot be read');
  });

  it('reports a folder where an entry file should be', () => {
    using project = projectWith('valid-eea-only');
    project.write('content/subprocessors/acme.md/notes.txt', 'a folder named like an entry');
    const result = check(project);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      'content/subprocessors/acme.md:1: error: content/subprocessors/acme.md is a folder, not a file. Move what it contains elsewhere and replace it with a file named acme.md.',
    );
  });

  it('reports a missing register.yaml and still checks the entries', () => {
    using project = projectWith('privacy-shield');
    project.remove('content/register.yaml');
    const result = check(project);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'content/register.yaml:1: error: content/register.yaml does not exist. Create it; see the example in the README.',
    );
    expect(result.stdout).toContain('content/subprocessors/privacy-shield.md:18: error:');
  });

  it('warns about a file in content/subprocessors that is not Markdown', () => {
    using project = projectWith('valid-eea-only');
    project.write('content/subprocessors/acme.yaml', 'name: Acme\n');
    expect(check(project).stdout).toContain(
      'content/subprocessors/acme.yaml:1: warning: This file is not a Markdown file, so it is not part of the register.',
    );
  });

  it('rejects an unknown option with the usage and exit code 2', () => {
    using project = projectWith();
    const result = check(project, '--formt', 'json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--formt'");
    expect(result.stderr).toContain('Usage: npm run check');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects --today that is not a real day (2026-02-30) with exit code 2', () => {
    using project = projectWith();
    const result = project.run('scripts/check.ts', ['--today', '2026-02-30']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('--today must be a real date written YYYY-MM-DD, not "2026-02-30".');
  });

  it('names a missing required field as field-missing in JSON', () => {
    using project = projectWith('missing-field');
    const { findings } = JSON.parse(check(project, '--format', 'json').stdout) as { findings: unknown[] };
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'field-missing',
        field: 'purpose',
        file: 'content/subprocessors/missing-field.md',
      }),
    );
  });

  it('judges the register on REGISTER_TODAY when --today is not given, as the site build does', () => {
    using project = projectWith('notice-sufficient');
    const result = project.run('scripts/check.ts', ['--format', 'json'], { REGISTER_TODAY: '2031-05-06' });
    expect(JSON.parse(result.stdout)).toMatchObject({ today: '2031-05-06' });
  });

  it('rejects a REGISTER_TODAY that is not a date, with exit code 2', () => {
    using project = projectWith();
    const result = project.run('scripts/check.ts', [], { REGISTER_TODAY: 'tomorrow' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('REGISTER_TODAY must be a date written YYYY-MM-DD, not "tomorrow".');
  });

  it('rejects an unknown format', () => {
    using project = projectWith();
    const result = check(project, '--format', 'xml');
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('--format must be one of text, github, json, not "xml".');
  });

  it('counts the notice of an entry without noticeGiven from the day git shows it was published', () => {
    using project = projectWith();
    const repo = makeRepo(project.root);
    repo.commit('Announce Example Processor', '2026-11-05', {
      'content/register.yaml': fixtureText('register.yaml'),
      'content/subprocessors/acme.md': fixtureText('entries/upcoming-without-notice.md'),
    });
    expect(check(project).stdout.trim()).toBe('2 files checked: 0 errors, 0 warnings.');
  });
});
