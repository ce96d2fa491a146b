/**
 * The register's history as a list of revisions, each with the change set it made. Pure: the
 * caller reads the commits and file texts from git (`src/io/history.ts`) and passes them in.
 * Only the files a commit touched are parsed again, so a long history costs what changed, not
 * the size of the register times the number of commits.
 */
import { diffEntries, type Change, type EntryVersion } from './diff.ts';
import { isEntryPath, readEntryVersion, readRegisterSettings, REGISTER_PATH, type Snapshot } from './snapshot.ts';
import { entryId } from '../validate.ts';

export interface CommitFiles {
  sha: string;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
  /**
   * The files the commit changed under content/, with their new text (`undefined`: deleted). A
   * symbolic link has no text: it is not the file it points to, and counts as absent.
   */
  files: { path: string; text: string | undefined; symlink?: true }[];
  /** The oldest commit of a shallow clone: its files are the starting point, not changes. */
  baseline?: boolean;
}

export interface Revision {
  commit: string;
  date: string;
  subject: string;
  changes: Change[];
  /** Files of this revision that could not be compared fully (old formats, broken YAML). */
  problems: string[];
  baseline?: boolean;
}

/** The calendar day (UTC) of an ISO 8601 timestamp. */
export const dayOf = (timestamp: string) => new Date(timestamp).toISOString().slice(0, 10);

export function buildHistory(commits: readonly CommitFiles[]): Revision[] {
  let register: Snapshot['register'] = readRegisterSettings(undefined).register;
  const entries = new Map<string, EntryVersion>();
  const revisions: Revision[] = [];

  for (const commit of commits) {
    const problems: string[] = [];
    for (const file of commit.files)
      if (file.symlink) problems.push(`${file.path} is a symbolic link; it is not read and counts as absent`);
    const registerFile = commit.files.find((file) => file.path === REGISTER_PATH);
    if (registerFile !== undefined) {
      const read = readRegisterSettings(registerFile.text);
      register = read.register;
      if (read.problem !== undefined) problems.push(read.problem);
    }
    const touched = commit.files.filter((file) => isEntryPath(file.path));
    const before = new Map<string, EntryVersion>();
    const after = new Map<string, EntryVersion>();
    for (const file of touched) {
      const id = entryId(file.path);
      const previous = entries.get(id);
      if (previous !== undefined && !before.has(id)) before.set(id, previous);
    }
    for (const file of touched) {
      const id = entryId(file.path);
      if (file.text === undefined) {
        entries.delete(id);
        continue;
      }
      const read = readEntryVersion(file.path, file.text, register);
      if (read.problem !== undefined) problems.push(read.problem);
      if (read.version === undefined) entries.delete(id);
      else entries.set(id, read.version);
    }
    for (const file of touched) {
      const current = entries.get(entryId(file.path));
      if (current !== undefined) after.set(current.id, current);
    }
    const changes = commit.baseline ? [] : diffEntries(before, after, { register, published: dayOf(commit.date) });
    revisions.push({
      commit: commit.sha,
      date: commit.date,
      subject: commit.subject,
      changes,
      problems,
      ...(commit.baseline ? { baseline: true } : {}),
    });
  }
  return revisions;
}
