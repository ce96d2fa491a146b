/**
 * `npm run check [-- --format text|github|json] [--today YYYY-MM-DD] [--root DIR]`
 *
 * Validates content/ (schema and transfer rules) and prints every finding as
 * `path:line: error|warning: field: message`. Exits 1 when there is any error.
 */
import { countErrors, formatGithub, formatSummary, formatText, sortFindings } from '../src/core/findings.ts';
import { validateRegister } from '../src/core/validate.ts';
import { EXIT_FAILURE, oneOf, parseOptions, runCommand, usageError } from '../src/io/cli.ts';
import { readContentFiles } from '../src/io/content-files.ts';
import { readPublications } from '../src/io/history.ts';
import { isDate, registerToday } from '../src/io/today.ts';

const usage = `Usage: npm run check -- [--format text|github|json] [--today YYYY-MM-DD] [--root DIR]

  --format  text (default): one finding a line; github: workflow annotations; json: one JSON object
  --today   check the register as it stands on that date (default: REGISTER_TODAY, else today in UTC)
  --root    the repository holding content/ (default: the current folder)`;

await runCommand(async () => {
  const options = parseOptions(
    process.argv.slice(2),
    { format: { type: 'string' }, today: { type: 'string' }, root: { type: 'string' } },
    usage,
  );
  const format = oneOf(options.format, ['text', 'github', 'json'], '--format', 'text');
  if (options.today !== undefined && !isDate(options.today))
    throw usageError(`--today must be a real date written YYYY-MM-DD, not "${options.today}".`);
  const today = options.today ?? registerToday();

  const root = options.root ?? process.cwd();
  const { sources, findings: readFindings } = await readContentFiles(root);
  const validated = validateRegister(sources, { today, publications: await readPublications(root, sources, today) });
  const findings = sortFindings([...readFindings, ...validated.findings]);
  const files = sources.entries.length + (sources.register === undefined ? 0 : 1);

  if (format === 'json') {
    const errors = countErrors(findings);
    console.log(JSON.stringify({ today, files, errors, warnings: findings.length - errors, findings }, null, 2));
  } else {
    for (const finding of findings) console.log(format === 'github' ? formatGithub(finding) : formatText(finding));
    console.log(formatSummary(findings, files));
  }
  return countErrors(findings) > 0 ? EXIT_FAILURE : 0;
});
