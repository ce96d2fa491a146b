/**
 * `astro build` reads the history and hashes the versions on a worker thread (history-preload.ts):
 * what the worker hands over is what the build would have computed itself, for that repository
 * only (history-preload-failure.test.ts: a worker that cannot read one hands over nothing).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPublications } from '../../src/core/changes/history.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { buildVersions } from '../../src/core/versions/versions.ts';
import { readContentFiles } from '../../src/io/content-files.ts';
import { readHistory, sha256Parts } from '../../src/io/history.ts';
import { registerToday } from '../../src/io/today.ts';
import {
  preloadedContent,
  preloadedHistory,
  preloadedVersions,
  preloadHistory,
} from '../../src/site/history-preload.ts';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';

describe('the preloaded history', () => {
  it('is the history and the versions of the repository it was started for, and of no other', async () => {
    using repo = makeRepo();
    repo.commit('Start the register', '2026-01-05', {
      'content/register.yaml': fixtureText('register.yaml'),
      'content/subprocessors/acme.md': fixtureText('entries/valid-eea-only.md'),
    });
    repo.commit('Add Beta Cloud', '2026-02-10', {
      'content/subprocessors/beta.md': fixtureText('entries/valid-eea-only.md').replace(
        /Example Processor/g,
        'Beta Cloud',
      ),
    });
    preloadHistory(repo.root);
    const history = await readHistory(repo.root);
    expect(await preloadedHistory(repo.root)).toEqual(history);
    expect(await preloadedVersions(`${repo.root}/`)).toEqual(buildVersions(history.revisions, sha256Parts));
    expect(await preloadedHistory(join(repo.root, 'elsewhere'))).toBeUndefined();
    // The files match HEAD: the worker also read and checked them, as the content loader would.
    const { sources, findings } = await readContentFiles(repo.root);
    const publications = entryPublications(history.revisions);
    const today = registerToday();
    expect(await preloadedContent(repo.root)).toEqual({
      today,
      readFindings: findings,
      validated: validateRegister(sources, { today, publications }),
      publications,
    });
  });
});
