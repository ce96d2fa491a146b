/**
 * The law is data: a change in `transfer-law.json` changes every rule and every hint, and each fact
 * in it comes from a primary source.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/core/findings.ts';
import { createLaw } from '../../src/core/law/law.ts';
import lawData from '../../src/core/law/transfer-law.json' with { type: 'json' };
import { FIXTURES, validateFixtures } from '../support/helpers.ts';

/** The fixtures whose data goes to the United States, where the DPF would otherwise be proposed. */
const US_FIXTURES = ['transfer-missing', 'adequacy-us', 'privacy-shield', 'derogation', 'dpf-without-fallback'];

const lawWithoutDpf = createLaw({
  ...lawData,
  mechanisms: {
    ...lawData.mechanisms,
    dpf: { ...lawData.mechanisms.dpf, validUntil: '2026-06-30', invalidReason: 'Annulled (test edition of the law).' },
  },
});

describe('a change in the law changes every hint', () => {
  it('proposes the DPF for a US destination while it is valid', () => {
    const hints = validateFixtures(US_FIXTURES).findings.map((finding) => finding.hint);
    expect(hints.filter((hint) => /\bmechanism: dpf\b/.test(hint))).toHaveLength(4);
  });

  it('never proposes the DPF once the law file says it ended', () => {
    const findings = validateFixtures(US_FIXTURES, undefined, undefined, lawWithoutDpf).findings;
    expect(findings.map((finding) => finding.hint).filter((hint) => /\bdpf\b/.test(hint))).toEqual([]);
  });

  it('rejects a transfer still relying on the DPF once it ended, proposing the SCCs', () => {
    const lines = validateFixtures(['dpf-without-fallback'], undefined, undefined, lawWithoutDpf).findings.map(
      formatText,
    );
    expect(lines).toEqual([
      'content/subprocessors/dpf-without-fallback.md:18: error: transfers[0].mechanism: EU-US Data Privacy Framework (dpf) was a lawful basis for transfers only until 2026-06-30, before 2026-11-23, the date this entry is judged on: Annulled (test edition of the law). Write { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });
});

describe('the words users read', () => {
  const everyFixture = readdirSync(join(FIXTURES, 'entries'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -'.md'.length));
  const texts = validateFixtures(everyFixture).findings.flatMap((finding) => [finding.message, finding.hint]);

  it.each(['undefined', 'Invalid input', 'unverified', 'from memory', 'verify'])(
    'no finding on any fixture says "%s"',
    (phrase) => {
      expect(texts.length).toBeGreaterThan(100);
      expect(texts.filter((text) => text.toLowerCase().includes(phrase.toLowerCase()))).toEqual([]);
    },
  );

  it.each(['unverified', 'from memory', 'verify', 'reportedly'])('the law file never says "%s"', (phrase) => {
    expect(JSON.stringify(lawData).toLowerCase()).not.toContain(phrase);
  });
});

describe('every fact has a primary source', () => {
  /** EUR-Lex, the Court of Justice, the EDPB, the ICO and UK legislation, the Swiss federal authorities. */
  const PRIMARY_HOSTS = [
    'eur-lex.europa.eu',
    'curia.europa.eu',
    'www.edpb.europa.eu',
    'ico.org.uk',
    'www.legislation.gov.uk',
    'www.fedlex.admin.ch',
  ];
  const sources = JSON.stringify(lawData).match(/"(?:source|riskSource)":"[^"]*"/g) ?? [];

  it.each(sources.map((source) => JSON.parse(`{${source}}`) as Record<string, string>))('%o is primary', (source) => {
    const url = new URL(Object.values(source)[0]!);
    expect(PRIMARY_HOSTS).toContain(url.host);
  });
});
