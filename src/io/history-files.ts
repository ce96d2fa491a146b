/**
 * The git half of reading the register's history: every first-parent commit of content/ up to a
 * ref, with the texts of the files it changed. Kept apart from `history.ts`, which parses them,
 * so that a caller can start git before loading the parser and the schema (the site build's
 * worker, src/site/history-worker.ts, does).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommitFiles } from '../core/changes/history.ts';
import { contentCommits, git, isShallow, readBlobs } from './git.ts';

export interface HistoryFiles {
  /** Oldest first. */
  commits: CommitFiles[];
  /** False in a shallow clone: changes before the first commit are not known. */
  complete: boolean;
}

export async function readHistoryFiles(root: string, ref = 'HEAD'): Promise<HistoryFiles> {
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
  return {
    commits: commits.map((commit) => ({
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
    complete: !shallow,
  };
}

async function gitDir(root: string): Promise<string> {
  return (await git(root, ['rev-parse', '--absolute-git-dir'])).toString('utf8').trim();
}
