/**
 * Versions of the register and the annex command, on a real git repository with pinned dates:
 * one version per day the register changed, each hashed over its canonical JSON and rebuilt from
 * the deltas alone; `npm run annex -- --as-of` gives the list as it stood on that day, in Markdown,
 * HTML and a Word document read back by mammoth.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/core/changes/snapshot.ts';
import { versionJsonText } from '../../src/core/versions/version-json.ts';
import { applyOps, buildVersions, entriesOf, type EntryData } from '../../src/core/versions/versions.ts';
import { readContentAt } from '../../src/io/git.ts';
import { readHistory, sha256, sha256Parts } from '../../src/io/history.ts';
import { makeRepo, type TestRepo } from '../support/git-repo.ts';
import { fixtureText } from '../support/helpers.ts';
import { childEnv, runScript } from '../support/project.ts';

const ENTRIES = 'content/subprocessors';
const entry = (name: string, edit: (text: string) => string = (text) => text) =>
  edit(fixtureText(`entries/${name}.md`));
const beta = () => entry('valid-eea-only', (text) => text.replace(/Example Processor/g, 'Beta Cloud'));

let repo: TestRepo;
const commits: Record<string, string> = {};

beforeAll(() => {
  repo = makeRepo();
  commits.start = repo.commit('Start the register', '2026-01-05', {
    'content/register.yaml': fixtureText('register.yaml'),
    [`${ENTRIES}/acme.md`]: entry('valid-eea-only'),
  });
  // Two commits on one day make one version.
  repo.commit('Add Beta Cloud', '2026-02-10', { [`${ENTRIES}/beta.md`]: beta() });
  commits.feb = repo.commit('Beta Cloud: its contact person', '2026-02-10', {
    [`${ENTRIES}/beta.md`]: beta().replace(
      'contactPerson: { position: Privacy team }',
      'contactPerson: { name: Ana Lima, position: Data Protection Officer }',
    ),
  });
  repo.commit('Rename acme to example-processor', '2026-03-02', {
    [`${ENTRIES}/acme.md`]: null,
    [`${ENTRIES}/example-processor.md`]: entry('valid-eea-only'),
  });
  repo.commit('Beta Cloud leaves', '2026-04-20', { [`${ENTRIES}/beta.md`]: null });
});
afterAll(() => repo?.[Symbol.dispose]());

describe('versions', () => {
  it('are one per day the register changed, with the last commit of that day', async () => {
    const versions = buildVersions((await readHistory(repo.root)).revisions, sha256Parts);
    expect(versions.map((version) => [version.id, version.changes.length, version.entries])).toEqual([
      ['2026-01-05', 0, 1], // the register as first published: a starting point, not a change
      ['2026-02-10', 2, 2],
      ['2026-03-02', 1, 2],
      ['2026-04-20', 1, 1],
    ]);
    expect(versions[1]!.commit).toBe(commits.feb);
  });

  it('hash the canonical JSON of the register as git holds it at their commit', async () => {
    for (const version of buildVersions((await readHistory(repo.root)).revisions, sha256Parts)) {
      const snapshot = readSnapshot(await readContentAt(repo.root, version.commit));
      const text = versionJsonText(version, [...snapshot.entries.values()]);
      expect(version.sha256, version.id).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('rebuild from their deltas alone, renames and deletions included', async () => {
    const versions = buildVersions((await readHistory(repo.root)).revisions, sha256Parts);
    const state = new Map<string, EntryData>();
    const rebuilt = versions.map((version) => {
      applyOps(state, version.ops);
      return sha256(versionJsonText(version, entriesOf(state)));
    });
    expect(rebuilt).toEqual(versions.map((version) => version.sha256));
    expect([...state.keys()]).toEqual(['example-processor']);
  });
});

describe('npm run annex', () => {
  const annex = (...args: string[]) =>
    runScript('scripts/annex.ts', [...args, '--root', repo.root], { env: childEnv() });

  it('gives the list as it stood at the end of a past day, with that version and its hash', async () => {
    const result = await annex('--as-of', '2026-02-15');
    expect(result.status, result.stderr).toBe(0);
    const versions = buildVersions((await readHistory(repo.root)).revisions, sha256Parts);
    expect(result.stdout).toContain(`Version 2026-02-10 (commit ${commits.feb!.slice(0, 12)})`);
    expect(result.stdout).toContain(`SHA-256 of the register version: \`${versions[1]!.sha256}\``);
    expect([...result.stdout.matchAll(/^## \d+\. (.+)$/gm)].map((match) => match[1])).toEqual([
      'Beta Cloud',
      'Example Processor',
    ]);
    expect(result.stdout).toContain('- **Contact person:** Ana Lima, Data Protection Officer');
  });

  it('leaves out a sub-processor deleted before the date', async () => {
    const result = await annex('--as-of', '2026-05-01');
    expect([...result.stdout.matchAll(/^## \d+\. (.+)$/gm)].map((match) => match[1])).toEqual(['Example Processor']);
  });

  it('writes a Word document with the same sections, read back by mammoth', async () => {
    const out = join(repo.root, 'annex.docx');
    const result = await annex('--as-of', '2026-02-15', '--format', 'docx', '--out', out);
    expect(result.status, result.stderr).toBe(0);
    const { value: text } = await mammoth.extractRawText({ buffer: readFileSync(out) });
    expect(text).toContain('List of sub-processors');
    expect(text).toContain('1. Beta Cloud');
    expect(text).toContain('2. Example Processor');
    expect(text).toContain('Contact person: Ana Lima, Data Protection Officer');
    expect(text).toContain('Transfer basis: No transfer: the data stays in the European Economic Area.');
  });

  it('writes standalone print-ready HTML: A4, page numbers', async () => {
    const result = await annex('--as-of', '2026-02-15', '--format', 'html');
    expect(result.stdout).toMatch(/^<!doctype html>/);
    expect(result.stdout).toContain('@page { size: A4;');
    expect(result.stdout).toContain('counter(page) " of " counter(pages)');
    expect(result.stdout).toContain('<h2 id="annex-beta-heading">1. Beta Cloud</h2>');
  });

  it('says when the date is before the register existed, and when a DOCX has nowhere to go', async () => {
    const early = await annex('--as-of', '2025-12-31');
    expect(early.status).toBe(2);
    expect(early.stderr.trim()).toBe(
      'The register has no version on or before 2025-12-31: its history in git starts later. Give a later --as-of date (git log --reverse -- content/ shows the first).',
    );
    const docx = await annex('--format', 'docx');
    expect(docx.status).toBe(2);
    expect(docx.stderr).toContain('A Word document cannot be printed to the terminal: add --out annex.docx.');
  });
});
