/**
 * The change log as pages show it: upcoming changes first (a new sub-processor whose start is after
 * the build date), then every revision, newest first, each change described in plain words.
 */
import type { Change } from '../core/changes/diff.ts';
import type { Adoption, Revision } from '../core/changes/history.ts';
import { formatDate } from '../core/dates.ts';
import { noticeDates, type DatedFields, type NoticeDates, type NoticeSettings } from '../core/notices/notice-model.ts';
import { describeChange, type ChangeDescription, type DescribeContext } from '../core/render/describe.ts';

export interface LoggedChange extends ChangeDescription {
  commit: string;
  /** The day the change was published, `YYYY-MM-DD`. */
  date: string;
  /** Whether the entry still has a page on the site to link to. */
  linked: boolean;
}

export interface LoggedRevision {
  commit: string;
  /** The UTC day it was published. */
  date: string;
  changes: LoggedChange[];
  /** On the register's starting point: "Register first published on 23 November 2026 with 14 sub-processors." */
  adoption?: string;
}

export interface ChangeLog {
  upcoming: LoggedChange[];
  revisions: LoggedRevision[];
  /** The sentence the change log begins with, when the history reaches the register's starting point. */
  adoption?: string;
  /** The register's starting point: its day and the entries it listed (their history begins there). */
  adopted?: { date: string; ids: ReadonlySet<string> };
}

/** "Register first published on 23 November 2026 with 14 sub-processors." */
export const adoptionSentence = ({ day, inUse }: Adoption): string =>
  `Register first published on ${formatDate(day)} with ${inUse} ${inUse === 1 ? 'sub-processor' : 'sub-processors'}.`;

/** `revisions` newest first; `pages` the ids that have an entry page. */
export function buildChangeLog(
  revisions: readonly Revision[],
  today: string,
  pages: ReadonlySet<string>,
  context: DescribeContext,
): ChangeLog {
  const logged = revisions
    .filter((revision) => revision.changes.length > 0 || revision.adoption !== undefined)
    .map(
      (revision): LoggedRevision => ({
        commit: revision.commit,
        date: revision.published,
        changes: revision.changes.map((change) => ({
          ...describeChange(change, context),
          commit: revision.commit,
          date: revision.published,
          linked: pages.has(change.id),
        })),
        ...(revision.adoption !== undefined && !revision.baseline
          ? { adoption: adoptionSentence(revision.adoption) }
          : {}),
      }),
    );
  const upcoming = logged
    .flatMap((revision) => revision.changes)
    .filter((change) => change.notice !== undefined && change.notice.effective > today)
    .sort((a, b) =>
      a.notice!.effective < b.notice!.effective ? -1 : a.notice!.effective > b.notice!.effective ? 1 : 0,
    );
  const adoption = logged.find((revision) => revision.adoption !== undefined)?.adoption;
  const start = revisions.find((revision) => revision.adoption !== undefined);
  return {
    upcoming,
    revisions: logged,
    ...(adoption !== undefined ? { adoption } : {}),
    ...(start?.adoption !== undefined
      ? { adopted: { date: start.adoption.day, ids: new Set(start.adoption.ids) } }
      : {}),
  };
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

/** A change customers can still object to: it takes effect after the build day. */
export interface PendingChange {
  /** A new sub-processor, or a material update of one (a replacement included). */
  kind: 'added' | 'updated';
  /** The day it takes effect. */
  effective: string;
  /** The last day customers may object. */
  deadline: string;
}

/** An entry's changes, newest first, as the change log or the entry's publications give them. */
type EntryChanges = readonly { change: Pick<Change, 'kind' | 'material'>; notice?: NoticeDates | undefined }[];

/**
 * An entry's pending change (its latest material change, when it takes effect after `today`), from
 * its own change in the history, so every page, the notice and the forms' server show the same
 * days. A site built without history knows no published day: the entry counts as published on the
 * build day, the latest it can have been.
 */
export function pendingChange(
  entry: { data: DatedFields; changes: EntryChanges | undefined },
  settings: NoticeSettings,
  today: string,
): PendingChange | undefined {
  const latest =
    entry.changes === undefined
      ? {
          kind: 'added' as const,
          notice: noticeDates({ kind: 'added', entry: entry.data, published: today, register: settings }),
        }
      : entry.changes
          .filter((item) => item.change.material && item.notice !== undefined)
          .map((item) => ({ kind: item.change.kind, notice: item.notice! }))[0];
  if (latest === undefined || latest.kind === 'removed') return undefined;
  const { effective, objectionDeadline } = latest.notice;
  if (effective <= today || objectionDeadline === undefined) return undefined;
  return { kind: latest.kind, effective, deadline: objectionDeadline };
}

/** The objection deadline of an entry's pending change (see `pendingChange`). */
export const pendingDeadline = (...args: Parameters<typeof pendingChange>): string | undefined =>
  pendingChange(...args)?.deadline;

/** The entries whose pending change customers can object to today, soonest change first. */
export function openObjections<E extends { id: string; data: DatedFields }>(
  entries: readonly E[],
  byEntry: ReadonlyMap<string, EntryChanges>,
  settings: NoticeSettings,
  today: string,
): { entry: E; change: PendingChange }[] {
  return entries
    .flatMap((entry) => {
      const change = pendingChange({ data: entry.data, changes: byEntry.get(entry.id) }, settings, today);
      return change !== undefined && change.deadline >= today ? [{ entry, change }] : [];
    })
    .sort((a, b) => (a.change.effective < b.change.effective ? -1 : a.change.effective > b.change.effective ? 1 : 0));
}
