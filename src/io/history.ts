/** Reads the register's history from git and hands it to the pure `buildHistory`. */
import { createHash } from 'node:crypto';
import {
  buildHistory,
  dayOf,
  entryPublications,
  type EntryPublication,
  type Revision,
} from '../core/changes/history.ts';
import type { VersionId } from '../core/versions/version-json.ts';
import type { RegisterSources } from '../core/validate.ts';
import { EXIT_USAGE, UserError } from '../core/errors.ts';
import { commitDate, git, isShallow, readContentAt } from './git.ts';
import { readHistoryFiles, type HistoryFiles } from './history-files.ts';

export interface History {
  /** Oldest first. */
  revisions: Revision[];
  /** False in a shallow clone: changes before the first revision are not known. */
  complete: boolean;
  /** The last revision is the working tree's changes (see `readHistory`'s `pending`), not a commit. */
  pending?: true;
}

/**
 * The first-parent history of content/ up to `ref`. With `pending`, the files as they are now (the
 * working tree: a pull request's change not merged yet) come last, as published on `pending.today`.
 */
export async function readHistory(
  root: string,
  ref = 'HEAD',
  pending?: { sources: RegisterSources; today: string },
): Promise<History> {
  const files =
    pending === undefined || (await hasCommit(root, ref))
      ? await readHistoryFiles(root, ref)
      : { commits: [], complete: !(await isShallow(root)) };
  const uncommitted =
    pending === undefined ? [] : await pendingCommit(root, files.commits.length > 0 ? ref : undefined, pending);
  return historyOf({ ...files, commits: [...files.commits, ...uncommitted] }, uncommitted.length > 0);
}

/** The history of the files `readHistoryFiles` read: every commit parsed and compared with the one before. */
export const historyOf = ({ commits, complete }: HistoryFiles, pending = false): History => ({
  revisions: buildHistory(commits),
  complete,
  ...(pending ? { pending: true as const } : {}),
});

const PENDING = 'working-tree';

/** Whether the files as they are now differ from content/ at HEAD: what `readHistory`'s `pending` would add. */
export async function differsFromHead(root: string, sources: RegisterSources): Promise<boolean> {
  return (await pendingCommit(root, 'HEAD', { sources, today: '' })).length > 0;
}

/** The files of content/ that differ from `ref`, as one commit published today (none when equal). */
async function pendingCommit(
  root: string,
  ref: string | undefined,
  { sources, today }: { sources: RegisterSources; today: string },
) {
  const committed = ref === undefined ? new Map<string, string>() : await readContentAt(root, ref);
  const now = new Map(
    [...(sources.register ? [sources.register] : []), ...sources.entries].map((file) => [file.path, file.text]),
  );
  const files = [
    ...[...now].filter(([path, text]) => committed.get(path) !== text).map(([path, text]) => ({ path, text })),
    ...[...committed.keys()]
      .filter((path) => !now.has(path) && path.endsWith('.md'))
      .map((path) => ({ path, text: undefined })),
  ];
  return files.length === 0 ? [] : [{ sha: PENDING, date: `${today}T12:00:00Z`, subject: 'not committed', files }];
}

const hasCommit = (root: string, ref: string) =>
  git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
    () => true,
    () => false,
  );

/**
 * How each entry of the files as they are now was published (see `entryPublications`), for the
 * check and the site: the committed history plus what is not committed yet, published today.
 * `undefined` outside a git repository, where nothing is known about publication.
 */
export async function readPublications(
  root: string,
  sources: RegisterSources,
  today: string,
): Promise<Map<string, EntryPublication> | undefined> {
  const history = await readHistoryWithWorkingTree(root, sources, today);
  return history === undefined ? undefined : entryPublications(history.revisions);
}

/**
 * The history up to HEAD followed by the working tree's changes, if any (`pending` says whether
 * there were); `undefined` outside a git repository. When `pending` is unset the revisions are
 * exactly `readHistory(root)`'s, which the site build then reuses instead of reading twice.
 */
export async function readHistoryWithWorkingTree(
  root: string,
  sources: RegisterSources,
  today: string,
): Promise<History | undefined> {
  try {
    await git(root, ['rev-parse', '--git-dir']);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  return readHistory(root, 'HEAD', { sources, today });
}

/** The register as published at the end of a day: the last commit of content/ on or before it. */
export interface RegisterAsOf {
  version: VersionId;
  files: Map<string, string>;
}

/**
 * The version of the register on `date` (`YYYY-MM-DD`, UTC): the last first-parent commit of
 * content/ made on or before that day, with its files. A UserError when the register did not exist yet.
 */
export async function registerAsOf(root: string, date: string, ref = 'HEAD'): Promise<RegisterAsOf> {
  const commit = (
    await git(root, ['rev-list', '-1', '--first-parent', `--before=${date} 23:59:59 +0000`, ref, '--', 'content/'])
  )
    .toString('utf8')
    .trim();
  if (commit === '')
    throw new UserError(
      `The register has no version on or before ${date}: its history in git starts later. Give a later --as-of date (git log --reverse -- content/ shows the first).`,
      { exitCode: EXIT_USAGE },
    );
  const [files, date_] = await Promise.all([readContentAt(root, commit), commitDate(root, commit)]);
  return { version: { id: dayOf(date_), commit }, files };
}

/** SHA-256 of a text, hex. */
export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** SHA-256 of the concatenation of the pieces (text as UTF-8, or bytes), hex, without building it. */
export function sha256Parts(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
