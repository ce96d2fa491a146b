/**
 * Worker thread of the site build (started by `preloadHistory`, see history-preload.ts): reads the
 * register's committed history and hashes every version, off the main thread, while Astro starts
 * and Vite bundles. Posts `{ history }` as soon as the history is read (the content loader's
 * check is waiting for it), then `{ versions }`; `{ failed }` instead when anything goes wrong,
 * and the build then reads the history itself, reporting the error where it always did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildVersions } from '../core/versions/versions.ts';
import { readHistory, sha256Parts } from '../io/history.ts';

const { root } = workerData as { root: string };
try {
  const history = await readHistory(root);
  parentPort!.postMessage({ history });
  parentPort!.postMessage({ versions: buildVersions(history.revisions, sha256Parts) });
} catch (error) {
  parentPort!.postMessage({ failed: (error as Error).message });
}
