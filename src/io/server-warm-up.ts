/**
 * Readies a freshly started server for its first visitor. Astro loads an on-demand route's code
 * when the route is first requested, the forms read their settings and import their signing key on
 * first use, and Node sets up its `fetch` (which the Resend SDK sends with) on its first call:
 * together about 100 ms that the first person to subscribe after a start would otherwise wait.
 *
 * The server asks itself for the form routes with GET requests, which change nothing: no email,
 * no contact, nothing counted by the rate limits (they count POSTs only).
 */
import type { AddressInfo } from 'node:net';

/** GET-only paths under the base: the subscribe form's target (answers a redirect) and the confirmation page. */
export const WARM_UP_PATHS = ['subscribe/send/', 'subscribe/confirm/?token=warm-up'] as const;

/** How the server reaches itself: a wildcard address (0.0.0.0, ::) is reached on the loopback. */
export function loopbackOrigin({ address, family, port }: AddressInfo): string {
  const ipv6 = family === 'IPv6' || address.includes(':');
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return `http://${ipv6 ? `[${host}]` : host}:${port}`;
}

/** Never fails: a route that does not answer here will load on its first real request instead. */
export async function warmUp(origin: string, base: string, timeoutMs = 5_000): Promise<void> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  for (const path of WARM_UP_PATHS) {
    try {
      const response = await fetch(new URL(`${prefix}${path}`, origin), {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
    } catch {
      // Only slower: the route loads when a visitor first asks for it.
    }
  }
}
