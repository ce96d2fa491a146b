/**
 * The pure parts of the forms: the signed confirmation token, the bounded rate limiter and the
 * form checks.
 */
import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION, parseObjectionForm, parseSubscribeForm } from '../../src/core/subscribe/forms.ts';
import { rateLimiter } from '../../src/core/subscribe/rate-limit.ts';
import { signRequest, TOKEN_LIFETIME_MS, tokenId, verifyToken } from '../../src/core/subscribe/token.ts';

const SECRET = 'unit-test-secret-0123456789abcdefghijklmnop';
const asked = Date.UTC(2026, 11, 3, 9, 0, 0);
const request = { email: 'ana@customer.example', services: ['meetings'], wording: CONSENT_VERSION, requestedAt: asked };

describe('confirmation token', () => {
  it('verifies a token it signed, within 48 hours, and names it by its signature', async () => {
    const token = await signRequest(request, SECRET);
    expect(await verifyToken(token, SECRET, asked + TOKEN_LIFETIME_MS - 1)).toEqual({
      status: 'valid',
      request,
      id: tokenId(token),
    });
  });

  it('calls a token older than 48 hours expired', async () => {
    const token = await signRequest(request, SECRET);
    expect((await verifyToken(token, SECRET, asked + TOKEN_LIFETIME_MS + 1)).status).toBe('expired');
  });

  it('refuses a token whose address was changed, or signed with another secret', async () => {
    const token = await signRequest(request, SECRET);
    const [payload, signature] = token.split('.') as [string, string];
    const changed = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('ana@', 'eve@')).toString(
      'base64url',
    );
    expect((await verifyToken(`${changed}.${signature}`, SECRET, asked)).status).toBe('invalid');
    expect((await verifyToken(await signRequest(request, `${SECRET}x`), SECRET, asked)).status).toBe('invalid');
    expect((await verifyToken('', SECRET, asked)).status).toBe('invalid');
    expect((await verifyToken('a.b.c', SECRET, asked)).status).toBe('invalid');
  });
});

describe('rate limiter', () => {
  it('allows the limit per window and key, then refuses until the window has passed', () => {
    const limiter = rateLimiter({ limit: 2, windowMs: 1000 });
    expect([limiter.take('a', 0), limiter.take('a', 10), limiter.take('a', 20), limiter.take('b', 20)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(limiter.take('a', 1000)).toBe(true);
  });

  it('remembers at most maxKeys keys, forgetting the oldest first', () => {
    const limiter = rateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let index = 0; index < 1000; index++) limiter.take(`client-${index}`, index);
    expect(limiter.size).toBe(100);
    expect(limiter.take('client-999', 1000)).toBe(false);
    expect(limiter.take('client-0', 1000)).toBe(true);
  });
});

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

describe('subscribe form', () => {
  const services = ['meetings', 'webinars', 'api'];

  it('lower-cases the address and keeps the chosen services in the register’s order', () => {
    expect(
      parseSubscribeForm(
        form([
          ['email', ' Ana@Customer.Example '],
          ['services', 'api'],
          ['services', 'meetings'],
        ]),
        services,
      ),
    ).toEqual({ ok: true, value: { email: 'ana@customer.example', services: ['meetings', 'api'], robot: false } });
  });

  it('says what to correct: a missing address, no service, a service not offered', () => {
    expect(parseSubscribeForm(form([]), services)).toEqual({
      ok: false,
      errors: { email: 'Enter your email address.', services: 'Choose at least one service.' },
    });
    expect(
      parseSubscribeForm(
        form([
          ['email', 'a@b.example'],
          ['services', 'x'],
        ]),
        services,
      ),
    ).toEqual({
      ok: false,
      errors: { services: 'Choose services from the list.' },
    });
  });

  it('marks a request whose honeypot is filled as a robot', () => {
    const parsed = parseSubscribeForm(
      form([
        ['email', 'a@b.example'],
        ['services', 'api'],
        ['website', 'x'],
      ]),
      services,
    );
    expect(parsed.ok && parsed.value.robot).toBe(true);
  });
});

describe('objection form', () => {
  it('needs a company, an address and reasons, within limits', () => {
    expect(parseObjectionForm(form([['reasons', 'x'.repeat(5001)]]))).toEqual({
      ok: false,
      errors: {
        company: 'Enter the name of your company.',
        email: 'Enter the address we should answer.',
        reasons: 'Shorten the reasons to 5000 characters.',
      },
    });
  });
});
