/**
 * Temporary copies of the project for tests that run its commands for real: the check command as a
 * child process, `astro build` on a given content/ folder. node_modules is linked, not copied.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The environment for a child process, without what Vitest sets for itself: Vite reads BASE_URL,
 * MODE, DEV, PROD and SSR from the environment into import.meta.env, so a build started from a
 * test would otherwise take the test runner's values (BASE_URL=/) over astro.config's base.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key.startsWith('VITE_')) delete env[key];
  return { ...env, ...extra };
}

export interface TempProject {
  root: string;
  write(path: string, text: string): void;
  remove(path: string): void;
  run(
    script: string,
    args?: string[],
    env?: Record<string, string>,
  ): { status: number | null; stdout: string; stderr: string };
  [Symbol.dispose](): void;
}

/** A temporary folder with the given project files copied in, removed when disposed. */
export function tempProject(copy: string[] = ['content']): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'register-test-'));
  for (const path of copy) cpSync(join(PROJECT_ROOT, path), join(root, path), { recursive: true });
  return {
    root,
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    remove(path) {
      rmSync(join(root, path), { recursive: true, force: true });
    },
    run(script, args = [], env = {}) {
      const result = spawnSync(process.execPath, [join(PROJECT_ROOT, script), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: childEnv(env),
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    [Symbol.dispose]() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of the whole site (config, src/, scripts/, public/) that `astro build` can build. Its
 * node_modules is a folder of links to the project's packages, not one link to the folder: Astro
 * keeps its content cache in node_modules/.astro, which copies must not share with the project or
 * with each other when they build in parallel.
 */
export function tempSite(): TempProject {
  const project = tempProject([
    'content',
    'src',
    'scripts',
    'public',
    'astro.config.mjs',
    'package.json',
    'tsconfig.json',
  ]);
  mkdirSync(join(project.root, 'node_modules'));
  for (const name of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite')
      symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(project.root, 'node_modules', name));
  }
  return project;
}

/**
 * Where a build put its pages: `dist/client/` when it was built with the server (the default, the
 * @astrojs/node adapter also writes `dist/server/`), `dist/` for the static build (REGISTER_OUTPUT=static).
 */
export const pagesDir = (root: string): string =>
  existsSync(join(root, 'dist/client')) ? join(root, 'dist/client') : join(root, 'dist');

/** Run `astro build` in a temporary site; the site's own astro, so the copy builds like the project. */
export function buildSite(site: TempProject, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(site.root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: site.root,
    encoding: 'utf8',
    env: childEnv(env),
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run one of the project's scripts as a child process without blocking: tests whose fake HTTP
 * server answers from this process cannot use spawnSync, which would stop the server answering.
 */
export function runScript(
  script: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; stdin?: string },
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, script), ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: options.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
