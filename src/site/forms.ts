/**
 * What the on-demand routes of the public forms do (src/forms/): subscribe (send a signed
 * confirmation link), confirm (add the contact with its topics and consent), object (email the
 * privacy contact and a receipt to the customer). One instance per server process, wired from the
 * environment on first use; `scripts/serve.ts` checks the same settings at start.
 */
import { todayUtc } from '../core/dates.ts';
import type { Register } from '../core/schema.ts';
import {
  CONSENT_VERSION,
  parseObjectionForm,
  parseSubscribeForm,
  type ObjectionForm,
} from '../core/subscribe/forms.ts';
import { FORM_LIMITS as LIMITS, rateLimiter, type RateLimiter } from '../core/subscribe/rate-limit.ts';
import { signRequest, TOKEN_LIFETIME_MS, tokenId, verifyToken } from '../core/subscribe/token.ts';
import {
  renderConfirmationEmail,
  renderObjectionEmail,
  renderObjectionReceipt,
} from '../core/render/subscriber-emails.ts';
import { maskEmail } from '../core/subscribers.ts';
import { outboxMail, resendMail, type MailDelivery } from '../io/mail-delivery.ts';
import { readServerSettings, type ServerSettings } from '../io/server-settings.ts';
import { localSubscriberStore, resendSubscriberStore, type SubscriberStore } from '../io/subscriber-store.ts';
import { getEntry } from 'astro:content';
import type { PendingChange } from './change-log.ts';
import type { SubprocessorEntry } from './register-data.ts';
import { join } from 'node:path';

interface Runtime {
  settings: ServerSettings;
  mail: MailDelivery;
  store: SubscriberStore;
  limits: { subscribeClient: RateLimiter; subscribeEmail: RateLimiter; objectClient: RateLimiter };
}

let runtime: Runtime | undefined;

function formsRuntime(publisher: Register): Runtime {
  if (runtime !== undefined) return runtime;
  const check = readServerSettings(process.env, process.cwd());
  if (!check.ok) throw new Error(`The server is not configured:\n${check.problems.join('\n')}`);
  const { settings } = check;
  const from = publisher.email.from;
  runtime = {
    settings,
    mail:
      settings.mode === 'resend'
        ? resendMail({ apiKey: settings.apiKey, from, ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}) })
        : outboxMail(settings.outbox, from),
    store:
      settings.mode === 'resend'
        ? resendSubscriberStore({
            apiKey: settings.apiKey,
            segmentId: settings.segmentId,
            allServices: Object.keys(publisher.services),
            ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
          })
        : localSubscriberStore(join(settings.outbox, 'contacts.json')),
    limits: {
      subscribeClient: rateLimiter(LIMITS.subscribePerClient),
      subscribeEmail: rateLimiter(LIMITS.subscribePerEmail),
      objectClient: rateLimiter(LIMITS.objectPerClient),
    },
  };
  return runtime;
}

/**
 * The public address links in emails point to. In production the site's configured address
 * (never the request's Host header, which a visitor controls); on a laptop without a key the
 * address the page was opened at, so the link in outbox/ works locally.
 */
function publicRoot(settings: ServerSettings, requestUrl: URL): URL {
  const base = import.meta.env.BASE_URL;
  const origin = settings.mode === 'outbox' || !import.meta.env.SITE ? requestUrl.origin : import.meta.env.SITE;
  return new URL(base, origin);
}

const today = () => process.env.REGISTER_TODAY ?? todayUtc();

export type SubscribeOutcome =
  | { status: 'sent' }
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'limited' }
  | { status: 'unavailable' };

/**
 * The same answer ("sent") whether or not the address already subscribes: nothing is looked up,
 * a confirmation link is simply sent. A filled honeypot is answered "sent" and sends nothing.
 */
export async function subscribe(
  publisher: Register,
  form: FormData,
  client: string,
  requestUrl: URL,
): Promise<SubscribeOutcome> {
  const { settings, mail, limits } = formsRuntime(publisher);
  const now = Date.now();
  if (!limits.subscribeClient.take(client, now)) return { status: 'limited' };
  const parsed = parseSubscribeForm(form, Object.keys(publisher.services));
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
  const { email, services, robot } = parsed.value;
  if (robot) return { status: 'sent' };
  if (!limits.subscribeEmail.take(email, now)) return { status: 'limited' };
  const token = await signRequest({ email, services, wording: CONSENT_VERSION, requestedAt: now }, settings.secret);
  const confirmUrl = new URL('subscribe/confirm/', publicRoot(settings, requestUrl));
  confirmUrl.searchParams.set('token', token);
  const message = renderConfirmationEmail({
    publisher,
    services: services.map((key) => publisher.services[key] ?? key),
    confirmUrl: confirmUrl.href,
    expiresAt: new Date(now + TOKEN_LIFETIME_MS).toISOString(),
  });
  try {
    await mail.send({ to: email, ...message }, `subscribe-confirm/${tokenId(token)}`);
  } catch (error) {
    console.error(`Could not send the confirmation to ${maskEmail(email)}: ${(error as Error).message}`);
    return { status: 'unavailable' };
  }
  return { status: 'sent' };
}

export type ConfirmOutcome =
  | { status: 'confirmed' | 'already-confirmed'; services: string[] }
  | { status: 'expired' | 'invalid' | 'unavailable' };

export async function checkConfirmation(publisher: Register, token: string) {
  const { settings } = formsRuntime(publisher);
  return verifyToken(token, settings.secret, Date.now());
}

export async function confirm(publisher: Register, token: string): Promise<ConfirmOutcome> {
  const { settings, store } = formsRuntime(publisher);
  const check = await verifyToken(token, settings.secret, Date.now());
  if (check.status !== 'valid') return { status: check.status };
  const { request } = check;
  const services = request.services.filter((key) => key in publisher.services);
  try {
    const outcome = await store.confirm({
      email: request.email,
      services,
      consentAt: new Date().toISOString(),
      wording: request.wording,
      request: check.id,
    });
    return { status: outcome === 'unchanged' ? 'already-confirmed' : 'confirmed', services };
  } catch (error) {
    console.error(`Could not confirm ${maskEmail(request.email)}: ${(error as Error).message}`);
    return { status: 'unavailable' };
  }
}

export type ObjectionWindow = { open: true; change: PendingChange } | { open: false; change?: PendingChange };

/**
 * Whether customers can object to the entry's pending change (a new sub-processor, or a material
 * update) on the day of the request. The server has no git history: the build worked out the change
 * and its deadline (the objectionPeriods collection, as the pages show them); the day is judged here.
 */
export async function objectionWindow(entry: SubprocessorEntry): Promise<ObjectionWindow> {
  const change = (await getEntry('objectionPeriods', entry.id))?.data;
  if (change === undefined) return { open: false };
  return { open: change.deadline >= today(), change };
}

export type ObjectOutcome =
  | { status: 'sent' }
  | { status: 'closed' }
  | { status: 'invalid'; errors: Record<string, string>; values: Partial<ObjectionForm> }
  | { status: 'limited' }
  | { status: 'unavailable' };

export async function object(
  publisher: Register,
  entry: SubprocessorEntry,
  form: FormData,
  client: string,
  requestUrl: URL,
): Promise<ObjectOutcome> {
  const { settings, mail, limits } = formsRuntime(publisher);
  const window = await objectionWindow(entry);
  if (!window.open) return { status: 'closed' };
  if (!limits.objectClient.take(client, Date.now())) return { status: 'limited' };
  const parsed = parseObjectionForm(form);
  if (!parsed.ok)
    return {
      status: 'invalid',
      errors: parsed.errors,
      values: {
        company: String(form.get('company') ?? ''),
        email: String(form.get('email') ?? ''),
        reasons: String(form.get('reasons') ?? ''),
      },
    };
  const objection = parsed.value;
  if (objection.robot) return { status: 'sent' };
  const context = {
    publisher,
    change: {
      name: entry.data.name,
      legalName: entry.data.legalName,
      kind: window.change.kind,
      effective: window.change.effective,
      url: new URL(`subprocessors/${entry.id}/`, publicRoot(settings, requestUrl)).href,
    },
    deadline: window.change.deadline,
    objection,
    receivedAt: new Date().toISOString(),
  };
  // The same objection sent twice (a double click) is one email each way.
  const key = await digest(`${entry.id}\n${objection.email}\n${objection.company}\n${objection.reasons}`);
  try {
    await mail.send(
      { to: publisher.contact, replyTo: objection.email, ...renderObjectionEmail(context) },
      `objection/${key}/privacy`,
    );
    await mail.send(
      { to: objection.email, replyTo: publisher.contact, ...renderObjectionReceipt(context) },
      `objection/${key}/receipt`,
    );
  } catch (error) {
    console.error(`Could not send an objection to ${entry.id}: ${(error as Error).message}`);
    return { status: 'unavailable' };
  }
  return { status: 'sent' };
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What a visitor reads after sending the subscribe form, the same with and without JavaScript. */
export const SUBSCRIBE_MESSAGES: Record<Exclude<SubscribeOutcome['status'], 'invalid'>, string> = {
  sent: 'Check your inbox: if this address receives email, a confirmation link is on its way. It works for 48 hours. Nothing about the address is kept until you confirm.',
  limited: 'Too many requests from here or for this address. Please wait an hour, then try again.',
  unavailable: 'We could not send the confirmation email just now. Please try again in a few minutes.',
};

export const STATUS_CODES = { sent: 200, invalid: 400, limited: 429, unavailable: 503 } as const;

/** The address a request came from, for the per-client limit (the socket's, as Astro reports it). */
export function clientOf(clientAddress: () => string): string {
  try {
    return clientAddress();
  } catch {
    return 'unknown';
  }
}
