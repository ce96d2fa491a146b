/**
 * Delivery through Resend broadcasts to a segment of contacts.
 *
 * Why broadcasts rather than batch emails: Resend hosts the unsubscribe link and honours it for
 * every later broadcast, and one broadcast reaches the whole segment, so the API calls a notice
 * needs do not grow with the number of subscribers (counting them takes one call per 100).
 * Broadcasts have no idempotency keys, so each notice's broadcast is named after the range it
 * covers and looked up by that name before anything is created: a re-run after a crash, or a retry
 * after a timeout, finds it instead of sending it twice.
 *
 * The SDK never throws for API errors and never retries: 429 and 5xx are retried here with backoff,
 * honouring `retry-after`; any other error fails the run with the provider's own words.
 */
import { Resend } from 'resend';
import { DeliveryError, type NoticeDelivery } from '../../src/notices/delivery.ts';
import type { RenderedNotice } from '../../src/render/notice.ts';

export interface ResendSettings {
  apiKey: string;
  segmentId: string;
  from: string;
  replyTo?: string;
  /** For tests: the base URL of a local fake (the SDK also reads RESEND_BASE_URL). */
  baseUrl?: string;
  /** Attempts per call, the first included. */
  attempts?: number;
  /** Waits between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

type Result<T> = { data: T | null; error: { message: string; statusCode: number | null; name: string } | null; headers: Record<string, string> | null };

const UNSUBSCRIBE = '{{{RESEND_UNSUBSCRIBE_URL}}}';
const PAGE = 100;

export function resendDelivery(settings: ResendSettings): NoticeDelivery {
  const resend = new Resend(settings.apiKey, settings.baseUrl ? { baseUrl: settings.baseUrl } : undefined);
  const attempts = settings.attempts ?? 5;
  const sleep = settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /**
   * Call until it succeeds or fails for good, on 429, 5xx or no answer. A 5xx or a lost answer
   * may hide a success, so the caller's `beforeRetry` looks first whether the request took effect.
   */
  async function call<T>(what: string, request: () => Promise<Result<T>>, beforeRetry?: () => Promise<T | undefined>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { data, error, headers } = await request();
      if (error === null && data !== null) return data;
      const status = error?.statusCode ?? null;
      const transient = status === null || status === 429 || status >= 500;
      const quota = error?.name.endsWith('quota_exceeded') ?? false;
      if (!transient || quota || attempt >= attempts) {
        throw new DeliveryError(
          `Resend refused to ${what}: ${status ?? 'no answer'} ${error?.name ?? ''} — ${error?.message ?? 'no detail'}. ` +
            (status === 401 || status === 403
              ? 'Check that RESEND_API_KEY is a full-access key of the team that owns the segment.'
              : status === 422 || status === 400
                ? 'Check RESEND_SEGMENT_ID and the sender address (email.from in content/register.yaml must use a domain verified in Resend).'
                : quota
                  ? 'The account\'s sending quota is used up; raise it or wait, then run npm run notify again.'
                  : 'Nothing was recorded; run npm run notify again once Resend answers.'),
        );
      }
      const retryAfter = Number(headers?.['retry-after']);
      await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 1000 * 2 ** (attempt - 1));
      if (beforeRetry !== undefined && status !== 429) {
        const done = await beforeRetry();
        if (done !== undefined) return done;
      }
    }
  }

  async function findBroadcast(matches: (name: string) => boolean) {
    let after: string | undefined;
    for (;;) {
      const page = await call('list broadcasts', () => resend.broadcasts.list({ limit: PAGE, ...(after ? { after } : {}) }));
      const found = page.data.find((broadcast) => matches(broadcast.name ?? ''));
      if (found !== undefined || !page.has_more || page.data.length === 0) return found;
      after = page.data.at(-1)!.id;
    }
  }

  async function countRecipients(): Promise<number> {
    let count = 0;
    let after: string | undefined;
    for (;;) {
      const page = await call('list the segment\'s contacts', () => resend.contacts.list({ segmentId: settings.segmentId, limit: PAGE, ...(after ? { after } : {}) }));
      count += page.data.filter((contact) => !contact.unsubscribed).length;
      if (!page.has_more || page.data.length === 0) return count;
      after = page.data.at(-1)!.id;
    }
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
        delivered: { provider: 'resend', providerIds: [broadcast.id], recipients: await countRecipients(), sentAt: broadcast.sent_at ?? broadcast.created_at },
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
