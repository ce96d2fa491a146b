/**
 * Calls to the Resend SDK, which never throws for API errors and never retries: this unwraps its
 * `{ data, error }` results, retries 429 and 5xx with backoff honouring `retry-after`, and turns
 * any other error into a DeliveryError in the provider's own words with what to do about it.
 */
import { Resend } from 'resend';
import { DeliveryError } from '../core/notices/delivery.ts';

/** How long one Resend call may take before it counts as unanswered (and is retried after a look-up). */
export const CALL_TIMEOUT_MS = 30_000;

/**
 * The Resend SDK with a timeout on every call: its own requests never time out, and a call that
 * hung once waited 301 s. An aborted call comes back as "no answer", which the caller retries
 * after looking whether it took effect.
 */
export function resendClient(apiKey: string, options: { baseUrl?: string; timeoutMs?: number } = {}): Resend {
  const timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS;
  class TimedResend extends Resend {
    override fetchRequest<T>(path: string, init: RequestInit = {}) {
      return super.fetchRequest<T>(path, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    }
  }
  return new TimedResend(apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
}

export interface RetrySettings {
  /** Attempts per call, the first included. */
  attempts?: number;
  /** Waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

type Result<T> = {
  data: T | null;
  error: { message: string; statusCode: number | null; name: string } | null;
  headers: Record<string, string> | null;
};

export type ResendCall = ReturnType<typeof resendCaller>;

export function resendCaller(settings: RetrySettings = {}) {
  const attempts = settings.attempts ?? 5;
  const sleep = settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /**
   * Call until it succeeds or fails for good, on 429, 5xx or no answer. A 5xx or a lost answer
   * may hide a success, so the caller's `beforeRetry` looks first whether the request took effect.
   */
  return async function call<T>(
    what: string,
    request: () => Promise<Result<T>>,
    beforeRetry?: () => Promise<T | undefined>,
  ): Promise<T> {
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
                  ? "The account's sending quota is used up; raise it or wait, then run npm run notify again."
                  : 'Nothing was changed on our side; run the command again once Resend answers.'),
          { refused: !transient || quota },
        );
      }
      const retryAfter = Number(headers?.['retry-after']);
      await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 1000 * 2 ** (attempt - 1));
      if (beforeRetry !== undefined && status !== 429) {
        const done = await beforeRetry();
        if (done !== undefined) return done;
      }
    }
  };
}

/** A look-up where 404 means "there is none": undefined then; anything else as `call` handles it. */
export async function findOrAbsent<T>(
  call: ResendCall,
  what: string,
  request: () => Promise<Result<T>>,
): Promise<T | undefined> {
  let absent = false;
  const found = await call(what, async () => {
    const result = await request();
    if (result.error?.statusCode === 404) {
      absent = true;
      return { data: {} as T, error: null, headers: result.headers };
    }
    return result;
  });
  return absent ? undefined : found;
}

/** Resend's list endpoints page with an `after` cursor: one page of 100 at a time, as asked for. */
export const PAGE_SIZE = 100;

/** Every item of a cursor-paged list, fetched a page at a time; stop early by leaving the loop. */
export async function* listAll<T extends { id: string }>(
  call: ResendCall,
  what: string,
  list: (page: { limit: number; after?: string }) => Promise<Result<{ data: T[]; has_more: boolean }>>,
): AsyncGenerator<T> {
  let after: string | undefined;
  for (;;) {
    const page = await call(what, () => list({ limit: PAGE_SIZE, ...(after ? { after } : {}) }));
    yield* page.data;
    if (!page.has_more || page.data.length === 0) return;
    after = page.data.at(-1)!.id;
  }
}
