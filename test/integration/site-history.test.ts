/**
 * The site build reads the register's history once: the content loader's check needs it with the
 * working tree's changes, the change log and the versions without them. On a clean checkout the
 * two are one read; with uncommitted changes the pages still show only what was committed.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../src/io/content-files.ts';
import { readHistory } from '../../src/io/history.ts';
import { forgetSiteHistory, loadSiteHistory, sitePublications } from '../../src/site/site-history.ts';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo, type TestRepo } from '../support/git-repo.ts';

const TODAY = '2026-11-23';
const ACME = 'content/subprocessors/acme.md';
const BETA = 'content/subprocessors/beta.md';
const beta = fixtureText('entries/valid-eea-only.md').replace(/Example Processor/g, 'Beta Cloud');

let repo: TestRepo | undefined;
afterEach(() => {
  forgetSiteHistory();
  repo?.[Symbol.dispose]();
});

function startedRepo(): TestRepo {
  repo = makeRepo();
  repo.commit('Start the register', '2026-01-05', {
    'content/register.yaml': fixtureText('register.yaml'),
    [ACME]: fixtureText('entries/valid-eea-only.md'),
  });
  repo.commit('Add Beta Cloud', '2026-02-10', { [BETA]: beta });
  return repo;
}

const publicationsOf = async (root: string) => sitePublications(root, (await readContentFiles(root)).sources, TODAY);

describe('the site build’s history', () => {
  it('on a clean checkout is the history the check read, newest first', async () => {
    const { root } = startedRepo();
    const publications = await publicationsOf(root);
    expect([...(publications?.keys() ?? [])].sort()).toEqual(['acme', 'beta']);
    const committed = (await readHistory(root)).revisions;
    expect((await loadSiteHistory(root)).revisions).toEqual([...committed].reverse());
  });

  it('with uncommitted changes still shows only what was committed', async () => {
    const { root } = startedRepo();
    writeFileSync(join(root, 'content/subprocessors/gamma.md'), beta.replace(/Beta Cloud/g, 'Gamma Mail'));
    unlinkSync(join(root, BETA));
    const publications = await publicationsOf(root);
    // The check judges the files as they are: gamma published today, beta gone.
    expect([...(publications?.keys() ?? [])].sort()).toEqual(['acme', 'gamma']);
    expect(publications?.get('gamma')?.addition?.notice?.published).toBe(TODAY);
    const { revisions } = await loadSiteHistory(root);
    expect(revisions.map((revision) => revision.subject)).toEqual(['Add Beta Cloud', 'Start the register']);
  });
});
