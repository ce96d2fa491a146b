/**
 * `npm run changes -- --from REV [--to REV] [--format json|markdown|text]`
 *
 * The change set between two git revisions of the register, compared by parsed fields. json prints
 * exactly one object `{ from, to, changes }` (the design's contract); markdown is the pull-request
 * preview, with the notice subscribers would receive; text is for reading in a terminal.
 */
import { diffEntries } from '../src/core/changes/diff.ts';
import { todayUtc } from '../src/core/dates.ts';
import { publishedDay } from '../src/core/notices/notice-model.ts';
import { readSnapshot } from '../src/core/changes/snapshot.ts';
import { describeChanges, renderChangesText, renderPreviewMarkdown } from '../src/core/render/changes.ts';
import { renderNotice } from '../src/core/render/notice.ts';
import { REGISTER_PATH } from '../src/core/validate.ts';
import { EXIT_USAGE, oneOf, parseOptions, runCommand, usageError, UserError } from '../src/io/cli.ts';
import { commitDate, onDefaultBranch, readContentAt, resolveCommit } from '../src/io/git.ts';
import { siteUrlOf } from '../src/core/register.ts';
import { readPublisher } from '../src/io/register-file.ts';

const usage = `Usage: npm run changes -- --from REV [--to REV] [--format json|markdown|text] [--root DIR]

  --from    the older revision (a sha, branch or tag)
  --to      the newer revision (default: HEAD)
  --format  text (default), markdown (pull-request preview) or json (the contract in the design)`;

await runCommand(async () => {
  const options = parseOptions(
    process.argv.slice(2),
    { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, root: { type: 'string' } },
    usage,
  );
  const format = oneOf(options.format, ['json', 'markdown', 'text'], '--format', 'text');
  if (options.from === undefined) throw usageError(`--from is required.\n\n${usage}`);
  const root = options.root ?? process.cwd();

  const from = await resolveCommit(root, options.from);
  const to = await resolveCommit(root, options.to ?? 'HEAD');
  const [before, after] = await Promise.all([readContentAt(root, from), readContentAt(root, to)]);
  if (!after.has(REGISTER_PATH)) {
    throw new UserError(
      `There is no register at ${options.to ?? 'HEAD'} (${to.slice(0, 12)}): ${REGISTER_PATH} does not exist there. Check the revision, or run from the repository that holds content/.`,
      { exitCode: EXIT_USAGE },
    );
  }
  const older = readSnapshot(before);
  const newer = readSnapshot(after);
  // A change is published when its commit reaches the default branch; until then (the pull
  // request's preview) the earliest day customers can be told is today.
  const today = process.env.REGISTER_TODAY ?? todayUtc();
  const merged = await onDefaultBranch(root, to);
  const changes = diffEntries(older.entries, newer.entries, {
    register: newer.register,
    published: merged ? publishedDay(await commitDate(root, to)) : today,
  });

  if (format === 'json') {
    console.log(JSON.stringify({ from, to, changes }, null, 2));
    return 0;
  }
  const publisher = readPublisher(after);
  const siteUrl = siteUrlOf(publisher, { site: process.env.SITE, base: process.env.BASE });
  const descriptions = describeChanges(changes, { labels: publisher, siteUrl });
  const problems = [
    ...older.problems.map((problem) => `${from.slice(0, 7)}: ${problem}`),
    ...newer.problems.map((problem) => `${to.slice(0, 7)}: ${problem}`),
  ];
  if (format === 'text') {
    console.log(renderChangesText(descriptions));
    for (const problem of problems) console.log(`note: ${problem}`);
    return 0;
  }
  const material = changes.filter((change) => change.material);
  const notice =
    material.length > 0
      ? renderNotice(material, { register: publisher, siteUrl, unsubscribeUrl: `${siteUrl}subscribe/` })
      : undefined;
  console.log(renderPreviewMarkdown({ changes, descriptions, notice, problems }));
  return 0;
});
