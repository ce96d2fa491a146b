/**
 * Hostile input, as a section of `npm run bench` (scripts/bench.ts wires it in):
 *
 * - `alias-bomb`: one entry whose few lines of YAML aliases stand for 10^6 to 10^12 values (the
 *   issue measured 4.9 s and 675 MB at 10^6, 74 s and 3.1 GB at 10^7). Each depth is checked in a
 *   new process (test/bench/alias-bomb-check.ts); target: under 1 s and under 100 MB more than
 *   the process held before, whatever the depth.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { printTarget, type Benchmark } from './bench-measure.ts';

const DEPTHS = [6, 7, 9, 12];
const TARGET = { ms: 1000, mb: 100 };

interface BombRun {
  depth: number;
  bytes: number;
  ms: number;
  rssBeforeMB: number;
  maxRssMB: number;
  rules: string[];
}

function checkBomb(depth: number): BombRun {
  const result = spawnSync(process.execPath, [join(import.meta.dirname, 'alias-bomb-check.ts'), String(depth)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0)
    throw new Error(
      `checking the alias bomb of depth ${depth} failed (${result.status ?? result.signal}):\n${result.stderr.slice(-2000)}`,
    );
  return JSON.parse(result.stdout) as BombRun;
}

export const inputBenchmarks: Benchmark[] = [
  {
    name: 'alias-bomb',
    description: 'one entry of a few YAML aliases standing for 10^6 to 10^12 values, each checked in a new process',
    async run() {
      const runs = DEPTHS.map(checkBomb);
      console.log('  values   bytes   check ms   memory before MB   peak MB   added MB   findings');
      for (const run of runs)
        console.log(
          `  10^${String(run.depth).padEnd(4)} ${String(run.bytes).padStart(5)}   ${run.ms.toFixed(1).padStart(8)}   ${run.rssBeforeMB.toFixed(1).padStart(16)}   ${run.maxRssMB.toFixed(1).padStart(7)}   ${(run.maxRssMB - run.rssBeforeMB).toFixed(1).padStart(8)}   ${run.rules.join(', ')}`,
        );
      const slowest = Math.max(...runs.map((run) => run.ms));
      const most = Math.max(...runs.map((run) => run.maxRssMB - run.rssBeforeMB));
      console.log('\nTargets (from the issue):');
      printTarget('every depth checked in < 1 s', `${slowest.toFixed(1)} ms at most`, slowest < TARGET.ms);
      printTarget('and < 100 MB more memory', `${most.toFixed(1)} MB at most`, most < TARGET.mb);
      printTarget(
        'refused as yaml-alias',
        runs.map((run) => run.rules.join('+')).join(', '),
        runs.every((run) => run.rules.length === 1 && run.rules[0] === 'yaml-alias'),
      );
    },
  },
];
