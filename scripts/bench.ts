/**
 * `npm run bench [-- --only NAME]`
 *
 * Times the register's commands on synthetic registers of 1,000 and 10,000 entries
 * (`test/support/synthetic-register.ts`) and compares them with the targets of the performance issue.
 * Each benchmark is a named section; `--only NAME` runs one. It is a report: the exit code is 0
 * even when a target fails, which is printed as FAIL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateRegister } from '../src/core/validate.ts';
import { parseOptions, runCommand, usageError } from '../src/io/cli.ts';
import { readContentFiles } from '../src/io/content-files.ts';
import { formatMs, printTable, printTarget, row, timeRuns, type Row } from '../test/bench/bench-measure.ts';
import { changeBenchmarks } from '../test/bench/bench-changes.ts';
import { inputBenchmarks } from '../test/bench/bench-inputs.ts';
import { siteBenchmarks } from '../test/bench/bench-site.ts';
import { formBenchmarks } from '../test/bench/bench-forms.ts';
import { SYNTHETIC_TODAY, syntheticRegister, writeSyntheticRegister } from '../test/support/synthetic-register.ts';

const usage = (names: string[]) => `Usage: npm run bench -- [--only NAME]

  --only  run one benchmark section: ${names.join(', ')}`;

const SIZES = [1_000, 10_000] as const;
/** Runs timed after one warm-up run, per size: fewer for the large register, which takes longer. */
const RUNS: Record<number, number> = { 1000: 7, 10000: 5 };
const IN_PROCESS_RUNS = 7;
const REPO_ROOT = join(import.meta.dirname, '..');

interface Section {
  name: string;
  description: string;
  run: (fixtures: Fixtures) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Sections: add a benchmark by adding an object here.

const sections: Section[] = [
  {
    name: 'check',
    description: '`npm run check` as a user runs it: a new node process that reads, parses, validates and prints',
    async run(fixtures) {
      const rows: Row[] = [];
      for (const entries of SIZES) {
        const root = await fixtures.onDisk(entries);
        rows.push(row(entries, await timeRuns(RUNS[entries]!, () => runCheck(root, entries))));
      }
      printTable(rows);
      const [small, large] = rows as [Row, Row];
      const ratio = large.median / small.median;
      console.log('\nTargets (from the issue):');
      printTarget('check on 1,000 entries ≤ 1 s median', `${formatMs(small.median)} ms`, small.median <= 1000);
      printTarget('10,000 ≤ 10× that (linear)', `${ratio.toFixed(1)}×`, ratio <= 10);
    },
  },
  {
    name: 'startup',
    description: 'the same command on a register with no entries: the fixed cost of node, type stripping and imports',
    async run(fixtures) {
      const root = await fixtures.onDisk(0);
      printTable([row(0, await timeRuns(IN_PROCESS_RUNS, () => runCheck(root, 0)))]);
    },
  },
  {
    name: 'read',
    description: 'readContentFiles alone, in process: listing and reading the files from disk',
    async run(fixtures) {
      const rows: Row[] = [];
      for (const entries of SIZES) {
        const root = await fixtures.onDisk(entries);
        rows.push(row(entries, await timeRuns(IN_PROCESS_RUNS, () => readContentFiles(root))));
      }
      printTable(rows);
    },
  },
  {
    name: 'validate',
    description: 'validateRegister alone, in process: parsing YAML, the schema and the rules, no I/O',
    async run(fixtures) {
      const rows: Row[] = [];
      for (const entries of SIZES) {
        const sources = fixtures.inMemory(entries);
        rows.push(
          row(entries, await timeRuns(IN_PROCESS_RUNS, () => validateRegister(sources, { today: SYNTHETIC_TODAY }))),
        );
      }
      printTable(rows);
    },
  },
  ...changeBenchmarks,
  ...siteBenchmarks,
  ...inputBenchmarks,
  ...formBenchmarks,
];

// ---------------------------------------------------------------------------------------------
// Fixtures: each synthetic register is made once and shared by the sections.

interface Fixtures {
  inMemory(entries: number): ReturnType<typeof syntheticRegister>;
  /** A temporary repository holding the synthetic register in content/. */
  onDisk(entries: number): Promise<string>;
  cleanUp(): Promise<void>;
}

async function createFixtures(): Promise<Fixtures> {
  const base = await mkdtemp(join(tmpdir(), 'subprocessor-bench-'));
  const memory = new Map<number, ReturnType<typeof syntheticRegister>>();
  const disk = new Map<number, string>();
  return {
    inMemory(entries) {
      if (!memory.has(entries)) memory.set(entries, syntheticRegister(entries));
      return memory.get(entries)!;
    },
    async onDisk(entries) {
      if (!disk.has(entries)) {
        const root = join(base, String(entries));
        await writeSyntheticRegister(root, entries);
        disk.set(entries, root);
      }
      return disk.get(entries)!;
    },
    cleanUp: () => rm(base, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** `node scripts/check.ts` on the synthetic register; a benchmark of a failing check would time the wrong path. */
function runCheck(root: string, entries: number): void {
  const result = spawnSync(process.execPath, ['scripts/check.ts', '--root', root, '--today', SYNTHETIC_TODAY], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const expected = new RegExp(`^${entries + 1} files? checked: 0 errors, 0 warnings\\.$`, 'm');
  if (result.status !== 0 || !expected.test(result.stdout)) {
    throw new Error(
      `npm run check did not pass on the synthetic register (exit ${result.status}):\n${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

await runCommand(async () => {
  const names = sections.map((section) => section.name);
  const options = parseOptions(process.argv.slice(2), { only: { type: 'string' } }, usage(names));
  if (options.only !== undefined && !names.includes(options.only))
    throw usageError(`--only must be one of ${names.join(', ')}, not "${options.only}".`);
  const selected = sections.filter((section) => options.only === undefined || section.name === options.only);

  console.log(
    `Benchmark on synthetic registers of ${SIZES.map((n) => n.toLocaleString('en-US')).join(' and ')} entries, checked as of ${SYNTHETIC_TODAY} (node ${process.version}).`,
  );
  const fixtures = await createFixtures();
  try {
    for (const section of selected) {
      console.log(`\n## ${section.name}: ${section.description}`);
      await section.run(fixtures);
    }
  } finally {
    await fixtures.cleanUp();
  }
  return 0;
});
