/**
 * `node test/bench/alias-bomb-check.ts DEPTH`: validates one alias-bomb entry of 10^DEPTH values in
 * a fresh process and prints one JSON line: the time the validation took, the process's memory
 * before it, and the peak memory of the whole process (maxRSS), so the cost of the entry is the
 * difference. A process of its own, so no earlier benchmark's memory counts.
 */
import { performance } from 'node:perf_hooks';
import { validateRegister } from '../../src/core/validate.ts';
import { aliasBombEntry } from '../support/alias-bomb.ts';
import { fixtureText, TODAY } from '../support/helpers.ts';

const depth = Number(process.argv[2]);
const sources = {
  register: { path: 'content/register.yaml', text: fixtureText('register.yaml') },
  entries: [{ path: 'content/subprocessors/bomb.md', text: aliasBombEntry(depth) }],
};
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const { findings } = validateRegister(sources, { today: TODAY });
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    depth,
    bytes: sources.entries[0]!.text.length,
    ms,
    rssBeforeMB: rssBefore / 2 ** 20,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rules: findings.map((finding) => finding.rule),
  }),
);
