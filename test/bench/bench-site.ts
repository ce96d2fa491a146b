/**
 * Benchmarks of the public site, as sections for `npm run bench` (scripts/bench.ts wires them in):
 *
 * - `site-budget`: `/` built from 200 synthetic entries — the gzip size of everything it loads
 *   (HTML + CSS + JS) and of its JavaScript alone, against the budget (50 KB, 10 KB).
 * - `site-build`: the full site build of 1,000 synthetic entries with a 1,000-commit git history,
 *   against a bare Astro build of the same 1,000 Markdown files (stock `glob()` loader, a one-line
 *   page per entry): medians of 3 runs each and their ratio (target ≤ 1.5×); then the size of
 *   `dist/` (< 100 MB) and the gzip weight of `/versions/` (< 100 KB).
 *
 * Each build runs in a temporary copy with its own node_modules folder (links to the project's
 * packages), so Astro's caches never touch the project's and every run starts cold.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { pagesDir } from '../support/project.ts';
import { SYNTHETIC_TODAY, writeSyntheticRegister } from '../support/synthetic-register.ts';
import { writeSyntheticHistory } from '../support/synthetic-history.ts';
import { median, printTarget, type Benchmark } from './bench-measure.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const KB = 1024;
const BUDGET = { total: 50 * KB, js: 10 * KB };
const BUILD_RUNS = 3;
const RATIO_TARGET = 1.5;
const DIST_BUDGET = 100 * KB * KB;
const VERSIONS_BUDGET = 100 * KB;

/** Bytes of a file, or of every file under a folder. */
function folderBytes(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path).reduce((total, name) => total + folderBytes(join(path, name)), 0);
}

// ---------------------------------------------------------------------------------------------

/** `root/node_modules` as a real folder of links to the project's packages: Astro and Vite keep their caches inside it. */
export function linkNodeModules(root: string): void {
  const target = join(root, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (name === '.astro' || name === '.vite' || name === '.cache') continue;
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(target, name));
  }
}

/** A temporary copy of the project's site (no content/) in a new folder. */
function siteCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'register-bench-site-'));
  for (const path of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(REPO_ROOT, path))) cpSync(join(REPO_ROOT, path), join(root, path), { recursive: true });
  }
  linkNodeModules(root);
  return root;
}

/** A minimal Astro project reading the same Markdown files with the stock glob() loader. */
function bareAstroProject(contentRoot: string): string {
  const root = mkdtempSync(join(tmpdir(), 'register-bench-bare-'));
  linkNodeModules(root);
  writeFileSync(join(root, 'package.json'), '{ "name": "bare", "private": true, "type": "module" }\n');
  writeFileSync(
    join(root, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({ trailingSlash: 'always' });\n",
  );
  mkdirSync(join(root, 'src/pages/subprocessors'), { recursive: true });
  writeFileSync(
    join(root, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { subprocessors: defineCollection({ loader: glob({ pattern: '*.md', base: ${JSON.stringify(join(contentRoot, 'content/subprocessors'))} }) }) };\n`,
  );
  writeFileSync(
    join(root, 'src/pages/subprocessors/[id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() { return (await getCollection('subprocessors')).map((entry) => ({ params: { id: entry.id }, props: { entry } })); }\nconst { Content } = await render(Astro.props.entry);\n---\n<html lang="en"><head><title>{Astro.props.entry.data.name}</title></head><body><h1>{Astro.props.entry.data.name}</h1><Content /></body></html>\n`,
  );
  return root;
}

function astroBuild(root: string, env: NodeJS.ProcessEnv = {}): number {
  // A cold start every time: the content layer's cache lives in node_modules/.astro.
  rmSync(join(root, 'node_modules/.astro'), { recursive: true, force: true });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...buildEnv(), ...env },
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0)
    throw new Error(
      `astro build failed in ${root} (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-3000)}`,
    );
  return elapsed;
}

/** This process's environment without what a test runner sets for Vite (BASE_URL, MODE, VITE_*…), which would override astro.config. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    REGISTER_TODAY: SYNTHETIC_TODAY,
  };
  for (const key of Object.keys(env))
    if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'BASE', 'SITE'].includes(key) || key.startsWith('VITE'))
      delete env[key];
  return env;
}

/** The HTML, stylesheets and scripts a page loads, each gzipped (level 9, as a static host would). */
export function pageWeight(
  dist: string,
  page = 'index.html',
): { html: number; css: number; js: number; files: string[] } {
  const html = readFileSync(join(dist, page), 'utf8');
  const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;
  const files: string[] = [];
  let css = 0;
  let js = 0;
  for (const match of html.matchAll(
    /<link\b[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*>/g,
  )) {
    const url = /(?:href|src)="([^"]+)"/.exec(match[0])?.[1];
    if (url === undefined || /^(https?:)?\/\//.test(url)) continue;
    const path = url.replace(/^\//, '').replace(/^.*?(_astro\/)/, '$1');
    const data = readFileSync(join(dist, path));
    files.push(path);
    if (path.endsWith('.css')) css += gz(data);
    else js += gz(data);
  }
  // Inline scripts count as JavaScript too (their bytes are also inside the HTML's).
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) js += gz(match[1]!);
  return { html: gz(html), css, js, files };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// ---------------------------------------------------------------------------------------------

export const siteBenchmarks: Benchmark[] = [
  {
    name: 'site-budget',
    description: '/ built from 200 synthetic entries: gzip bytes of the HTML, CSS and JS it loads',
    async run() {
      const root = siteCopy();
      try {
        await writeSyntheticRegister(root, 200);
        astroBuild(root);
        const weight = pageWeight(pagesDir(root));
        const total = weight.html + weight.css + (weight.js - inlineJs(pagesDir(root)));
        console.log(
          `  HTML ${kb(weight.html)}, CSS ${kb(weight.css)}, JS ${kb(weight.js)} (gzip -9; files: index.html${weight.files.map((file) => `, ${file}`).join('')})`,
        );
        console.log(`  total ${kb(total)} (inline scripts are counted once, inside the HTML)`);
        printTarget('total HTML+CSS+JS of / ≤ 50 KB gzip', kb(total), total <= BUDGET.total);
        printTarget('JS of / ≤ 10 KB gzip', kb(weight.js), weight.js <= BUDGET.js);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'site-build',
    description: `full site build of 1,000 entries with a 1,000-commit history vs a bare Astro build of the same files (median of ${BUILD_RUNS})`,
    async run() {
      const root = siteCopy();
      const bare = bareAstroProject(root);
      try {
        const history = await writeSyntheticHistory(root, { entries: 1_000, commits: 1_000 });
        console.log(
          `  register: 1,000 entries, ${history.commits.toLocaleString('en-US')} commits (head ${history.head.slice(0, 12)})`,
        );
        const full: number[] = [];
        const published: number[] = [];
        const plain: number[] = [];
        // Alternate the builds so that the machine's state affects all alike. The static build is what
        // GitHub Pages publishes (REGISTER_OUTPUT=static); the default also bundles the forms' server.
        for (let run = 0; run < BUILD_RUNS; run++) {
          published.push(astroBuild(root, { REGISTER_OUTPUT: 'static' }));
          full.push(astroBuild(root));
          plain.push(astroBuild(bare));
        }
        const pages = readdirSync(join(pagesDir(root), 'subprocessors')).length;
        const ratio = median(full) / median(plain);
        const staticRatio = median(published) / median(plain);
        console.log(
          `  full site with its server:  median ${seconds(median(full))}  (runs ${full.map(seconds).join(', ')}; ${pages} entry pages)`,
        );
        console.log(
          `  full site, static (Pages):  median ${seconds(median(published))}  (runs ${published.map(seconds).join(', ')})`,
        );
        console.log(
          `  bare Astro:                 median ${seconds(median(plain))}  (runs ${plain.map(seconds).join(', ')})`,
        );
        printTarget(
          `full build ≤ ${RATIO_TARGET}× the bare Astro build`,
          `${ratio.toFixed(2)}×`,
          ratio <= RATIO_TARGET,
        );
        printTarget(
          `static build ≤ ${RATIO_TARGET}× the bare Astro build`,
          `${staticRatio.toFixed(2)}×`,
          staticRatio <= RATIO_TARGET,
        );
        const dist = join(root, 'dist');
        const distBytes = folderBytes(dist);
        const pagesRoot = pagesDir(root);
        const versions = pageWeight(pagesRoot, 'versions/index.html');
        const versionsTotal = versions.html + versions.css + versions.js;
        const months = readdirSync(join(pagesRoot, 'versions')).filter((name) => /^\d{4}-\d{2}$/.test(name)).length;
        console.log(
          `  dist/: ${(distBytes / KB / KB).toFixed(1)} MB; /versions/: HTML ${kb(versions.html)}, CSS ${kb(versions.css)}, JS ${kb(versions.js)} gzip; ${months} month pages, history.json ${kb(folderBytes(join(pagesRoot, 'versions/history.json')))}`,
        );
        printTarget('dist/ < 100 MB', `${(distBytes / KB / KB).toFixed(1)} MB`, distBytes < DIST_BUDGET);
        printTarget('/versions/ < 100 KB gzip', kb(versionsTotal), versionsTotal < VERSIONS_BUDGET);
      } finally {
        rmSync(root, { recursive: true, force: true });
        rmSync(bare, { recursive: true, force: true });
      }
    },
  },
];

/** Gzip bytes of the inline scripts of /, which pageWeight counts both in the HTML and as JS. */
function inlineJs(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  let bytes = 0;
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g))
    bytes += gzipSync(match[1]!, { level: 9 }).length;
  return bytes;
}
