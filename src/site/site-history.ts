/**
 * The register's history for the site build, read once per build. A build without history (a
 * tarball, a folder that is not a git repository) still builds: the change log then says why it
 * is empty; a shallow clone says that older changes are missing.
 */
import { UserError } from '../core/errors.ts';
import { readHistory } from '../io/history.ts';
import type { Revision } from '../core/changes/history.ts';

export interface SiteHistory {
  /** Newest first. */
  revisions: Revision[];
  /** Why the history is empty or partial, for the reader; `undefined` when it is complete. */
  note?: string;
}

/**
 * Kept on globalThis, not in this module: the content loader starts reading the history while
 * Vite bundles the pages (it is a git subprocess and a parse), and the pages, bundled into their
 * own copy of this module, pick up the same promise in the same process.
 */
const cache = globalThis as { [HISTORY]?: Promise<SiteHistory> };
declare const HISTORY_KEY: unique symbol;
const HISTORY = Symbol.for('subprocessor-register.site-history') as typeof HISTORY_KEY;

export function loadSiteHistory(root: string): Promise<SiteHistory> {
  cache[HISTORY] ??= (async () => {
    try {
      const history = await readHistory(root);
      const revisions = [...history.revisions].reverse();
      if (history.complete) return { revisions };
      const first = history.revisions[0];
      return {
        revisions,
        note: `This site was built from a shallow copy of the register's history: changes before ${first ? first.date.slice(0, 10) : 'the latest commit'} are not shown.`,
      };
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
