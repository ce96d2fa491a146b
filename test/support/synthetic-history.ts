/**
 * A synthetic register with a git history, for benchmarks and tests of everything that reads
 * history (the change log, the feed, notices): `writeSyntheticHistory(root, { entries, commits })`
 * makes `root` a git repository whose branch `main` has `commits` commits touching `content/`, and
 * whose last commit holds exactly `syntheticRegister(entries)` (test/support/synthetic-register.ts).
 *
 * Along the way entries are added (the last tenth of the ids, spread over the history), a few extra
 * entries are deleted, and every other commit edits one to three entries: an editorial change of
 * the Markdown body, or a material change of `purpose`. Every version of every file is valid.
 *
 * Deterministic: the same options give the same commits, byte for byte, and the same SHAs — author
 * and committer dates are pinned (one commit every six hours from 2025-01-06), and the identity is
 * fixed. The history is written with one `git fast-import`, so 1,000 commits take about a second.
 */
import { mkdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { syntheticRegister } from './synthetic-register.ts';

export interface SyntheticHistoryOptions {
  /** Entries in the last commit. */
  entries: number;
  /** Commits on main, the first one included (≥ 1). */
  commits: number;
  seed?: number;
}

export interface SyntheticHistory {
  /** Full SHA of the last commit. */
  head: string;
  commits: number;
  /** Ids added after the first commit, in the order they were added. */
  added: string[];
  /** Ids deleted along the way (absent from the last commit). */
  removed: string[];
}

const AUTHOR = 'Register Bot <register-bot@parlons.example>';
/** 2025-01-06T09:00:00Z, then one commit every six hours. */
const START = Date.UTC(2025, 0, 6, 9) / 1000;
const STEP = 6 * 3600;
/** The example register's notice period (register.yaml noticeDays). */
const NOTICE_DAYS = 30;

export async function writeSyntheticHistory(root: string, options: SyntheticHistoryOptions): Promise<SyntheticHistory> {
  const { entries, commits, seed = 1 } = options;
  if (!Number.isInteger(commits) || commits < 1)
    throw new RangeError(`commits must be a whole number ≥ 1, not ${commits}`);
  const random = mulberry32(seed + 7919);
  const later = commits - 1;
  const addCount = Math.min(Math.floor(entries / 10), Math.floor(later / 4));
  const removeCount = Math.min(10, Math.floor(later / 20));
  const generated = syntheticRegister(entries + removeCount, { seed });
  const register = generated.register;
  const final = generated.entries.slice(0, entries);
  const extras = generated.entries.slice(entries);

  // Which commit (1-based) each change happens in.
  const addedAt = new Map<number, number>();
  for (let i = 0; i < addCount; i++) addedAt.set(entries - addCount + i, 2 + Math.floor((i * later) / addCount));
  // The check counts a new entry's notice from the day it is published (or an earlier noticeGiven):
  // an entry that would start fewer than NOTICE_DAYS after that is in the first commit instead, the
  // register's starting point, as a careful register would have it.
  for (let index = 0; index < entries; index++) {
    const text = final[index]!.text;
    const since = Date.parse(`${/^since: (\d{4}-\d{2}-\d{2})$/m.exec(text)![1]}T00:00:00Z`) / 1000;
    const noticeGiven = /^noticeGiven: (\d{4}-\d{2}-\d{2})$/m.exec(text)?.[1];
    const at = addedAt.get(index);
    if (at === undefined) continue;
    const published = START + (at - 1) * STEP;
    const told = Math.min(published, noticeGiven ? Date.parse(`${noticeGiven}T00:00:00Z`) / 1000 : published);
    if (since - told < NOTICE_DAYS * 86_400) addedAt.delete(index);
  }
  const removedAt = extras.map((_, i) => 2 + Math.floor(((i + 0.5) * later) / Math.max(1, removeCount)));
  const edits: number[][] = Array.from({ length: commits + 1 }, () => []);
  for (let commit = 2; commit <= commits; commit++) {
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count && entries > 0; i++) {
      const index = Math.floor(random() * entries);
      const since = addedAt.get(index) ?? 1;
      if (since < commit && !edits[commit]!.includes(index)) edits[commit]!.push(index);
    }
  }
  // How many edits of each entry are still to come after each commit: its text there is that variant.
  const remaining = new Array<number>(entries).fill(0);
  for (let commit = 2; commit <= commits; commit++) for (const index of edits[commit]!) remaining[index]!++;

  const chunks: string[] = [];
  const file = (path: string, text: string) =>
    chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  const commit = (number: number, message: string, body: () => void) => {
    const time = START + (number - 1) * STEP;
    chunks.push(
      `commit refs/heads/main\nauthor ${AUTHOR} ${time} +0000\ncommitter ${AUTHOR} ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`,
    );
    body();
    chunks.push('\n');
  };
  const idOf = (path: string) => path.slice(path.lastIndexOf('/') + 1, -3);

  commit(1, `Publish the register (${entries - addedAt.size + extras.length} sub-processors)`, () => {
    file(register.path, register.text);
    final.forEach((entry, index) => {
      if (!addedAt.has(index)) file(entry.path, variant(entry.text, remaining[index]!));
    });
    for (const extra of extras) file(extra.path, extra.text);
  });
  const added: string[] = [];
  const removed: string[] = [];
  for (let number = 2; number <= commits; number++) {
    const adds = [...addedAt].filter(([, at]) => at === number).map(([index]) => index);
    const removes = extras.filter((_, i) => removedAt[i] === number);
    for (const index of edits[number]!) remaining[index]!--;
    const parts = [
      ...adds.map((index) => `Add ${idOf(final[index]!.path)}`),
      ...removes.map((extra) => `Remove ${idOf(extra.path)}`),
      ...(edits[number]!.length > 0
        ? [`Update ${edits[number]!.map((index) => idOf(final[index]!.path)).join(', ')}`]
        : []),
    ];
    commit(number, parts.length > 0 ? parts.join('; ') : 'Review the register', () => {
      for (const index of adds) {
        file(final[index]!.path, variant(final[index]!.text, remaining[index]!));
        added.push(idOf(final[index]!.path));
      }
      for (const extra of removes) {
        chunks.push(`D ${extra.path}\n`);
        removed.push(idOf(extra.path));
      }
      for (const index of edits[number]!) file(final[index]!.path, variant(final[index]!.text, remaining[index]!));
      // A commit with nothing to change still touches content/: re-state register.yaml's review line.
      if (parts.length === 0) file(register.path, `${register.text}# reviewed ${number}\n`);
    });
  }

  await mkdir(root, { recursive: true });
  const run = (args: string[], input?: string) => {
    const result = spawnSync(
      'git',
      [
        '-c',
        'user.name=Register Bot',
        '-c',
        'user.email=register-bot@parlons.example',
        '-c',
        'init.defaultBranch=main',
        ...args,
      ],
      {
        cwd: root,
        input,
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024,
        env: { ...process.env, GIT_AUTHOR_DATE: `${START} +0000`, GIT_COMMITTER_DATE: `${START} +0000` },
      },
    );
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  run(['init', '--quiet']);
  run(['fast-import', '--quiet', '--done'], `${chunks.join('')}done\n`);
  run(['reset', '--quiet', '--hard', 'main']);
  return { head: run(['rev-parse', 'main']), commits, added, removed };
}

/**
 * The text of an entry `pending` edits before its final version: the Markdown body carries a
 * revision note (editorial); for an entry that records `updateEffective`, every second version also
 * words the purpose differently (material), and the update that leads to the final wording is the
 * one that writes `updateEffective`.
 */
function variant(text: string, pending: number): string {
  if (pending === 0) return text;
  const end = text.indexOf('\n---\n') + 5;
  let head = text.slice(0, end);
  const body = text.slice(end);
  if (/^updateEffective: /m.test(head) && pending >= 2) {
    head = head.replace(/^updateEffective: .*\n/m, '');
    if (pending % 2 === 0)
      head = head.replace(/^purpose: (["']?)/m, (_, quote: string) => `purpose: ${quote}(earlier wording ${pending}) `);
  }
  return `${head}${body}${body === '' ? '' : '\n'}Revision note ${pending}: this wording will change.\n`;
}

/** mulberry32: a tiny seeded PRNG. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
