/**
 * The transactional emails of the public forms: the confirmation link of a subscription, the
 * objection sent to the privacy contact, and the customer's receipt of it. Each as subject, text
 * and HTML from the same words; every value a visitor typed is escaped, and none of them reaches
 * a header other than Reply-To (an address already checked).
 */
import { formatDate } from '../dates.ts';
import { escapeHtml } from './escape.ts';
import { joinWords } from '../words.ts';

export interface Email {
  subject: string;
  text: string;
  html: string;
}

const page = (title: string, body: string[]) =>
  [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem;margin:0 auto;padding:1rem">',
    ...body,
    '</body></html>',
  ].join('\n');
const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
const a = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

export interface ConfirmationContext {
  publisher: { name: string; legalName: string; contact: string };
  /** The services chosen, as labels (empty when the register has none). */
  services: string[];
  confirmUrl: string;
  /** When the link stops working, ISO 8601. */
  expiresAt: string;
}

export function renderConfirmationEmail(context: ConfirmationContext): Email {
  const { publisher } = context;
  const subject = `Confirm your subscription to ${publisher.name}'s sub-processor notices`;
  const scope = context.services.length > 0 ? `for ${joinWords(context.services)}` : 'for every service';
  const expires = `${formatDate(context.expiresAt.slice(0, 10))} at ${context.expiresAt.slice(11, 16)} UTC`;
  const lines = [
    `Someone, probably you, asked to receive ${publisher.legalName}'s notices of new or replacing sub-processors ${scope}.`,
    `To confirm, open this link before ${expires}:`,
  ];
  const ignore = `If you did not ask, ignore this email: nothing happens, and we keep no record of your address.`;
  const text = [...lines, context.confirmUrl, '', ignore, '', `Questions: ${publisher.contact}`].join('\n');
  const html = page(subject, [
    p(lines[0]!),
    `<p>${escapeHtml(`To confirm, open this link before ${expires}:`)}</p>`,
    `<p><a href="${escapeHtml(context.confirmUrl)}" style="font-weight:bold">Confirm my subscription</a></p>`,
    p(ignore),
    `<p style="font-size:.875rem;color:#555">Questions: ${a(`mailto:${publisher.contact}`, publisher.contact)}</p>`,
  ]);
  return { subject, text, html };
}

export interface ObjectionContext {
  publisher: { name: string; legalName: string; contact: string };
  /** The change objected to: a new sub-processor, or a material update of one, and the day it applies. */
  change: { name: string; legalName: string; kind: 'added' | 'updated'; effective: string; url: string };
  /** Last day to object, YYYY-MM-DD. */
  deadline: string;
  objection: { company: string; email: string; reasons: string };
  /** When the objection was received, ISO 8601. */
  receivedAt: string;
}

const received = (iso: string) => `${formatDate(iso.slice(0, 10))}, ${iso.slice(11, 19)} UTC`;

/** "Mistral AI (Mistral AI SAS) becomes a sub-processor on 28 December 2026" */
const changeSentence = ({ name, legalName, kind, effective }: ObjectionContext['change']): string =>
  kind === 'added'
    ? `${name} (${legalName}) becomes a sub-processor on ${formatDate(effective)}`
    : `the update of ${name} (${legalName}) takes effect on ${formatDate(effective)}`;

/** To the privacy contact; replying answers the customer. */
export function renderObjectionEmail(context: ObjectionContext): Email {
  const { change, objection } = context;
  const subject = `Objection: ${objection.company} objects to ${change.name}`;
  const facts: [string, string][] = [
    ['Company', objection.company],
    ['Contact', objection.email],
    ['Change', capitalise(changeSentence(change))],
    ['Objection deadline', formatDate(context.deadline)],
    ['Received', received(context.receivedAt)],
  ];
  const intro = `${objection.company} objects to a sub-processor change through the register's form. Reply to this email to answer them; a receipt quoting the change went to ${objection.email}.`;
  const text = [
    intro,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    `Entry: ${change.url}`,
    '',
    'Reasons:',
    objection.reasons,
  ].join('\n');
  const html = page(subject, [
    p(intro),
    '<table>',
    ...facts.map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;padding-right:1rem">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    ),
    `<tr><th scope="row" style="text-align:left;padding-right:1rem">Entry</th><td>${a(change.url, change.url)}</td></tr>`,
    '</table>',
    '<h2 style="font-size:1rem">Reasons</h2>',
    `<p style="white-space:pre-wrap">${escapeHtml(objection.reasons)}</p>`,
  ]);
  return { subject, text, html };
}

/** To the customer: the evidence that the objection arrived in time. */
export function renderObjectionReceipt(context: ObjectionContext): Email {
  const { change, objection, publisher } = context;
  const subject = `Your objection to ${change.name} reached ${publisher.name}`;
  const lines = [
    `${publisher.legalName} received your objection on ${received(context.receivedAt)}.`,
    `The change: ${changeSentence(change)}. Objections are open until ${formatDate(context.deadline)}.`,
    `Our privacy team (${publisher.contact}) will answer ${objection.email}. Keep this email: it is your record of the objection.`,
  ];
  const text = [
    ...lines,
    '',
    `Company: ${objection.company}`,
    'Your reasons:',
    objection.reasons,
    '',
    `The change in the register: ${change.url}`,
  ].join('\n');
  const html = page(subject, [
    ...lines.map(p),
    `<p><strong>Company:</strong> ${escapeHtml(objection.company)}</p>`,
    '<h2 style="font-size:1rem">Your reasons</h2>',
    `<p style="white-space:pre-wrap">${escapeHtml(objection.reasons)}</p>`,
    `<p>${a(change.url, 'The change in the register')}</p>`,
  ]);
  return { subject, text, html };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
