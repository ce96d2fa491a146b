/** Shared test helpers: run the validator on fixture files, as the check command would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatText } from '../../src/core/findings.ts';
import { validateRegister, type ValidatedRegister } from '../../src/core/validate.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** The date every test judges the register on, unless it says otherwise. */
export const TODAY = '2026-11-23';

export const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Validate the test register with the fixture entries named, placed in content/subprocessors/. */
export function validateFixtures(
  names: string[],
  today = TODAY,
  registerText = fixtureText('register.yaml'),
): ValidatedRegister {
  return validateRegister(
    {
      register: { path: 'content/register.yaml', text: registerText },
      entries: names.map((name) => ({
        path: `content/subprocessors/${name}.md`,
        text: fixtureText(`entries/${name}.md`),
      })),
    },
    { today },
  );
}

/** The check command's text output for one fixture entry. */
export const checkFixture = (name: string, today = TODAY): string[] =>
  validateFixtures([name], today).findings.map(formatText);
