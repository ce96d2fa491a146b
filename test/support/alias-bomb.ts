/**
 * A "billion laughs" entry: each line is a list of ten aliases of the line above, so `depth` lines
 * of about 60 bytes stand for 10^depth values. Used by the tests and by `npm run bench`.
 */
import { fixtureText } from './helpers.ts';

/** The valid fixture entry with the bomb written into `services` at the end of its frontmatter. */
export function aliasBombEntry(depth: number): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < depth; level++)
    lines.push(`l${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ')}]`);
  lines.push(`services: *l${depth - 1}`);
  return fixtureText('entries/valid-eea-only.md').replace(/\n---\n?$/, `\n${lines.join('\n')}\n---\n`);
}
