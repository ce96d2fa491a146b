/** Shared test helpers: run the validator on fixture files, as the check command would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatText } from '../../src/core/findings.ts';
import type { Law } from '../../src/core/law/law.ts';
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
  law?: Law,
): ValidatedRegister {
  return validateRegister(
    {
      register: { path: 'content/register.yaml', text: registerText },
      entries: names.map((name) => ({
        path: `content/subprocessors/${name}.md`,
        text: fixtureText(`entries/${name}.md`),
      })),
    },
    { today, ...(law ? { law } : {}) },
  );
}

/** The check command's text output for one fixture entry. */
export const checkFixture = (name: string, today = TODAY): string[] =>
  validateFixtures([name], today).findings.map(formatText);

/** The check's lines for one fixture entry in a register that exports under `regimes` ("eu, uk"). */
export const checkFixtureUnder = (name: string, regimes: string, today = TODAY): string[] =>
  validateFixtures(
    [name],
    today,
    fixtureText('register.yaml').replace('regimes: [eu]', `regimes: [${regimes}]`),
  ).findings.map(formatText);
