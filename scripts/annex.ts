/**
 * `npm run annex -- [--as-of DATE] [--format md|docx|html] [--out FILE]`
 *
 * The annex of sub-processors (SCC Annex III / Annex IV) as the register stood at the end of a day
 * — today by default — read from git, as Markdown (default), a Word document or print-ready HTML.
 * Written to FILE, or to stdout (Markdown and HTML only: a DOCX needs --out).
 */
import { writeFile } from 'node:fs/promises';
import { readSnapshot } from '../src/core/changes/snapshot.ts';
import type { Entry } from '../src/core/schema.ts';
import { versionJsonText } from '../src/core/versions/version-json.ts';
import { annexDocx } from '../src/io/annex-docx.ts';
import { oneOf, parseOptions, runCommand, usageError } from '../src/io/cli.ts';
import { registerAsOf, sha256 } from '../src/io/history.ts';
import { readPublisher } from '../src/io/register-file.ts';
import { registerToday } from '../src/io/today.ts';
import { annexHtmlDocument, annexMarkdown, buildAnnex } from '../src/site/annex.ts';

const usage = `Usage: npm run annex -- [--as-of YYYY-MM-DD] [--format md|docx|html] [--out FILE] [--root DIR]

  --as-of   the day the annex describes (default: today, UTC): the register as published at its end
  --format  md (default), docx or html (print-ready, A4)
  --out     the file to write (required for docx; otherwise stdout)`;

await runCommand(async () => {
  const options = parseOptions(
    process.argv.slice(2),
    { 'as-of': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, root: { type: 'string' } },
    usage,
  );
  const format = oneOf(options.format, ['md', 'docx', 'html'], '--format', 'md');
  const asOf = options['as-of'] ?? registerToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
    throw usageError(`--as-of must be a date written YYYY-MM-DD, not "${asOf}".`);
  if (format === 'docx' && options.out === undefined)
    throw usageError(`A Word document cannot be printed to the terminal: add --out annex.docx.\n\n${usage}`);

  const { version, files } = await registerAsOf(options.root ?? process.cwd(), asOf);
  const snapshot = readSnapshot(files);
  const entries = [...snapshot.entries.values()].map(({ id, data }) => ({ id, data: data as Entry }));
  const annex = buildAnnex(entries, readPublisher(files), {
    asOf,
    version: { ...version, sha256: sha256(versionJsonText(version, entries)) },
  });
  for (const problem of snapshot.problems) console.error(`warning: ${problem}`);

  const output =
    format === 'docx' ? await annexDocx(annex) : format === 'html' ? annexHtmlDocument(annex) : annexMarkdown(annex);
  if (options.out === undefined) process.stdout.write(output);
  else {
    await writeFile(options.out, output);
    console.error(
      `wrote ${options.out}: ${annex.sections.length} sub-processors as of ${asOf} (version ${version.id})`,
    );
  }
  return 0;
});
