/**
 * Delivery through Resend broadcasts to a segment of contacts, or to one service's topic.
 *
 * Why broadcasts rather than batch emails: Resend hosts the unsubscribe link and honours it for
 * every later broadcast, and one broadcast reaches the whole segment, so the API calls a notice
 * needs do not grow with the number of subscribers (counting them takes one call per 100).
 * Broadcasts have no idempotency keys, so each notice's broadcast is named after the register and
 * the range it covers, and looked up by that name — in this segment, and by its status — before
 * anything is created: a re-run after a crash, or a retry after a timeout, finds it instead of
 * sending it twice, and a draft it finds is sent, never taken for a notice delivered.
 */
import { DeliveryError, type Found, type NoticeDelivery } from '../core/notices/delivery.ts';
import type { Delivered } from '../core/notices/record.ts';
import type { RenderedNotice } from '../core/render/notice.ts';
import { listAll, resendCaller, resendClient, type RetrySettings } from './resend-call.ts';

export interface ResendSettings extends RetrySettings {
  apiKey: string;
  segmentId: string;
  from: string;
  replyTo?: string;
  /** For tests: the base URL of a local fake (the SDK also reads RESEND_BASE_URL). */
  baseUrl?: string;
  /** Per call (default CALL_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Topic ids by service key, when configured (RESEND_TOPICS); otherwise looked up by the service's key or label. */
  topics?: Readonly<Record<string, string>>;
  /** The services' labels (register.yaml), to find a topic named after one. */
  serviceLabels?: Readonly<Record<string, string>>;
  /** Where to say that a service has no topic and the notice goes to the whole segment. */
  warn?: (line: string) => void;
}

const UNSUBSCRIBE = '{{{RESEND_UNSUBSCRIBE_URL}}}';
/** Handed over, or on its way: the provider owns it now. A canceled or failed broadcast reached no one. */
const DELIVERED_STATUSES = new Set(['sent', 'queued', 'scheduled', 'sending']);

export function resendDelivery(settings: ResendSettings): NoticeDelivery {
  const resend = resendClient(settings.apiKey, {
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
  });
  const call = resendCaller(settings);

  /** Ours: this segment, and a name of this register (the caller's prefix says which). */
  async function findBroadcast(matches: (name: string) => boolean) {
    for await (const broadcast of listAll(call, 'list broadcasts', (page) => resend.broadcasts.list(page))) {
      if (broadcast.segment_id !== settings.segmentId || !matches(broadcast.name ?? '')) continue;
      if (broadcast.status === 'draft' || DELIVERED_STATUSES.has(broadcast.status)) return broadcast;
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

  async function topicOf(service: string): Promise<string | undefined> {
    const configured = settings.topics?.[service];
    if (configured !== undefined) return configured;
    const names = new Set([service, settings.serviceLabels?.[service]].filter((name) => name !== undefined));
    // The SDK's topics.list does not page; the API does, like every list.
    const listTopics = (page: { limit: number; after?: string }) =>
      resend.get<{ data: { id: string; name: string }[]; has_more: boolean }>(
        `/topics?${new URLSearchParams({ limit: String(page.limit), ...(page.after ? { after: page.after } : {}) })}`,
      );
    for await (const topic of listAll(call, 'list topics', listTopics)) {
      if (names.has(topic.name)) return topic.id;
    }
    settings.warn?.(
      `No Resend topic is named "${service}"${settings.serviceLabels?.[service] ? ` or "${settings.serviceLabels[service]}"` : ''} (npm run subscribers -- sync-topics creates them): the notice goes to the whole segment.`,
    );
    return undefined;
  }

  /** Send a draft, once: a "not a draft" refusal means another run sent it meanwhile. */
  async function sendDraft(id: string): Promise<void> {
    const sent = await resend.broadcasts.send(id);
    if (sent.error === null) return;
    const now = await call('look up the broadcast', () => resend.broadcasts.get(id));
    if (now.status === 'draft') await call('send the broadcast', () => resend.broadcasts.send(id));
  }

  /** What Resend holds: the subject it sent and when, so the record matches the email. */
  async function delivered(id: string): Promise<Delivered> {
    const broadcast = await call('look up the broadcast', () => resend.broadcasts.get(id));
    return {
      provider: 'resend',
      providerIds: [id],
      ...(broadcast.subject ? { subject: broadcast.subject } : {}),
      recipients: await countRecipients(),
      sentAt: broadcast.sent_at ?? broadcast.scheduled_at ?? broadcast.created_at,
    };
  }

  return {
    provider: 'resend',
    destination: `Resend segment ${settings.segmentId}`,
    unsubscribeUrl: UNSUBSCRIBE,
    tellsSubscribers: true,
    async findDelivered(prefix): Promise<Found | undefined> {
      const broadcast = await findBroadcast((name) => name.startsWith(prefix));
      return broadcast === undefined
        ? undefined
        : { key: broadcast.name!, id: broadcast.id, draft: broadcast.status === 'draft' };
    },
    async settle(found) {
      if (found.draft) await sendDraft(found.id);
      return delivered(found.id);
    },
    async deliver(key, notice: RenderedNotice, options = {}) {
      const topicId = options.service === undefined ? undefined : await topicOf(options.service);
      const created = await call(
        'send the notice',
        () => {
          if (options.notAfter !== undefined && Date.now() > options.notAfter.getTime())
            throw new DeliveryError(
              `The claim on ${key} ran out before Resend answered; nothing more is sent by this run. The next run looks it up and sends it only if Resend does not have it.`,
            );
          return resend.broadcasts.create({
            name: key,
            segmentId: settings.segmentId,
            ...(topicId === undefined ? {} : { topicId }),
            from: settings.from,
            ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
            subject: notice.subject,
            html: notice.html,
            text: notice.text,
            send: true,
          });
        },
        async () => {
          // A 5xx or a lost answer may hide a broadcast created, sent or left a draft.
          const existing = await findBroadcast((name) => name === key);
          if (existing === undefined) return undefined;
          if (existing.status === 'draft') await sendDraft(existing.id);
          return { id: existing.id };
        },
      );
      return delivered(created.id);
    },
  };
}
