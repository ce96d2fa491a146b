/**
 * `npm run subscribers -- add EMAIL… | remove EMAIL… | list | import FILE.csv | sync-topics`
 *
 * Manages the Resend segment that receives notices. Addresses are validated and de-duplicated, and
 * printed masked. Needs RESEND_API_KEY and RESEND_SEGMENT_ID — except `list` without a key, which
 * lists the local stand-in the subscribe form fills on a laptop (outbox/contacts.json).
 * `sync-topics` creates or renames one Resend topic per service of register.yaml, and defines the
 * contact properties that record consent; running it again changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { maskEmail, parseAddressCsv, parseAddresses, type ParsedAddresses } from '../src/core/subscribers.ts';
import { EXIT_FAILURE, runCommand, usageError } from '../src/io/cli.ts';
import { findOrAbsent, listAll, resendCaller, resendClient } from '../src/io/resend-call.ts';
import { syncConsentProperties, syncTopics } from '../src/io/resend-topics.ts';
import { localSubscriberStore } from '../src/io/subscriber-store.ts';
import { REGISTER_PATH } from '../src/core/validate.ts';
import { readPublisher } from '../src/io/register-file.ts';
import { join } from 'node:path';

const usage = `Usage: npm run subscribers -- add EMAIL [EMAIL …] | remove EMAIL [EMAIL …] | list | import FILE.csv | sync-topics

Manages the Resend segment that receives change notices (RESEND_API_KEY, RESEND_SEGMENT_ID).
import reads the column headed "email" of a CSV file, or its first column.
sync-topics makes one Resend topic per service in content/register.yaml (public, opt-in by default).
Without RESEND_API_KEY, list shows the subscribers confirmed through the local server (outbox/contacts.json).`;

await runCommand(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const apiKey = process.env.RESEND_API_KEY;
  const segmentId = process.env.RESEND_SEGMENT_ID;
  if (command === undefined || !['add', 'remove', 'list', 'import', 'sync-topics'].includes(command))
    throw usageError(usage);
  if (!apiKey && command === 'list') {
    const file = join(process.env.OUTBOX_DIR ?? 'outbox', 'contacts.json');
    const contacts = await localSubscriberStore(file).list();
    for (const contact of contacts)
      console.log(
        `${maskEmail(contact.email)}  ${contact.services.join(', ') || 'all services'}  (confirmed ${contact.consentAt}, wording ${contact.wording})`,
      );
    console.log(
      `${contacts.length} ${contacts.length === 1 ? 'subscriber' : 'subscribers'} in ${file}: the local stand-in for the Resend segment (no RESEND_API_KEY).`,
    );
    return 0;
  }
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

  if (command === 'sync-topics') {
    const publisher = readPublisher(new Map([[REGISTER_PATH, await readFile(REGISTER_PATH, 'utf8')]]));
    const result = await syncTopics(resend, call, publisher);
    const properties = await syncConsentProperties(resend, call);
    for (const key of result.created) console.log(`created the topic for ${key} (${publisher.services[key]})`);
    for (const key of result.updated) console.log(`updated the topic for ${key} (${publisher.services[key]})`);
    for (const key of result.orphaned)
      console.log(
        `kept the topic for ${key}: no such service in register.yaml any more (delete it in Resend if it is gone for good)`,
      );
    if (properties.length > 0) console.log(`defined the contact properties ${properties.join(', ')}`);
    console.log(
      `${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged topics.`,
    );
    return 0;
  }
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
