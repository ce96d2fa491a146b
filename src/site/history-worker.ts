/**
 * Worker thread of the site build (started by `preloadHistory`, see history-preload.ts): reads the
 * register's committed history, checks the files as they are now with it, and hashes every
 * version, off the main thread, while Astro starts and Vite bundles. Posts `{ history }` as soon
 * as the history is read, then `{ content }` (the content loader's read and check: `undefined`
 * when the files differ from HEAD, and the loader then checks them itself), then `{ versions }`;
 * `{ failed }` instead when anything goes wrong, and the build then does it all itself, reporting
 * the error where it always did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readHistoryFiles } from '../io/history-files.ts';

const { root } = workerData as { root: string };
try {
  // git first: it reads while the parser, the schema and the law load.
  const files = readHistoryFiles(root);
  files.catch(() => {}); // a failure is reported below, when awaited
  const [{ historyOf, differsFromHead, sha256Parts }, { buildVersions }, { readContentFiles }, validate, today] =
    await Promise.all([
      import('../io/history.ts'),
      import('../core/versions/versions.ts'),
      import('../io/content-files.ts'),
      import('../core/validate.ts'),
      import('../io/today.ts'),
    ]);
  const content = readContentFiles(root);
  content.catch(() => {});
  const history = historyOf(await files);
  parentPort!.postMessage({ history });
  const { sources, findings } = await content;
  if (history.revisions.length > 0 && !(await differsFromHead(root, sources))) {
    const { entryPublications } = await import('../core/changes/history.ts');
    const publications = entryPublications(history.revisions);
    const day = today.registerToday();
    const validated = validate.validateRegister(sources, { today: day, publications });
    parentPort!.postMessage({ content: { today: day, readFindings: findings, validated, publications } });
  } else parentPort!.postMessage({ content: null });
  parentPort!.postMessage({ versions: buildVersions(history.revisions, sha256Parts) });
} catch (error) {
  parentPort!.postMessage({ failed: (error as Error).message });
}
