/**
 * Real temporary git repositories for history tests: a fixed identity, no signing, and pinned
 * author and committer dates so every sha and date is the same on every run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  root: string;
  git(...args: string[]): string;
  /**
   * Write (text) or delete (null) files, commit them on the current branch at `date`, return the sha.
   * `date` is a day (committed at noon UTC) or a full ISO 8601 timestamp with its offset.
   */
  commit(message: string, date: string, files: Record<string, string | null>): string;
  [Symbol.dispose](): void;
}

const identity = [
  '-c',
  'user.name=Legal Team',
  '-c',
  'user.email=legal@acme.example',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'init.defaultBranch=main',
];

export function makeRepo(root = mkdtempSync(join(tmpdir(), 'register-repo-'))): TestRepo {
  const git = (...args: string[]) =>
    execFileSync('git', [...identity, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...dates },
    }).trim();
  let dates: Record<string, string> = {};
  git('init', '-q');
  return {
    root,
    git,
    commit(message, date, files) {
      for (const [path, text] of Object.entries(files)) {
        if (text === null) git('rm', '-q', '--', path);
        else {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), text);
          git('add', '--', path);
        }
      }
      const timestamp = date.includes('T') ? date : `${date}T12:00:00Z`;
      dates = { GIT_AUTHOR_DATE: timestamp, GIT_COMMITTER_DATE: timestamp };
      git('commit', '-q', '--allow-empty', '-m', message);
      dates = {};
      return git('rev-parse', 'HEAD');
    },
    [Symbol.dispose]() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A shallow clone of `source` with the last `depth` commits, disposed with it. */
export function shallowClone(source: TestRepo, depth: number): TestRepo & { root: string } {
  const root = mkdtempSync(join(tmpdir(), 'register-shallow-'));
  rmSync(root, { recursive: true });
  execFileSync('git', ['clone', '-q', '--depth', String(depth), `file://${source.root}`, root]);
  const git = (...args: string[]) =>
    execFileSync('git', [...identity, ...args], { cwd: root, encoding: 'utf8' }).trim();
  return {
    root,
    git,
    commit() {
      throw new Error('commit in a shallow clone is not needed by the tests');
    },
    [Symbol.dispose]() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
