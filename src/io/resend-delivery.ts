/**
 * Delivery through Resend broadcasts to a segment of contacts.
 *
 * Why broadcasts rather than batch emails: Resend hosts the unsubscribe link and honours it for
 * every later broadcast, and one broadcast reaches the whole segment, so the API calls a notice
 * needs do not grow with the number of subscribers (counting them takes one call per 100).
 * Broadcasts have no idempotency keys, so each notice's broadcast is named after the range it
 * covers and looked up by that name before anything is created: a re-run after a crash, or a retry
 * after a timeout, finds it instead of sending it twice.
 */
import { Resend } from 'resend';
import type { NoticeDelivery } from '../core/notices/delivery.ts';
import type { RenderedNotice } from '../core/render/notice.ts';
import { listAll, resendCaller, type RetrySettings } from './resend-call.ts';

export interface ResendSettings extends RetrySettings {
  apiKey: string;
  segmentId: string;
  from: string;
  replyTo?: string;
  /** For tests: the base URL of a local fake (the SDK also reads RESEND_BASE_URL). */
  baseUrl?: string;
}

const UNSUBSCRIBE = '{{{RESEND_UNSUBSCRIBE_URL}}}';

export function resendDelivery(settings: ResendSettings): NoticeDelivery {
  const resend = new Resend(settings.apiKey, settings.baseUrl ? { baseUrl: settings.baseUrl } : undefined);
  const call = resendCaller(settings);

  async function findBroadcast(matches: (name: string) => boolean) {
    for await (const broadcast of listAll(call, 'list broadcasts', (page) => resend.broadcasts.list(page))) {
      if (matches(broadcast.name ?? '')) return broadcast;
    }
    return undefined;
  }

  async function countRecipients(): Promise<number> {
    let count = 0;
    for await (const contact of listAll(call, "list the segment's contacts", (page) =>
      resend.contacts.list({ segmentId: settings.segmentId, ...page }),
    )) {
      if (!contact.unsubscribed) count++;
    }
    return count;
  }

  return {
    destination: `Resend segment ${settings.segmentId}`,
    unsubscribeUrl: UNSUBSCRIBE,
    async findDelivered(prefix) {
      const broadcast = await findBroadcast((name) => name.startsWith(prefix));
      if (broadcast === undefined) return undefined;
      // Created but never sent (the run died in between): send it now, once.
      if (broadcast.status === 'draft') await call('send the broadcast', () => resend.broadcasts.send(broadcast.id));
      return {
        key: broadcast.name!,
        delivered: {
          provider: 'resend',
          providerIds: [broadcast.id],
          recipients: await countRecipients(),
          sentAt: broadcast.sent_at ?? broadcast.created_at,
        },
      };
    },
    async deliver(key, notice: RenderedNotice) {
      const recipients = await countRecipients();
      const sentAt = new Date().toISOString();
      const created = await call(
        'send the notice',
        () =>
          resend.broadcasts.create({
            name: key,
            segmentId: settings.segmentId,
            from: settings.from,
            ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
            subject: notice.subject,
            html: notice.html,
            text: notice.text,
            send: true,
          }),
        async () => {
          const existing = await findBroadcast((name) => name === key);
          return existing === undefined ? undefined : { id: existing.id };
        },
      );
      return { provider: 'resend', providerIds: [created.id], recipients, sentAt };
    },
  };
}
