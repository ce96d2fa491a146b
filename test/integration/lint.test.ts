/**
 * The layer rule: src/core/ is pure. Biome (biome.json) fails on a core module that imports node:,
 * astro:, the adapters, the site or the entry points, or reads `process`; the same imports are
 * allowed one layer out. Each probe is a real file in a copy of the configuration, linted for real.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/project.ts';

const root = mkdtempSync(join(tmpdir(), 'register-lint-'));
copyFileSync(join(PROJECT_ROOT, 'biome.json'), join(root, 'biome.json'));
// biome.json reads .gitignore through git, as in the repository.
spawnSync('git', ['init', '--quiet', root]);
writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lints one file written at `path` (relative to the copy) and returns the rules it broke. */
function lint(path: string, text: string): string[] {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  const biome = join(PROJECT_ROOT, 'node_modules/@biomejs/biome/bin/biome');
  const result = spawnSync(process.execPath, [biome, 'lint', '--reporter=json', path], {
    cwd: root,
    encoding: 'utf8',
  });
  const json = result.stdout.split('\n').find((line) => line.startsWith('{'));
  if (json === undefined) throw new Error(`biome printed no report:\n${result.stdout}${result.stderr}`);
  const report = JSON.parse(json) as { diagnostics: { category: string }[] };
  return report.diagnostics.map((diagnostic) => diagnostic.category).sort();
}

describe('the core purity rule', () => {
  it.each([
    [
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'lint/correctness/noNodejsModules',
    ],
    [
      "import { getCollection } from 'astro:content';\nexport const get = getCollection;\n",
      'lint/style/noRestrictedImports',
    ],
    ["import { git } from '../io/git.ts';\nexport const run = git;\n", 'lint/style/noRestrictedImports'],
    ["import { url } from '../site/register-data.ts';\nexport const link = url;\n", 'lint/style/noRestrictedImports'],
    ["import { main } from '../../scripts/check.ts';\nexport const run = main;\n", 'lint/style/noRestrictedImports'],
    ['export const today = process.env.REGISTER_TODAY;\n', 'lint/style/noRestrictedGlobals'],
  ])('fails a core module with %j', (source, rule) => {
    expect(lint('src/core/changes/probe.ts', source)).toContain(rule);
  });

  it('passes a core module that imports only the core and libraries', () => {
    expect(
      lint(
        'src/core/changes/probe.ts',
        "import { z } from 'zod';\nimport { addDays } from '../dates.ts';\nexport const pair = [z, addDays];\n",
      ),
    ).toEqual([]);
  });

  it('lets the adapters use node: and process', () => {
    expect(
      lint(
        'src/io/probe.ts',
        "import { readFileSync } from 'node:fs';\nexport const pair = [readFileSync, process.env.HOME];\n",
      ),
    ).toEqual([]);
  });

  it('fails any module under src/ that imports an entry point', () => {
    expect(
      lint('src/site/probe.ts', "import { main } from '../../scripts/check.ts';\nexport const run = main;\n"),
    ).toContain('lint/style/noRestrictedImports');
  });
});
