/** A worker that cannot read a history (history-preload.ts) hands over nothing: the build reads it itself and says why. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { preloadedHistory, preloadedVersions, preloadHistory } from '../../src/site/history-preload.ts';

it('hands over nothing for a folder that is not a git repository', async () => {
  const root = mkdtempSync(join(tmpdir(), 'register-no-git-'));
  try {
    preloadHistory(root);
    expect(await preloadedHistory(root)).toBeUndefined();
    expect(await preloadedVersions(root)).toBeUndefined();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
