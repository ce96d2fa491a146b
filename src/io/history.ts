/** Reads the register's history from git and hands it to the pure `buildHistory`. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildHistory, dayOf, type Revision } from '../core/changes/history.ts';
import type { VersionId } from '../core/versions/version-json.ts';
import { EXIT_USAGE, UserError } from '../core/errors.ts';
import { commitDate, contentCommits, git, isShallow, readBlobs, readContentAt } from './git.ts';

export interface History {
  /** Oldest first. */
  revisions: Revision[];
  /** False in a shallow clone: changes before the first revision are not known. */
  complete: boolean;
}

export async function readHistory(root: string, ref = 'HEAD'): Promise<History> {
  const commits = await contentCommits(root, ref);
  const shallow = await isShallow(root);
  // In a shallow clone the oldest fetched commit looks like a root commit that added everything.
  const boundaries = shallow
    ? new Set((await readFile(join(await gitDir(root), 'shallow'), 'utf8').catch(() => '')).split('\n'))
    : new Set<string>();
  const blobs = await readBlobs(root, [
    ...new Set(
      commits.flatMap((commit) =>
        commit.files.flatMap((file) => (file.blob === undefined || file.symlink ? [] : [file.blob])),
      ),
    ),
  ]);
  const revisions = buildHistory(
    commits.map((commit) => ({
      sha: commit.sha,
      date: commit.date,
      subject: commit.subject,
      files: commit.files.map((file) =>
        file.symlink
          ? { path: file.path, text: undefined, symlink: true as const }
          : { path: file.path, text: file.blob === undefined ? undefined : blobs.get(file.blob) },
      ),
      baseline: commit.parent === undefined && boundaries.has(commit.sha),
    })),
  );
  return { revisions, complete: !shallow };
}

async function gitDir(root: string): Promise<string> {
  return (await git(root, ['rev-parse', '--absolute-git-dir'])).toString('utf8').trim();
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

/** SHA-256 of the concatenation of the pieces, hex, without building it. */
export function sha256Parts(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
