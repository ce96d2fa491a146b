/**
 * Delivery to a local folder, used when no RESEND_API_KEY is set: each notice becomes an `.eml`
 * (open it in any mail client) and an `.html` preview. Nothing leaves the machine.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { buildEml } from './eml.ts';
import type { NoticeDelivery } from '../core/notices/delivery.ts';
import type { RenderedNotice } from '../core/render/notice.ts';

/** A key as a file name: `register-notice acme.example 0123..4567` → `register-notice_acme.example_0123..4567`. */
const fileName = (key: string) => key.replace(/[^a-zA-Z0-9.-]+/g, '_');

/** `dir` is absolute (the command resolves `--outbox` against the working directory). */
export function outboxDelivery(
  dir: string,
  sender: { from: string; replyTo?: string },
  now: () => Date,
  cwd = process.cwd(),
): NoticeDelivery {
  const shown = (path: string) => {
    const inside = relative(cwd, path);
    return inside.startsWith('..') ? path : inside;
  };
  return {
    provider: 'outbox',
    destination: `the outbox folder ${shown(dir) || '.'}/`,
    // A valid URL (a space in an href makes the HTML invalid); Resend puts each subscriber's own
    // preferences page here, where they change their services or unsubscribe.
    unsubscribeUrl: 'https://preferences.example.invalid/each-subscriber-gets-their-own-link',
    tellsSubscribers: true,
    async findDelivered(prefix) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const found = names.find((name) => name.startsWith(fileName(prefix)) && name.endsWith('.eml'));
      if (found === undefined) return undefined;
      // The key is the prefix followed by the rest of the range, as the file name kept it.
      const key = `${prefix}${found.slice(fileName(prefix).length).replace(/\.eml$/, '')}`;
      return { key, id: join(dir, found), draft: false };
    },
    async settle(found) {
      const sentAt = (await stat(found.id)).mtime.toISOString();
      return { provider: 'outbox', providerIds: [shown(found.id)], recipients: 0, sentAt };
    },
    async deliver(key, notice: RenderedNotice) {
      await mkdir(dir, { recursive: true });
      const date = now();
      const base = join(dir, fileName(key));
      const eml = await buildEml({
        ...sender,
        subject: notice.subject,
        text: notice.text,
        html: notice.html,
        date,
        messageId: `${fileName(key)}@subprocessor-register`,
      });
      await writeFile(`${base}.html`, notice.html);
      await writeFile(`${base}.eml`, eml);
      return { provider: 'outbox', providerIds: [shown(`${base}.eml`)], recipients: 0, sentAt: date.toISOString() };
    },
  };
}
