/**
 * Delivery to a local folder, used when no RESEND_API_KEY is set: each notice becomes an `.eml`
 * (open it in any mail client) and an `.html` preview. Nothing leaves the machine.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { buildEml } from './eml.ts';
import type { NoticeDelivery } from '../core/notices/delivery.ts';
import type { RenderedNotice } from '../core/render/notice.ts';

/** A key as a file name: `register-notice 0123..4567` → `register-notice_0123..4567`. */
const fileName = (key: string) => key.replace(/[^a-zA-Z0-9.-]+/g, '_');

export function outboxDelivery(
  dir: string,
  sender: { from: string; replyTo?: string },
  now: () => Date,
  cwd = process.cwd(),
): NoticeDelivery {
  return {
    destination: `the outbox folder ${relative(cwd, dir) || '.'}/`,
    unsubscribeUrl: "https://example.invalid/unsubscribe (the provider puts each subscriber's own link here)",
    async findDelivered(prefix) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const found = names.find((name) => name.startsWith(fileName(prefix)) && name.endsWith('.eml'));
      if (found === undefined) return undefined;
      const key = found.replace(/\.eml$/, '').replace('_', ' ');
      const sentAt = (await stat(join(dir, found))).mtime.toISOString();
      return {
        key,
        delivered: { provider: 'outbox', providerIds: [join(relative(cwd, dir), found)], recipients: 0, sentAt },
      };
    },
    async deliver(key, notice: RenderedNotice) {
      await mkdir(dir, { recursive: true });
      const date = now();
      const base = join(dir, fileName(key));
      const eml = buildEml({
        ...sender,
        subject: notice.subject,
        text: notice.text,
        html: notice.html,
        date,
        messageId: `${fileName(key)}@subprocessor-register`,
      });
      await writeFile(`${base}.html`, notice.html);
      await writeFile(`${base}.eml`, eml);
      return {
        provider: 'outbox',
        providerIds: [relative(cwd, `${base}.eml`)],
        recipients: 0,
        sentAt: date.toISOString(),
      };
    },
  };
}
