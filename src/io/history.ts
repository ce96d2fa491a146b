/** Reads the register's history from git and hands it to the pure `buildHistory`. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildHistory, type Revision } from '../core/changes/history.ts';
import { contentCommits, git, isShallow, readBlobs } from './git.ts';

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
