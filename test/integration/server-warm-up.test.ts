/**
 * The server readies its form routes before it says it is serving: it asks itself for them with
 * GET requests, which change nothing, on an address it can reach even when it listens on all.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackOrigin, warmUp } from '../../src/io/server-warm-up.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A local server that records each request's method and path, and answers as `answer` says. */
async function recorder(answer: (request: IncomingMessage) => number = () => 200) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(answer(request), { Location: '/subscribe/' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return { origin: loopbackOrigin(server.address() as AddressInfo), seen };
}

describe('loopbackOrigin', () => {
  it('reaches a server listening on every IPv4 address through 127.0.0.1', () => {
    expect(loopbackOrigin({ address: '0.0.0.0', family: 'IPv4', port: 8080 })).toBe('http://127.0.0.1:8080');
  });

  it('reaches a server listening on every IPv6 address through [::1]', () => {
    expect(loopbackOrigin({ address: '::', family: 'IPv6', port: 4321 })).toBe('http://[::1]:4321');
  });

  it('keeps a specific address, in brackets when it is IPv6', () => {
    expect(loopbackOrigin({ address: '::1', family: 'IPv6', port: 4321 })).toBe('http://[::1]:4321');
    expect(loopbackOrigin({ address: '192.0.2.7', family: 'IPv4', port: 80 })).toBe('http://192.0.2.7:80');
  });
});

describe('warmUp', () => {
  it('asks for the subscribe target and the confirmation page under the base path, with GET only', async () => {
    const site = await recorder((request) => (request.url?.includes('/send/') ? 303 : 400));
    await warmUp(site.origin, '/register/');
    expect(site.seen).toEqual(['GET /register/subscribe/send/', 'GET /register/subscribe/confirm/?token=warm-up']);
  });

  it('resolves when nothing answers, so a server starts anyway', async () => {
    const site = await recorder();
    closers.pop()?.();
    await expect(warmUp(site.origin, '/', 1_000)).resolves.toBeUndefined();
  });
});
