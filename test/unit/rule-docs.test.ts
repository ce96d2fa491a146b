/** Every rule the transfer and notice rules can report is documented, with its source and test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const ruleIds = ['src/core/rules.ts', 'src/core/rules/transfers.ts']
  .flatMap((path) =>
    [...read(path).matchAll(/rule:\s*([^\n]+)/g)].flatMap((match) => match[1]!.match(/'[a-z]+(?:-[a-z]+)+'/g) ?? []),
  )
  .map((quoted) => quoted.slice(1, -1));

describe('rule documentation', () => {
  it('finds the rules in the code', () => {
    expect(ruleIds).toContain('regime-transfer-missing');
  });

  it.each([...new Set(ruleIds)])('docs/rules.md has a row for %s', (rule) => {
    expect(read('docs/rules.md')).toContain(`| \`${rule}\` |`);
  });

  it.each([...new Set(ruleIds)])('the README names %s', (rule) => {
    expect(read('README.md')).toContain(`\`${rule}\``);
  });
});
