/**
 * Reading the register's history (a git log, then parsing every version of every entry) and
 * hashing every version of the register are the two largest costs of a site build with a long
 * history, and neither needs Astro. `astro build` starts them on a worker thread from its first
 * hook (astro.config.mjs), so they run while Astro starts up and Vite bundles, instead of on the
 * main thread in between. The content loader (site-history.ts) and the versions pages
 * (versions-data.ts) take the results from here, through globalThis: each of those runs in its
 * own copy of this module. Without a preload (`astro dev`, tests calling them directly), or when
 * the worker fails, they compute the same themselves.
 */
import { resolve as absolutePath } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EntryPublication } from '../core/changes/history.ts';
import type { Finding } from '../core/findings.ts';
import type { ValidatedRegister } from '../core/validate.ts';
import type { Version } from '../core/versions/versions.ts';
import type { History } from '../io/history.ts';

/** What the content loader computes from content/ (src/content.config.ts), computed by the worker. */
export interface PreloadedContent {
  today: string;
  /** Problems found reading the files (`readContentFiles`). */
  readFindings: Finding[];
  validated: ValidatedRegister;
  publications: Map<string, EntryPublication>;
}

interface Preload {
  root: string;
  /** The committed history, oldest first, as `readHistory(root)` gives it; `undefined` when the worker failed. */
  history: Promise<History | undefined>;
  /** The files as they are now, read and checked with that history; `undefined` when they differ from HEAD or the worker failed. */
  content: Promise<PreloadedContent | undefined>;
  /** `buildVersions` of that history; `undefined` when the worker failed. */
  versions: Promise<Version[] | undefined>;
}

const cache = globalThis as { [PRELOAD]?: Preload };
declare const PRELOAD_KEY: unique symbol;
const PRELOAD = Symbol.for('subprocessor-register.history-preload') as typeof PRELOAD_KEY;

/** Start reading the history of the repository at `root` on a worker thread (once per process). */
export function preloadHistory(root: string): void {
  if (cache[PRELOAD] !== undefined) return;
  const worker = new Worker(new URL('./history-worker.ts', import.meta.url), { workerData: { root } });
  // The build may end (or fail) first: the worker must not keep the process alive.
  worker.unref();
  let history!: (value: History | undefined) => void;
  let content!: (value: PreloadedContent | undefined) => void;
  let versions!: (value: Version[] | undefined) => void;
  cache[PRELOAD] = {
    root: absolutePath(root),
    history: new Promise((resolve) => (history = resolve)),
    content: new Promise((resolve) => (content = resolve)),
    versions: new Promise((resolve) => (versions = resolve)),
  };
  const fail = () => {
    history(undefined);
    content(undefined);
    versions(undefined);
  };
  worker.on(
    'message',
    (message: { history?: History; content?: PreloadedContent | null; versions?: Version[]; failed?: string }) => {
      if (message.history !== undefined) history(message.history);
      else if (message.content !== undefined) content(message.content ?? undefined);
      else if (message.versions !== undefined) versions(message.versions);
      else fail();
    },
  );
  worker.on('error', fail);
  worker.on('exit', fail);
}

const preloadOf = (root: string) => (cache[PRELOAD]?.root === absolutePath(root) ? cache[PRELOAD] : undefined);

/** The committed history of `root`, if `preloadHistory` started reading it in this process and succeeded. */
export const preloadedHistory = (root: string): Promise<History | undefined> =>
  preloadOf(root)?.history ?? Promise.resolve(undefined);

/** The files of `root` as they are now, read and checked, if the worker could (see `Preload.content`). */
export const preloadedContent = (root: string): Promise<PreloadedContent | undefined> =>
  preloadOf(root)?.content ?? Promise.resolve(undefined);

/** The versions of `root`, if `preloadHistory` started reading it in this process and succeeded. */
export const preloadedVersions = (root: string): Promise<Version[] | undefined> =>
  preloadOf(root)?.versions ?? Promise.resolve(undefined);
