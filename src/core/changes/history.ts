/**
 * The register's history as a list of revisions, each with the change set it made. Pure: the
 * caller reads the commits and file texts from git (`src/io/history.ts`) and passes them in.
 * Only the files a commit touched are parsed again, so a long history costs what changed, not
 * the size of the register times the number of commits.
 */
import { diffEntries, type Change, type EntryVersion } from './diff.ts';
import { isEntryPath, readEntryVersion, readRegisterSettings, REGISTER_PATH, type Snapshot } from './snapshot.ts';
import { noticeDates, publishedDay } from '../notices/notice-model.ts';
import { readRegister } from '../register.ts';
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
  /** Committer date, ISO 8601, as git records it (with the committer's offset). */
  date: string;
  /** The UTC day this revision reached the default branch: the day its changes were published. */
  published: string;
  subject: string;
  /** For the adoption revision: only the upcoming entries it announced (see `Adoption`). */
  changes: Change[];
  /** Files of this revision that could not be compared fully (old formats, broken YAML). */
  problems: string[];
  /** The oldest commit of a shallow clone: its files are a starting point, not changes. */
  baseline?: boolean;
  /** Set on the revision that is the register's starting point. */
  adoption?: Adoption;
}

/**
 * The register as it was adopted: its first version, or, for a repository with an earlier
 * history, the last version published on or before register.yaml's `adopted` day. Its entries are
 * the starting point, not additions customers are told of; only those that start after that day
 * are announced (as additions, with their notice), since customers can still object to them.
 */
export interface Adoption {
  /** The adoption day: register.yaml's `adopted`, else the day the first version was published. */
  day: string;
  /** Every entry listed at adoption. */
  ids: string[];
  /** Their data, as adopted: the state later versions of the register start from. */
  entries: { id: string; data: Record<string, unknown> }[];
  /** How many of them were processing data on the adoption day. */
  inUse: number;
}

/** The calendar day (UTC) of an ISO 8601 timestamp. */
export const dayOf = publishedDay;

export function buildHistory(commits: readonly CommitFiles[]): Revision[] {
  let register: Snapshot['register'] = readRegisterSettings(undefined).register;
  const entries = new Map<string, EntryVersion>();
  const revisions: Revision[] = [];
  const adopted = adoptionDay(commits);
  // Until the adoption revision is reached, changes build the starting point instead of being changes.
  // The oldest commit of a shallow clone is the starting point of what is known, the same way.
  let adopting = true;

  for (const [index, commit] of commits.entries()) {
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
    const published = publishedDay(commit.date);
    const revision: Revision = {
      commit: commit.sha,
      date: commit.date,
      published,
      subject: commit.subject,
      changes: [],
      problems,
      ...(commit.baseline ? { baseline: true } : {}),
    };
    if (adopting) {
      const next = commits[index + 1];
      const isAdoption =
        adopted === undefined || next === undefined || publishedDay(next.date) > adopted || next.baseline === true;
      if (isAdoption) {
        adopting = false;
        Object.assign(revision, adoptionOf(entries, register, adopted ?? published));
      }
    } else {
      revision.changes = diffEntries(before, after, { register, published });
    }
    revisions.push(revision);
  }
  return revisions;
}

/** register.yaml's `adopted` day as last written in the history (it is a setting, not a change). */
function adoptionDay(commits: readonly CommitFiles[]): string | undefined {
  for (let index = commits.length - 1; index >= 0; index--) {
    const file = commits[index]!.files.find((candidate) => candidate.path === REGISTER_PATH);
    if (file === undefined) continue;
    return file.text === undefined ? undefined : readRegister(file.text)?.adopted;
  }
  return undefined;
}

function adoptionOf(
  entries: ReadonlyMap<string, EntryVersion>,
  register: Snapshot['register'],
  day: string,
): Pick<Revision, 'adoption' | 'changes'> {
  const listed = [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const starting = (entry: EntryVersion) => typeof entry.data.since === 'string' && entry.data.since > day;
  const ended = (entry: EntryVersion) => typeof entry.data.until === 'string' && entry.data.until < day;
  const announced = listed.filter(starting);
  return {
    adoption: {
      day,
      ids: listed.map((entry) => entry.id),
      entries: listed.map((entry) => ({ id: entry.id, data: entry.data })),
      inUse: listed.filter((e) => !starting(e) && !ended(e)).length,
    },
    changes: announced.map((entry) => ({
      kind: 'added',
      id: entry.id,
      name: typeof entry.data.name === 'string' ? entry.data.name : entry.id,
      material: true,
      fields: [],
      entry: entry.data,
      notice: noticeDates({ kind: 'added', entry: entry.data, published: day, register }),
    })),
  };
}

/**
 * How each entry, as it stands at the end of `revisions`, came to be: part of the adopted starting
 * point, or added (and its latest material update) by a change with its dates. The check judges
 * an entry's notice from this; an entry missing from the map is not published yet.
 */
export interface EntryPublication {
  /** Listed when the register was adopted and not starting after that: no notice is judged. */
  baseline?: boolean;
  /** The change that added it (an upcoming entry at adoption counts as added then). */
  addition?: Change;
  /** Its latest material update after it was added. */
  update?: Change;
}

export function entryPublications(revisions: readonly Revision[]): Map<string, EntryPublication> {
  const publications = new Map<string, EntryPublication>();
  for (const revision of revisions) {
    if (revision.adoption !== undefined) {
      publications.clear();
      for (const id of revision.adoption.ids) publications.set(id, { baseline: true });
      for (const change of revision.changes) publications.set(change.id, { addition: change });
      continue;
    }
    for (const change of revision.changes) {
      if (change.kind === 'added') publications.set(change.id, { addition: change });
      else if (change.kind === 'removed' && change.fields.length === 0) publications.delete(change.id);
      else {
        const known = publications.get(change.previousId ?? change.id) ?? {};
        if (change.previousId !== undefined) publications.delete(change.previousId);
        publications.set(
          change.id,
          change.material && change.kind === 'updated' ? { ...known, update: change } : known,
        );
      }
    }
  }
  return publications;
}
