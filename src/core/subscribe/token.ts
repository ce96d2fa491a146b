/**
 * The confirmation link's token: the subscription request itself (address, services, the consent
 * wording's version, when it was asked), signed with HMAC-SHA256. Nothing is stored before the
 * address is confirmed, so the token is the only copy of the request; the signature is what stops
 * anyone from confirming an address they do not read, or changing its services.
 *
 * Format: `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part))`. Web Crypto
 * (`crypto.subtle`) keeps this pure: the same code runs in Node and in a serverless runtime.
 */

/** How long a confirmation link works. */
export const TOKEN_LIFETIME_MS = 48 * 60 * 60 * 1000;

export interface SubscriptionRequest {
  /** Lower-cased address. */
  email: string;
  /** Keys of `services` in register.yaml; all of them when the register has services and none was unticked. */
  services: string[];
  /** Version of the consent sentence the person saw (CONSENT_VERSION when they asked). */
  wording: string;
  /** When the request was made, ms since the epoch. */
  requestedAt: number;
}

export type TokenCheck =
  | { status: 'valid'; request: SubscriptionRequest; id: string }
  | { status: 'expired'; request: SubscriptionRequest }
  | { status: 'invalid' };

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/** A short name for one request's token: the start of its signature. */
export const tokenId = (token: string): string => token.slice(token.indexOf('.') + 1).slice(0, 16);

export async function signRequest(request: SubscriptionRequest, secret: string): Promise<string> {
  const payload = toBase64Url(
    encoder.encode(
      JSON.stringify({ e: request.email, s: request.services, w: request.wording, t: request.requestedAt }),
    ),
  );
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(payload)));
  return `${payload}.${toBase64Url(signature)}`;
}

/**
 * Checks the signature first (in constant time, by Web Crypto's verify), then the age. An expired
 * token is told apart from a forged one only after its signature holds. `id` names this request
 * (the signature's first 16 characters) so confirming the same link twice can be recognised.
 */
export async function verifyToken(token: string, secret: string, now: number): Promise<TokenCheck> {
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined || token.length > 4096)
    return { status: 'invalid' };
  const signatureBytes = fromBase64Url(signature);
  const payloadBytes = fromBase64Url(payload);
  if (signatureBytes === undefined || payloadBytes === undefined) return { status: 'invalid' };
  const genuine = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    signatureBytes as Uint8Array<ArrayBuffer>,
    encoder.encode(payload),
  );
  if (!genuine) return { status: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return { status: 'invalid' };
  }
  const { e, s, w, t } = (parsed ?? {}) as Record<string, unknown>;
  if (
    typeof e !== 'string' ||
    typeof w !== 'string' ||
    typeof t !== 'number' ||
    !Array.isArray(s) ||
    !s.every((key) => typeof key === 'string')
  )
    return { status: 'invalid' };
  const request: SubscriptionRequest = { email: e, services: s as string[], wording: w, requestedAt: t };
  if (now - t > TOKEN_LIFETIME_MS || t - now > 5 * 60 * 1000) return { status: 'expired', request };
  return { status: 'valid', request, id: tokenId(token) };
}
