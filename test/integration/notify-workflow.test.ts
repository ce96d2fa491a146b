/**
 * The publish workflow's "Fetch the record of notices" step, run with bash in a real clone (the
 * checkout fetches every branch, or fails the job): the notices branch is made local when origin
 * has one, and a missing one is said to be the first run. (Should the branch have been lost, the
 * notifier itself refuses to start over: see notify-exactly-once.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeRepo, type TestRepo } from '../support/git-repo.ts';
import { PROJECT_ROOT } from '../support/project.ts';

const publish = parse(readFileSync(join(PROJECT_ROOT, '.github/workflows/publish.yml'), 'utf8')) as {
  jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
};
const fetchRecord = publish.jobs.notify!.steps.find((step) => step.name === 'Fetch the record of notices')!.run!;

/** A full clone of `origin`, as the job's checkout (fetch-depth: 0) leaves it. */
function checkout(origin: TestRepo): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'register-checkout-'));
  rmSync(root, { recursive: true });
  execFileSync('git', ['clone', '-q', `file://${origin.root}`, root]);
  return makeRepo(root);
}

const runStep = (repo: TestRepo) => spawnSync('bash', ['-e', '-c', fetchRecord], { cwd: repo.root, encoding: 'utf8' });

describe('publish.yml: fetch the record of notices', () => {
  it('fetches the notices branch when origin has one', () => {
    using origin = makeRepo();
    origin.commit('Start', '2026-01-05', { 'content/register.yaml': 'name: x\n' });
    origin.git('branch', 'notices');
    using repo = checkout(origin);
    const result = runStep(repo);
    expect(result.status, result.stderr).toBe(0);
    expect(repo.git('rev-parse', 'refs/heads/notices')).toBe(origin.git('rev-parse', 'refs/heads/notices'));
  });

  it('says this is the first run when origin has no notices branch', () => {
    using origin = makeRepo();
    origin.commit('Start', '2026-01-05', { 'content/register.yaml': 'name: x\n' });
    using repo = checkout(origin);
    const result = runStep(repo);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('No notices branch yet, this is the first run.');
    expect(() =>
      execFileSync('git', ['rev-parse', '--verify', '--quiet', 'refs/heads/notices'], { cwd: repo.root }),
    ).toThrow();
  });
});
