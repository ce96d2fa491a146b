/**
 * The Dockerfile, checked without Docker: its final stage is laid out in a folder as the image would
 * hold it (the build's dist/, the files it copies from the repository), and its command is run there
 * with its environment. Two things differ from a real image, and are checked another way: the
 * folder borrows the project's node_modules (dev packages included), so a separate spec checks that
 * everything the server imports is a production package of the lockfile; and the server listens on
 * 127.0.0.1 and a free port instead of 0.0.0.0:8080.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOf, copyOf, dockerfileStages, envOf, type Instruction } from '../support/dockerfile.ts';
import { FAKE_RESEND_KEY, startFakeResend, type FakeResend } from '../support/fakes/resend.ts';
import { startFormServer, TEST_SECRET } from '../support/form-server.ts';
import { TODAY } from '../support/helpers.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { buildTempSite, type BuiltSite } from '../support/site.ts';

const stages = dockerfileStages(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
const final = stages.at(-1)!;
const buildStageDir = '/app/';
const argsOf = (keyword: string) => final.filter((one) => one.keyword === keyword).map((one) => one.args);

let built: BuiltSite;
let image: string;
let fake: FakeResend;

/** The final stage's files in `dir`: each COPY, and node_modules for its `npm ci`. */
function layOut(stage: Instruction[], dir: string, site: string): void {
  for (const instruction of stage) {
    if (instruction.keyword === 'RUN' && instruction.args.includes('npm ci'))
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (instruction.keyword !== 'COPY') continue;
    const { from, sources, destination } = copyOf(instruction);
    for (const source of sources) {
      const origin = from === undefined ? join(PROJECT_ROOT, source) : join(site, source.replace(buildStageDir, ''));
      const target = destination.endsWith('/') ? join(dir, destination, basename(source)) : join(dir, destination);
      if (destination.endsWith('/')) mkdirSync(join(dir, destination), { recursive: true });
      cpSync(origin, target, { recursive: true });
    }
  }
}

beforeAll(async () => {
  built = buildTempSite();
  if (built.status !== 0) throw new Error(built.output);
  image = mkdtempSync(join(tmpdir(), 'register-image-'));
  layOut(final, image, built.site.root);
  fake = await startFakeResend();
});

afterAll(async () => {
  await fake?.close();
  if (image) rmSync(image, { recursive: true, force: true });
  built?.site[Symbol.dispose]();
});

const imageEnv = () => ({ ...envOf(final), HOST: '127.0.0.1', PORT: '0' });

describe('the final stage', () => {
  it('runs on Node 24, as a user other than root', () => {
    expect(final[0]!.args).toMatch(/^node:24\b/);
    const users = argsOf('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('installs production dependencies only, with the lockfile', () => {
    const installs = argsOf('RUN').filter((args) => args.includes('npm '));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/\bnpm ci\b.*--omit=dev/);
  });

  it('copies files that exist in the repository', () => {
    const sources = final
      .filter((one) => one.keyword === 'COPY')
      .map(copyOf)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) => copy.sources);
    expect(sources.filter((source) => !existsSync(join(PROJECT_ROOT, source)))).toEqual([]);
  });

  it('imports at run time only packages that npm ci --omit=dev installs', () => {
    const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const code = [
      ...sourceFiles(join(image, 'dist/server')),
      ...sourceFiles(join(image, 'scripts')),
      ...sourceFiles(join(image, 'src')),
    ];
    const packages = new Set(code.flatMap((file) => bareImports(readFileSync(file, 'utf8'))).map(packageName));
    expect(packages.size).toBeGreaterThan(5);
    const notInstalled = [...packages].filter((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry === undefined || entry.dev === true;
    });
    expect(notInstalled).toEqual([]);
  });
});

describe('its command', () => {
  it('starts the built server, which serves the subscribe page and sends a confirmation', async () => {
    const [program, ...args] = commandOf(final);
    expect(program).toBe('node');
    const server = await startFormServer(
      image,
      {
        ...imageEnv(),
        RESEND_API_KEY: FAKE_RESEND_KEY,
        RESEND_SEGMENT_ID: fake.segmentId,
        RESEND_BASE_URL: fake.url,
        SUBSCRIBE_SECRET: TEST_SECRET,
        REGISTER_TODAY: TODAY,
      },
      args,
    );
    try {
      const page = await server.get('subscribe/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('action="/subscribe/send/"');
      const answer = await server.post('subscribe/send/', { email: 'ana@customer.example', services: 'meetings' });
      expect(answer.status).toBe(303);
      expect(fake.emails.map((email) => email.to)).toContainEqual(['ana@customer.example']);
    } finally {
      await server.close();
    }
  });

  it('refuses to start without the Resend settings, one line for each, instead of writing emails to files', async () => {
    const failed = await startFormServer(image, imageEnv(), commandOf(final).slice(1)).then(
      async (started) => {
        await started.close();
        return '';
      },
      (error: Error) => error.message,
    );
    expect(failed).toContain('RESEND_API_KEY is missing: NODE_ENV is production');
    expect(failed).toContain('RESEND_SEGMENT_ID is missing');
    expect(failed).toContain('SUBSCRIBE_SECRET is missing');
    expect(existsSync(join(image, 'outbox'))).toBe(false);
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(join(PROJECT_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps local state, secrets and installed packages out of the build context, and the history in', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'outbox', '*.env']));
    expect(ignored.filter((pattern) => pattern.startsWith('.git'))).toEqual([]);
  });
});

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) yield* sourceFiles(path);
    else if (/\.(mjs|js|ts)$/.test(item.name)) yield path;
  }
}

/** Module specifiers of import statements and dynamic imports that name a package (not a path, not node:). */
function bareImports(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^\s*import\s+(?:[^;'"]*?\sfrom\s*)?["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*export\s+[^;'"]*?\sfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers.filter(
    (specifier) =>
      !specifier.startsWith('.') &&
      !specifier.startsWith('/') &&
      !specifier.startsWith('node:') &&
      !builtinModules.includes(specifier),
  );
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
