/**
 * A notice as an RFC 5322 message (`.eml`), so any mail client opens the outbox exactly as a
 * subscriber would see the email. Written by nodemailer's MailComposer rather than by hand: it
 * encodes a non-ASCII display name without hiding the address, folds long headers, and keeps line
 * breaks in content out of the headers.
 */
import MailComposer from 'nodemailer/lib/mail-composer';

export interface EmlMessage {
  from: string;
  /** The recipient; notices go to many and name none (undisclosed-recipients). */
  to?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  messageId: string;
  listUnsubscribe?: string;
}

export async function buildEml(message: EmlMessage): Promise<string> {
  const composer = new MailComposer({
    from: message.from,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    to: message.to ?? 'undisclosed-recipients:;',
    subject: message.subject,
    text: message.text,
    html: message.html,
    date: message.date,
    messageId: `<${message.messageId}>`,
    ...(message.listUnsubscribe ? { list: { unsubscribe: message.listUnsubscribe } } : {}),
    textEncoding: 'base64',
  });
  return (await composer.compile().build()).toString('utf8');
}
