/**
 * `npm run subscribers -- add EMAIL… | remove EMAIL… | list | import FILE.csv`
 *
 * Manages the Resend segment that receives notices. Addresses are validated and de-duplicated, and
 * printed masked. Needs RESEND_API_KEY and RESEND_SEGMENT_ID.
 */
import { readFile } from 'node:fs/promises';
import { maskEmail, parseAddressCsv, parseAddresses, type ParsedAddresses } from '../src/core/subscribers.ts';
import { EXIT_FAILURE, runCommand, usageError } from '../src/io/cli.ts';
import { findOrAbsent, listAll, resendCaller, resendClient } from '../src/io/resend-call.ts';

const usage = `Usage: npm run subscribers -- add EMAIL [EMAIL …] | remove EMAIL [EMAIL …] | list | import FILE.csv

Manages the Resend segment that receives change notices (RESEND_API_KEY, RESEND_SEGMENT_ID).
import reads the column headed "email" of a CSV file, or its first column.`;

await runCommand(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const apiKey = process.env.RESEND_API_KEY;
  const segmentId = process.env.RESEND_SEGMENT_ID;
  if (command === undefined || !['add', 'remove', 'list', 'import'].includes(command)) throw usageError(usage);
  if (!apiKey || !segmentId) {
    throw usageError(
      'Subscribers live in a Resend segment: set RESEND_API_KEY and RESEND_SEGMENT_ID (see README, "Adopting the register"). Without them, notices go to outbox/ and there is no one to subscribe.',
    );
  }
  const resend = resendClient(apiKey, process.env.RESEND_BASE_URL ? { baseUrl: process.env.RESEND_BASE_URL } : {});
  const call = resendCaller();

  const subscribed = async () => {
    const members = new Map<string, { id: string; unsubscribed: boolean }>();
    for await (const contact of listAll(call, 'list the segment', (page) =>
      resend.contacts.list({ segmentId, ...page }),
    )) {
      members.set(contact.email.toLowerCase(), { id: contact.id, unsubscribed: contact.unsubscribed });
    }
    return members;
  };

  if (command === 'list') {
    const members = await subscribed();
    for (const [email, { unsubscribed }] of [...members].sort(([a], [b]) => (a < b ? -1 : 1)))
      console.log(`${maskEmail(email)}${unsubscribed ? '  (unsubscribed)' : ''}`);
    const active = [...members.values()].filter((member) => !member.unsubscribed).length;
    console.log(`${members.size} contacts in segment ${segmentId}, ${active} subscribed.`);
    return 0;
  }
  if (rest.length === 0) throw usageError(usage);
  const parsed: ParsedAddresses =
    command === 'import'
      ? parseAddressCsv(await readCsv(rest[0]!))
      : parseAddresses(rest.map((value, index) => ({ line: index + 1, value })));
  for (const { line, value } of parsed.invalid)
    console.log(
      `skipped ${command === 'import' ? `line ${line}` : `argument ${line}`}: ${value} is not an email address`,
    );
  const members = await subscribed();
  let changed = 0;
  let unchanged = parsed.duplicates;
  for (const email of parsed.emails) {
    const member = members.get(email);
    if (command === 'remove') {
      if (member === undefined) unchanged++;
      else {
        await call('remove a contact from the segment', () => resend.contacts.segments.remove({ email, segmentId }));
        changed++;
      }
    } else if (member !== undefined) unchanged++;
    else {
      // Only a 404 means absent: a 429 or a 5xx is retried, never taken for "no such contact".
      const existing = await findOrAbsent(call, 'look up a contact', () => resend.contacts.get({ email }));
      if (existing !== undefined)
        await call('add a contact to the segment', () => resend.contacts.segments.add({ email, segmentId }));
      else await call('create a contact', () => resend.contacts.create({ email, segments: [{ id: segmentId }] }));
      changed++;
    }
  }
  const verb = command === 'remove' ? 'removed' : 'added';
  console.log(
    `${changed} ${verb}, ${unchanged} already ${command === 'remove' ? 'absent' : 'subscribed'} or repeated, ${parsed.invalid.length} invalid.`,
  );
  return parsed.invalid.length > 0 ? EXIT_FAILURE : 0;
});

async function readCsv(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(
      `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): give the path of a CSV file with an "email" column.`,
    );
  }
}
