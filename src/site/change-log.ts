/**
 * The change log as pages show it: upcoming changes first (a new sub-processor whose start is after
 * the build date), then every revision, newest first, each change described in plain words.
 */
import type { Revision } from '../core/changes/history.ts';
import { describeChange, type ChangeDescription, type DescribeContext } from '../core/render/describe.ts';

export interface LoggedChange extends ChangeDescription {
  commit: string;
  /** The day the change was published, `YYYY-MM-DD`. */
  date: string;
  /** Whether the entry still has a page on the site to link to. */
  linked: boolean;
}

export interface ChangeLog {
  upcoming: LoggedChange[];
  revisions: { commit: string; date: string; changes: LoggedChange[] }[];
}

/** `revisions` newest first; `pages` the ids that have an entry page. */
export function buildChangeLog(
  revisions: readonly Revision[],
  today: string,
  pages: ReadonlySet<string>,
  context: DescribeContext,
): ChangeLog {
  const logged = revisions
    .filter((revision) => revision.changes.length > 0)
    .map((revision) => ({
      commit: revision.commit,
      date: revision.date.slice(0, 10),
      changes: revision.changes.map((change) => ({
        ...describeChange(change, context),
        commit: revision.commit,
        date: revision.date.slice(0, 10),
        linked: pages.has(change.id),
      })),
    }));
  const upcoming = logged
    .flatMap((revision) => revision.changes)
    .filter((change) => change.notice !== undefined && change.notice.effective > today)
    .sort((a, b) =>
      a.notice!.effective < b.notice!.effective ? -1 : a.notice!.effective > b.notice!.effective ? 1 : 0,
    );
  return { upcoming, revisions: logged };
}

/**
 * The changes of every entry, newest first, following renames back (an entry's history includes
 * what happened under its previous ids). One pass over the log, for all entry pages at once.
 */
export function changesByEntry(log: ChangeLog): Map<string, LoggedChange[]> {
  const byId = new Map<string, LoggedChange[]>();
  /** Each id, as far as the log has been read (newest first), is known today as… */
  const currentId = new Map<string, string>();
  for (const revision of log.revisions) {
    for (const change of revision.changes) {
      const id = currentId.get(change.change.id) ?? change.change.id;
      byId.set(id, [...(byId.get(id) ?? []), change]);
      if (change.change.previousId !== undefined) currentId.set(change.change.previousId, id);
    }
  }
  return byId;
}
