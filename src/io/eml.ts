/**
 * A notice as an RFC 5322 message (`.eml`): text and HTML alternatives, UTF-8, base64 bodies, so
 * any mail client opens the outbox exactly as a subscriber would see the email.
 */
export interface EmlMessage {
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  messageId: string;
  listUnsubscribe?: string;
}

const base64Lines = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
const encodeHeader = (value: string) =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
/** Header values never carry a line break: that would let content add headers. */
const header = (name: string, value: string) => `${name}: ${encodeHeader(value.replace(/[\r\n]+/g, ' '))}`;

export function buildEml(
  message: EmlMessage,
  boundary = `=_register_${message.messageId.replace(/[^a-z0-9]/gi, '')}`,
): string {
  const lines = [
    header('From', message.from),
    ...(message.replyTo ? [header('Reply-To', message.replyTo)] : []),
    'To: undisclosed-recipients:;',
    header('Subject', message.subject),
    `Date: ${message.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${message.messageId}>`,
    ...(message.listUnsubscribe ? [`List-Unsubscribe: <${message.listUnsubscribe}>`] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.html),
    `--${boundary}--`,
    '',
  ];
  return lines.join('\r\n');
}
