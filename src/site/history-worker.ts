/**
 * Worker thread of the site build (started by `preloadHistory`, see history-preload.ts): reads the
 * register's committed history and hashes every version, off the main thread, while Astro starts
 * and Vite bundles. Posts `{ history }` as soon as the history is read (the content loader's
 * check is waiting for it), then `{ versions }`; `{ failed }` instead when anything goes wrong,
 * and the build then reads the history itself, reporting the error where it always did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readHistoryFiles } from '../io/history-files.ts';

const { root } = workerData as { root: string };
try {
  // git first: it reads while the parser, the schema and the law load.
  const files = readHistoryFiles(root);
  files.catch(() => {}); // a failure is reported below, when awaited
  const [{ historyOf, sha256Parts }, { buildVersions }] = await Promise.all([
    import('../io/history.ts'),
    import('../core/versions/versions.ts'),
  ]);
  const history = historyOf(await files);
  parentPort!.postMessage({ history });
  parentPort!.postMessage({ versions: buildVersions(history.revisions, sha256Parts) });
} catch (error) {
  parentPort!.postMessage({ failed: (error as Error).message });
}
