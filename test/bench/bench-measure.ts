/** Measuring and printing for `npm run bench`, shared by its sections. */
import { performance } from 'node:perf_hooks';

/** A section of `npm run bench` that makes its own fixtures. */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

export interface Row {
  entries: number;
  runs: number;
  median: number;
  min: number;
}

/** Run `task` once to warm up, then `runs` times, and return each run's duration in ms. */
export async function timeRuns(runs: number, task: () => unknown): Promise<number[]> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const row = (entries: number, times: number[]): Row => ({
  entries,
  runs: times.length,
  median: median(times),
  min: Math.min(...times),
});

export const formatMs = (ms: number) => Math.round(ms).toLocaleString('en-US');

export function printTable(rows: readonly Row[]): void {
  const header = ['entries', 'runs', 'median ms', 'min ms'];
  const cells = rows.map((r) => [
    r.entries.toLocaleString('en-US'),
    String(r.runs),
    formatMs(r.median),
    formatMs(r.min),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: string[]) => `  ${line.map((cell, column) => cell.padStart(widths[column]!)).join('   ')}`;
  console.log(format(header));
  for (const line of cells) console.log(format(line));
  if (rows.length === 2)
    console.log(
      `  ratio median(${rows[1]!.entries.toLocaleString('en-US')}) / median(${rows[0]!.entries.toLocaleString('en-US')}): ${(rows[1]!.median / rows[0]!.median).toFixed(1)}×`,
    );
}

export function printTarget(target: string, measured: string, pass: boolean): void {
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${target.padEnd(44)} measured: ${measured}`);
}
