/**
 * The register's history for the site build, read once per build. A build without history (a
 * tarball, a folder that is not a git repository) still builds: the change log then says why it
 * is empty; a shallow clone says that older changes are missing.
 */
import { UserError } from '../core/errors.ts';
import type { RegisterSources } from '../core/validate.ts';
import { differsFromHead, readHistory, readHistoryWithWorkingTree, type History } from '../io/history.ts';
import { preloadedHistory } from './history-preload.ts';
import { entryPublications, type EntryPublication, type Revision } from '../core/changes/history.ts';

export interface SiteHistory {
  /** Newest first. */
  revisions: Revision[];
  /** Why the history is empty or partial, for the reader; `undefined` when it is complete. */
  note?: string;
}

/**
 * Kept on globalThis, not in this module: the content loader reads the history for the check
 * (`sitePublications`), before Vite bundles the pages, and the pages, bundled into their own copy
 * of this module, pick up the same promise in the same process.
 */
const cache = globalThis as { [HISTORY]?: Promise<SiteHistory> };
declare const HISTORY_KEY: unique symbol;
const HISTORY = Symbol.for('subprocessor-register.site-history') as typeof HISTORY_KEY;

export function loadSiteHistory(root: string): Promise<SiteHistory> {
  cache[HISTORY] ??= (async () => {
    try {
      return siteHistoryOf((await preloadedHistory(root)) ?? (await readHistory(root)));
    } catch (error) {
      // git could not read a history here (not a repository, no git): build without one.
      if (!(error instanceof UserError)) throw error;
      return {
        revisions: [],
        note: "This site was built without the register's git history, so its changes cannot be listed here.",
      };
    }
  })();
  return cache[HISTORY];
}

/**
 * What the content loader's check needs (`readPublications`), for the site build: the history
 * with the working tree's changes. Parsing every version of every entry is most of a history's
 * cost, so when nothing is uncommitted — a clean checkout, as the publish workflow builds — that
 * same read is the site's history (the one `astro build` preloads, if it did); otherwise the
 * committed history is read on its own, starting now (it overlaps with Vite bundling the pages).
 */
export async function sitePublications(
  root: string,
  sources: RegisterSources,
  today: string,
): Promise<Map<string, EntryPublication> | undefined> {
  const preloaded = await preloadedHistory(root);
  if (preloaded !== undefined && preloaded.revisions.length > 0 && !(await differsFromHead(root, sources))) {
    cache[HISTORY] ??= Promise.resolve(siteHistoryOf(preloaded));
    return entryPublications(preloaded.revisions);
  }
  const history = await readHistoryWithWorkingTree(root, sources, today);
  if (history !== undefined && history.pending === undefined && history.revisions.length > 0)
    cache[HISTORY] ??= Promise.resolve(siteHistoryOf(history));
  else loadSiteHistory(root).catch(() => {});
  return history === undefined ? undefined : entryPublications(history.revisions);
}

/** Forget the history read, so the next build step reads it again (tests build several repositories in one process). */
export function forgetSiteHistory(): void {
  delete cache[HISTORY];
}

function siteHistoryOf(history: History): SiteHistory {
  const revisions = [...history.revisions].reverse();
  if (history.complete) return { revisions };
  const first = history.revisions[0];
  return {
    revisions,
    note: `This site was built from a shallow copy of the register's history: changes before ${first ? first.date.slice(0, 10) : 'the latest commit'} are not shown.`,
  };
}
