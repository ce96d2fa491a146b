/**
 * The record of notices, kept in git on a branch of its own (`notices` by default): one JSON file
 * per notice, one commit per record, written with plumbing so no checkout is touched. Reviewable
 * on GitHub like any branch, durable, and the watermark — the newest record's `to` — travels with
 * the repository. The notify workflow pushes the branch after each run.
 */
import { type NoticeRecord, parseNoticeRecord, recordFileName } from '../core/notices/record.ts';
import { RecordConflict, type RecordState } from '../core/notices/run.ts';
import { UserError } from '../core/errors.ts';
import { git, readBlobs } from './git.ts';

export const DEFAULT_NOTICES_REF = 'refs/heads/notices';

/** Who records notices when git has no identity configured (as on a CI runner). */
const identity = {
  GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'Subprocessor register',
  GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? 'register@localhost',
  GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'Subprocessor register',
  GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'register@localhost',
};

async function tip(root: string, ref: string): Promise<string | undefined> {
  try {
    return (
      (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).toString('utf8').trim() || undefined
    );
  } catch {
    return undefined;
  }
}

async function listing(root: string, commit: string): Promise<{ mode: string; blob: string; name: string }[]> {
  const out = (await git(root, ['ls-tree', '-z', commit])).toString('utf8');
  return out
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta, name] = line.split('\t') as [string, string];
      const [mode, , blob] = meta.split(' ') as [string, string, string];
      return { mode, blob, name };
    });
}

/** Every record, oldest first. No branch yet means no notice was ever recorded. */
export async function readRecords(root: string, ref = DEFAULT_NOTICES_REF): Promise<NoticeRecord[]> {
  return (await readRecordState(root, ref)).records;
}

/** Every record, oldest first, and the branch's commit they were read at (to append on it). */
export async function readRecordState(root: string, ref = DEFAULT_NOTICES_REF): Promise<RecordState> {
  const commit = await tip(root, ref);
  if (commit === undefined) return { records: [], version: undefined };
  const files = (await listing(root, commit)).filter((file) => file.name.endsWith('.json'));
  const blobs = await readBlobs(
    root,
    files.map((file) => file.blob),
  );
  // ls-tree lists names in order, and names start with the sequence number.
  const records = files.map((file) => parseNoticeRecord(file.name, blobs.get(file.blob) ?? ''));
  return { records, version: commit };
}

/**
 * Add a record as a new commit on the branch. The ref moves only from `expected` (the commit the
 * records were read at; by default whatever the branch holds now), so a run that read an older
 * record loses with RecordConflict instead of overwriting another run's record: this is the lock.
 */
export async function appendRecord(
  root: string,
  record: NoticeRecord,
  ref = DEFAULT_NOTICES_REF,
  expected?: string | null,
): Promise<string> {
  const parent = expected === undefined ? await tip(root, ref) : (expected ?? undefined);
  const blob = (await git(root, ['hash-object', '-w', '--stdin'], `${JSON.stringify(record, null, 2)}\n`))
    .toString('utf8')
    .trim();
  const entries = parent === undefined ? [] : await listing(root, parent);
  const name = recordFileName(record, entries.length + 1);
  const tree = (
    await git(
      root,
      ['mktree', '-z'],
      [...entries.map((entry) => `${entry.mode} blob ${entry.blob}\t${entry.name}`), `100644 blob ${blob}\t${name}`]
        .map((line) => `${line}\0`)
        .join(''),
    )
  )
    .toString('utf8')
    .trim();
  const message =
    record.kind === 'baseline'
      ? `Start notices after ${record.to.slice(0, 12)}`
      : record.kind === 'claim'
        ? `Claim ${record.key}`
        : `Record ${record.key}: ${record.recipients} recipients`;
  const commit = (
    await git(root, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], undefined, identity)
  )
    .toString('utf8')
    .trim();
  try {
    await git(root, ['update-ref', ref, commit, parent ?? '0'.repeat(40)]);
  } catch (error) {
    if ((await tip(root, ref)) !== parent)
      throw new RecordConflict(`${ref} moved while this run was writing its record: another run recorded first.`);
    throw new UserError(
      record.kind === 'notice'
        ? `The notice was sent but could not be recorded on ${ref}: ${(error as Error).message}. Run npm run notify again: it finds the notice at the provider and records it without sending it twice.`
        : `Nothing was sent: the record on ${ref} could not be written: ${(error as Error).message}. Fix the repository (a stale ${ref}.lock file?) and run npm run notify again.`,
    );
  }
  return commit;
}
