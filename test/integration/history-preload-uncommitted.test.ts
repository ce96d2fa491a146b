/** With files that differ from HEAD, the build's worker (history-preload.ts) leaves the check of content/ to the content loader. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { preloadedContent, preloadedHistory, preloadHistory } from '../../src/site/history-preload.ts';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';

it('hands over the committed history but not a check of uncommitted files', async () => {
  using repo = makeRepo();
  repo.commit('Start the register', '2026-01-05', {
    'content/register.yaml': fixtureText('register.yaml'),
    'content/subprocessors/acme.md': fixtureText('entries/valid-eea-only.md'),
  });
  writeFileSync(
    join(repo.root, 'content/subprocessors/beta.md'),
    fixtureText('entries/valid-eea-only.md').replace(/Example Processor/g, 'Beta Cloud'),
  );
  preloadHistory(repo.root);
  expect((await preloadedHistory(repo.root))?.revisions.map((revision) => revision.subject)).toEqual([
    'Start the register',
  ]);
  expect(await preloadedContent(repo.root)).toBeUndefined();
});
