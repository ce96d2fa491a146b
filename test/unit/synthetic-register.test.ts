/**
 * The synthetic register used by `npm run bench`: deterministic, the size asked for, varied like a
 * real register, and valid — a benchmark of a register full of findings would measure the wrong path.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdownEntry } from '../../src/core/frontmatter.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { SYNTHETIC_TODAY, syntheticRegister } from '../support/synthetic-register.ts';
import { writeSyntheticHistory } from '../support/synthetic-history.ts';
import { readContentFiles } from '../../src/io/content-files.ts';
import { readPublications } from '../../src/io/history.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TODAY = '2026-11-23';

describe('syntheticRegister', () => {
  it('is deterministic: the same seed gives the same text', () => {
    expect(syntheticRegister(50, { seed: 7 })).toEqual(syntheticRegister(50, { seed: 7 }));
    expect(syntheticRegister(50)).toEqual(syntheticRegister(50, { seed: 1 }));
  });

  it('gives different entries for a different seed', () => {
    const texts = (seed: number) => syntheticRegister(20, { seed }).entries.map((entry) => entry.text);
    expect(texts(1)).not.toEqual(texts(2));
  });

  it('produces the requested number of entries, with ids vendor-00001 …', () => {
    expect(syntheticRegister(0).entries).toEqual([]);
    const { register, entries } = syntheticRegister(123);
    expect(register.path).toBe('content/register.yaml');
    expect(entries).toHaveLength(123);
    expect(entries[0]!.path).toBe('content/subprocessors/vendor-00001.md');
    expect(entries[122]!.path).toBe('content/subprocessors/vendor-00123.md');
    expect(new Set(entries.map((entry) => entry.path)).size).toBe(123);
  });

  it('is valid on the date it is made for, with no errors and no warnings', () => {
    expect(SYNTHETIC_TODAY).toBe(TODAY);
    const validated = validateRegister(syntheticRegister(200), { today: TODAY });
    expect(validated.findings).toEqual([]);
    expect(validated.entries).toHaveLength(200);
    expect(validated.register?.name).toBe('Parlons');
  });

  it('stays valid for other seeds and larger sizes', () => {
    for (const seed of [2, 3, 42]) {
      expect(validateRegister(syntheticRegister(1000, { seed }), { today: TODAY }).findings).toEqual([]);
    }
  });

  it('varies like a real register', () => {
    const entries = syntheticRegister(500).entries.map((entry) => {
      const parsed = parseMarkdownEntry(entry.text);
      if (!parsed.ok) throw new Error(`${entry.path}: ${parsed.message}`);
      return {
        data: parsed.data as Record<string, unknown> & {
          transfers?: { country: string; mechanism: string; fallback?: string }[];
        },
        body: parsed.body,
      };
    });
    const share = (test: (entry: (typeof entries)[number]) => boolean) => entries.filter(test).length / entries.length;
    const transfersTo = (country: string, mechanism: string) => (entry: (typeof entries)[number]) =>
      (entry.data.transfers ?? []).some((transfer) => transfer.country === country && transfer.mechanism === mechanism);

    expect(share((entry) => entry.data.transfers === undefined)).toBeGreaterThan(0.25); // EEA only
    expect(share(transfersTo('US', 'dpf'))).toBeGreaterThan(0.1);
    expect(
      share((entry) => (entry.data.transfers ?? []).some((t) => t.mechanism === 'dpf' && t.fallback !== 'scc')),
    ).toBe(0);
    for (const country of ['IN', 'AU']) expect(share(transfersTo(country, 'scc'))).toBeGreaterThan(0.02);
    for (const country of ['GB', 'CH', 'NZ']) expect(share(transfersTo(country, 'adequacy'))).toBeGreaterThan(0.02);
    expect(share((entry) => entry.data.services !== undefined)).toBeGreaterThan(0.2);
    expect(share((entry) => entry.body !== '')).toBeGreaterThan(0.3);
    expect(share((entry) => entry.data.until !== undefined)).toBeGreaterThan(0.05);
    expect(share((entry) => entry.data.noticeGiven !== undefined)).toBeGreaterThan(0.4);
    for (const { data } of entries) {
      expect(String(data.since) >= '2019-01-01' && String(data.since) <= '2025-12-31').toBe(true);
      if (data.until !== undefined) expect(String(data.until) < TODAY).toBe(true);
    }
  });
});

describe('writeSyntheticHistory', () => {
  it('writes a history whose head passes the check, notices counted from publication', async () => {
    const root = mkdtempSync(join(tmpdir(), 'synthetic-history-'));
    try {
      const history = await writeSyntheticHistory(root, { entries: 200, commits: 300 });
      expect(history.commits).toBe(300);
      const { sources } = await readContentFiles(root);
      const { findings } = validateRegister(sources, {
        today: SYNTHETIC_TODAY,
        publications: await readPublications(root, sources, SYNTHETIC_TODAY),
      });
      expect(findings).toEqual([]);
      expect(sources.entries.map((entry) => entry.text)).toEqual(
        syntheticRegister(200).entries.map((entry) => entry.text),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
