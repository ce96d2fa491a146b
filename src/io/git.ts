/**
 * The register's history, read from git: file versions at a revision and the first-parent history
 * of content/. Every read is batched — one `git log` for the whole history, one `git cat-file
 * --batch` for every file version it needs — so a long history stays fast.
 */
import { spawn } from 'node:child_process';
import { EXIT_USAGE, UserError } from '../core/errors.ts';

const CONTENT = 'content/';

/** Run git in `root` and return its stdout; a failure becomes a UserError with git's own words. */
export function git(root: string, args: string[], input?: string, env?: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: root,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new UserError(`git could not be run: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new UserError(Buffer.concat(err).toString('utf8').trim() || `git ${args[0]} exited with ${code}`));
    });
    if (input !== undefined) {
      // git may exit before reading everything (a bad object); its own error is the one to report.
      child.stdin!.on('error', () => {});
      child.stdin!.end(input);
    }
  });
}

const text = async (root: string, args: string[]) => (await git(root, args)).toString('utf8');

export async function isShallow(root: string): Promise<boolean> {
  return (await text(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/** The full sha of a revision, or a UserError that says why it cannot be used. */
export async function resolveCommit(root: string, revision: string): Promise<string> {
  try {
    return (await text(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim();
  } catch {
    const shallow = await isShallow(root).catch(() => false);
    throw new UserError(
      `"${revision}" is not a commit in this repository${shallow ? ', which is a shallow clone: older commits were not fetched' : ''}. ` +
        (shallow
          ? 'Fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow) and try again.'
          : 'Check the branch name or sha (git log --oneline lists them).'),
      { exitCode: EXIT_USAGE },
    );
  }
}

export async function commitDate(root: string, commit: string): Promise<string> {
  return (await text(root, ['show', '-s', '--format=%cI', commit])).trim();
}

/** Read many blobs in one `git cat-file --batch`: specs are `<commit>:<path>` or blob shas. */
export async function readBlobs(root: string, specs: readonly string[]): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  if (specs.length === 0) return blobs;
  const output = await git(root, ['cat-file', '--batch'], `${specs.join('\n')}\n`);
  let offset = 0;
  for (const spec of specs) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    blobs.set(spec, output.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return blobs;
}

/** Every file under content/ at a commit, path → text. */
export async function readContentAt(root: string, commit: string): Promise<Map<string, string>> {
  const listing = await text(root, [
    'ls-tree',
    '-r',
    '-z',
    '--format=%(objectmode) %(objecttype) %(objectname)\t%(path)',
    commit,
    '--',
    CONTENT,
  ]);
  // A symbolic link is left out, as if absent: its blob is a path, and it is never followed.
  const files = listing
    .split('\0')
    .filter((line) => / blob /.test(line) && !line.startsWith(`${SYMLINK_MODE} `))
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      return { path, blob: meta.slice(meta.lastIndexOf(' ') + 1) };
    });
  const blobs = await readBlobs(
    root,
    files.map((file) => file.blob),
  );
  return new Map(files.map((file) => [file.path, blobs.get(file.blob) ?? '']));
}

export interface FileChange {
  /** A added, M modified, D deleted; renames are split into D of the old path and A of the new one. */
  status: 'A' | 'M' | 'D';
  path: string;
  /** The blob at this commit (absent for D). */
  blob?: string;
  /** A symbolic link at this commit (git mode 120000): its blob is the link's target, never an entry. */
  symlink?: true;
}

/** git's file mode of a symbolic link. */
const SYMLINK_MODE = '120000';

export interface Commit {
  sha: string;
  parent: string | undefined;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
  files: FileChange[];
}

/**
 * The first-parent history of content/ up to `ref`, oldest first, each commit with the files it
 * changed against its first parent (a merge counts as the one change it brought to the branch).
 */
export async function contentCommits(root: string, ref: string): Promise<Commit[]> {
  // One record per commit: a NUL-prefixed header `sha parent date subject`, then `--raw` lines
  // `:mode mode blob blob status\0path\0`. --no-renames keeps one path per line; rename
  // detection happens on parsed content (diff.ts), where it is about the sub-processor, not the file.
  const output = await text(root, [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--raw',
    '--no-renames',
    '--no-abbrev',
    '-z',
    '--reverse',
    '--format=%x00%H %P%x00%cI%x00%s',
    ref,
    '--',
    CONTENT,
  ]);
  const commits: Commit[] = [];
  const fields = output.split('\0');
  let current: Commit | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field === '' && /^[0-9a-f]{40} ?/.test(fields[index + 1] ?? '')) {
      const [sha, parent] = fields[index + 1]!.split(' ');
      current = {
        sha: sha!,
        parent: parent || undefined,
        date: fields[index + 2]!,
        subject: fields[index + 3] ?? '',
        files: [],
      };
      commits.push(current);
      index += 3;
      continue;
    }
    const raw = /^\n?:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) ([AMDT])/.exec(field);
    if (raw !== null && current !== undefined) {
      const path = fields[++index]!;
      const status = raw[3] === 'D' ? 'D' : raw[3] === 'A' ? 'A' : 'M';
      current.files.push(
        status === 'D'
          ? { status, path }
          : { status, path, blob: raw[2]!, ...(raw[1] === SYMLINK_MODE ? { symlink: true as const } : {}) },
      );
    }
  }
  return commits;
}

/**
 * Whether `commit` is on the first-parent line of the default branch (origin/HEAD, else
 * origin/main, else main): published. A pull request's head is not, so its changes are dated today.
 */
export async function onDefaultBranch(root: string, commit: string): Promise<boolean> {
  for (const ref of ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/heads/main']) {
    const tip = await text(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
    if (tip.trim() === '') continue;
    const line = await text(root, ['rev-list', '--first-parent', tip.trim()]);
    return line.split('\n').includes(commit);
  }
  return false;
}
