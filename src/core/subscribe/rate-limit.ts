/**
 * In-memory rate limiting for the public forms: a fixed window per key (a client address, an
 * email address). Bounded: at most `maxKeys` keys are remembered; when full, the oldest window is
 * forgotten first, so a flood of distinct keys cannot grow memory without end. Per process — a
 * deployment with several instances gets one limit per instance, which is still a limit.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most (default 10,000). */
  maxKeys?: number;
}

export interface RateLimiter {
  /** Counts one request for `key`; false when the key has used up its window. */
  take(key: string, now: number): boolean;
  /** Keys currently remembered. */
  readonly size: number;
}

export function rateLimiter({ limit, windowMs, maxKeys = 10_000 }: RateLimit): RateLimiter {
  // Map keeps insertion order: the first key is the oldest window.
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      let window = windows.get(key);
      if (window === undefined || now - window.start >= windowMs) {
        windows.delete(key);
        while (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= limit) return false;
      window.count++;
      return true;
    },
    get size() {
      return windows.size;
    },
  };
}

/** The public forms' limits, per process: generous for people, tight for scripts. */
export const FORM_LIMITS = {
  subscribePerClient: { limit: 10, windowMs: 10 * 60_000 },
  subscribePerEmail: { limit: 3, windowMs: 60 * 60_000 },
  objectPerClient: { limit: 5, windowMs: 10 * 60_000 },
} as const;
