/**
 * The per-client limits of the form routes, applied by scripts/serve.ts before a request reaches
 * Astro: refusing a flood there costs microseconds a request instead of a page render, so 200
 * requests at once still get their answers quickly. The app applies the same limits again
 * (src/site/forms.ts), for hosts where this server does not run (serverless).
 */
import type { IncomingMessage } from 'node:http';
import { FORM_LIMITS, rateLimiter } from '../core/subscribe/rate-limit.ts';

export interface Refusal {
  status: 429;
  headers: Record<string, string>;
  body: string;
}

const TOO_MANY_TEXT = 'Too many requests from here. Please wait ten minutes, then try again.';
const tooManyHtml = (home: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many requests</title></head><body><main><h1>Too many requests</h1><p>${TOO_MANY_TEXT}</p><p><a href="${home}">Back to the register</a></p></main></body></html>`;

export function requestGuard(base = '/', now: () => number = Date.now) {
  const subscribe = rateLimiter(FORM_LIMITS.subscribePerClient);
  const object = rateLimiter(FORM_LIMITS.objectPerClient);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return (request: IncomingMessage): Refusal | undefined => {
    if (request.method !== 'POST') return undefined;
    const path = (request.url ?? '').split('?')[0] ?? '';
    const limiter =
      path === `${prefix}subscribe/send/`
        ? subscribe
        : path.startsWith(`${prefix}subprocessors/`) && path.endsWith('/object/')
          ? object
          : undefined;
    if (limiter === undefined || limiter.take(request.socket.remoteAddress ?? 'unknown', now())) return undefined;
    const json = (request.headers.accept ?? '').includes('application/json');
    return {
      status: 429,
      headers: {
        'Content-Type': json ? 'application/json' : 'text/html; charset=utf-8',
        'Retry-After': '600',
        'Cache-Control': 'no-store',
      },
      body: json ? JSON.stringify({ status: 'limited', message: TOO_MANY_TEXT }) : tooManyHtml(prefix),
    };
  };
}
