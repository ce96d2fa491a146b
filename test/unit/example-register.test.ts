/**
 * The built-in example is the product's demo and its users' template: it must pass the check and
 * show every feature the register supports.
 */
import { describe, expect, it } from 'vitest';
import { isInEea } from '../../src/core/law/law.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { readContentFiles } from '../../src/io/content-files.ts';
import { TODAY } from '../support/helpers.ts';
import { PROJECT_ROOT } from '../support/project.ts';

const { sources } = await readContentFiles(PROJECT_ROOT);
const { entries, findings, register } = validateRegister(sources, { today: TODAY });
const mechanismsTo = (country: string) =>
  entries.flatMap((entry) => entry.data.transfers.filter((transfer) => transfer.country === country));

describe('the example register', () => {
  it('has no errors, only the three warnings it shows on purpose', () => {
    expect(findings.map((finding) => `${finding.file}: ${finding.rule}`)).toEqual([
      'content/subprocessors/sentry.md: contact-person-missing',
      'content/subprocessors/twilio.md: adequacy-limited-scope',
      'content/subprocessors/zapier.md: dpf-without-fallback',
    ]);
  });

  it('lists 12 to 20 sub-processors of a publisher established in France', () => {
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(entries.length).toBeLessThanOrEqual(20);
    expect(register?.legalName).toBe('Parlons SAS');
  });

  it('has entries whose data stays in the EEA', () => {
    expect(
      entries.some(
        (entry) =>
          entry.data.transfers.length === 0 && entry.data.locations.every((location) => isInEea(location.country)),
      ),
    ).toBe(true);
  });

  it('relies on adequacy for the United Kingdom, Switzerland and Japan', () => {
    for (const country of ['GB', 'CH', 'JP'])
      expect(mechanismsTo(country).map((transfer) => transfer.mechanism)).toContain('adequacy');
  });

  it('has a DPF transfer with an SCC fallback', () => {
    expect(mechanismsTo('US').some((transfer) => transfer.mechanism === 'dpf' && transfer.fallback === 'scc')).toBe(
      true,
    );
  });

  it('has SCC-only transfers to India or Australia', () => {
    expect(
      [...mechanismsTo('IN'), ...mechanismsTo('AU')].some(
        (transfer) => transfer.mechanism === 'scc' && transfer.fallback === undefined,
      ),
    ).toBe(true);
  });

  it('has an affiliate, a former and a not yet effective sub-processor', () => {
    expect(entries.some((entry) => entry.data.role === 'affiliate')).toBe(true);
    expect(entries.some((entry) => entry.data.until !== undefined && entry.data.until < TODAY)).toBe(true);
    expect(entries.some((entry) => entry.data.since > TODAY)).toBe(true);
  });

  it('scopes some entries to some of several services', () => {
    expect(Object.keys(register?.services ?? {}).length).toBeGreaterThan(1);
    expect(entries.some((entry) => entry.data.services !== undefined)).toBe(true);
    expect(entries.some((entry) => entry.data.services === undefined)).toBe(true);
  });
});
