/**
 * A symbolic link in content/ is an error and is never followed — by the check, by the site's
 * content loader (which reads through the same readContentFiles) and by the history. A link could
 * make the register read a file outside the repository and echo its values, or /dev/zero, which
 * never ends.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../src/io/content-files.ts';
import { readContentAt } from '../../src/io/git.ts';
import { readHistory } from '../../src/io/history.ts';
import { fixtureText, TODAY } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';
import { tempProject } from '../support/project.ts';

/** A file outside the repository, with a value the register must never echo. */
const outside = mkdtempSync(join(tmpdir(), 'register-outside-'));
const SECRET = 'sk_live_outside_the_repository';
writeFileSync(join(outside, 'secret.md'), `---\nname: ${SECRET}\ncountry: ${SECRET}\n---\n`);
mkdirSync(join(outside, 'entries'));
writeFileSync(join(outside, 'entries', 'ghost.md'), `---\nname: ${SECRET}\n---\n`);
afterAll(() => rmSync(outside, { recursive: true, force: true }));

function projectWithLink(path: string, target: string) {
  const project = tempProject([]);
  project.write('content/register.yaml', fixtureText('register.yaml'));
  project.write('content/subprocessors/acme.md', fixtureText('entries/valid-eea-only.md'));
  project.remove(path);
  symlinkSync(target, join(project.root, path));
  return project;
}

const check = (project: ReturnType<typeof tempProject>) =>
  project.run('scripts/check.ts', ['--today', TODAY, '--format', 'json']);
const findingsOf = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { rule: string; file: string; severity: string }[] }).findings.map(
    (finding) => `${finding.severity} ${finding.rule} ${finding.file}`,
  );

describe('npm run check', () => {
  it('refuses an entry that links to a file outside the repository, without reading it', () => {
    using project = projectWithLink('content/subprocessors/leak.md', join(outside, 'secret.md'));
    const result = check(project);
    expect(result.status).toBe(1);
    expect(findingsOf(result.stdout)).toEqual(['error file-is-symlink content/subprocessors/leak.md']);
    expect(result.stdout).not.toContain(SECRET);
  });

  it('refuses a link to /dev/zero at once', () => {
    using project = projectWithLink('content/subprocessors/zero.md', '/dev/zero');
    const start = Date.now();
    const result = check(project);
    expect(findingsOf(result.stdout)).toEqual(['error file-is-symlink content/subprocessors/zero.md']);
    expect(Date.now() - start).toBeLessThan(10_000);
  });

  it('refuses a linked register.yaml', () => {
    using project = projectWithLink('content/register.yaml', join(outside, 'secret.md'));
    const result = check(project);
    expect(result.status).toBe(1);
    expect(findingsOf(result.stdout)).toContain('error file-is-symlink content/register.yaml');
    expect(result.stdout).not.toContain(SECRET);
  });

  it('refuses a linked entries folder, and reads nothing inside it', () => {
    using project = projectWithLink('content/subprocessors', join(outside, 'entries'));
    const result = check(project);
    expect(findingsOf(result.stdout)).toEqual(['error file-is-symlink content/subprocessors']);
    expect(result.stdout).not.toContain(SECRET);
  });
});

describe("the site's content reader", () => {
  it('reports the link and hands the validator no text from it', async () => {
    using project = projectWithLink('content/subprocessors/leak.md', join(outside, 'secret.md'));
    const { sources, findings } = await readContentFiles(project.root);
    expect(sources.entries.map((entry) => entry.path)).toEqual(['content/subprocessors/acme.md']);
    expect(findings.map((finding) => `${finding.rule} ${finding.file} ${finding.line}`)).toEqual([
      'file-is-symlink content/subprocessors/leak.md 1',
    ]);
    expect(findings[0]!.message).toContain('Links are not followed');
  });
});

describe('the history', () => {
  it('never reads a committed link as an entry or as register.yaml', async () => {
    using repo = makeRepo();
    repo.commit('Start the register', '2026-01-05', {
      'content/register.yaml': fixtureText('register.yaml'),
      'content/subprocessors/acme.md': fixtureText('entries/valid-eea-only.md'),
    });
    symlinkSync(join(outside, 'secret.md'), join(repo.root, 'content/subprocessors/leak.md'));
    repo.git('add', 'content/subprocessors/leak.md');
    const head = repo.commit('Link an entry', '2026-02-02', {});
    const { revisions } = await readHistory(repo.root);
    expect(revisions.at(-1)!.changes).toEqual([]);
    expect(revisions.at(-1)!.problems).toEqual([
      'content/subprocessors/leak.md is a symbolic link; it is not read and counts as absent',
    ]);
    expect([...(await readContentAt(repo.root, head)).keys()]).toEqual([
      'content/register.yaml',
      'content/subprocessors/acme.md',
    ]);
  });
});
