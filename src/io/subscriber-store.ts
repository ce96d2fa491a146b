/**
 * Where a confirmed subscriber goes: the Resend segment (the only subscriber store in production),
 * with one topic per chosen service and the consent as contact properties; or, without
 * RESEND_API_KEY, a local stand-in, `outbox/contacts.json`, that `npm run subscribers -- list`
 * reads. Nothing is written before an address is confirmed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findOrAbsent, listAll, resendCaller, resendClient, type ResendCall } from './resend-call.ts';
import { serviceTopics } from './resend-topics.ts';
import { FORM_CALL_TIMEOUT_MS } from './mail-delivery.ts';

export interface Consent {
  email: string;
  services: string[];
  /** When the address was confirmed, ISO 8601. */
  consentAt: string;
  /** CONSENT_VERSION of the sentence agreed to. */
  wording: string;
  /** The confirmation link's id: the same link used twice is recognised and changes nothing. */
  request: string;
}

export type ConfirmOutcome = 'added' | 'updated' | 'unchanged';

export interface SubscriberStore {
  confirm(consent: Consent): Promise<ConfirmOutcome>;
}

export interface ResendStoreSettings {
  apiKey: string;
  segmentId: string;
  /** Every service key of register.yaml: the ones not chosen are opted out. */
  allServices: readonly string[];
  baseUrl?: string;
  call?: ResendCall;
}

export function resendSubscriberStore(settings: ResendStoreSettings): SubscriberStore {
  const resend = resendClient(settings.apiKey, {
    timeoutMs: FORM_CALL_TIMEOUT_MS,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
  });
  const call =
    settings.call ?? resendCaller({ attempts: 2, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 500))) });
  const { segmentId } = settings;

  return {
    async confirm(consent) {
      const topics = await serviceTopics(resend, call);
      const missing = settings.allServices.filter((key) => !topics.has(key));
      if (missing.length > 0)
        throw new Error(
          `No Resend topic for the services ${missing.join(', ')}: run npm run subscribers -- sync-topics.`,
        );
      const subscriptions = settings.allServices.map((key) => ({
        id: topics.get(key)!.id,
        subscription: consent.services.includes(key) ? ('opt_in' as const) : ('opt_out' as const),
      }));
      const properties = {
        consent_at: consent.consentAt,
        consent_services: consent.services.join(' '),
        consent_wording: consent.wording,
        consent_request: consent.request,
      };
      const existing = await findOrAbsent(call, 'look up the contact', () =>
        resend.contacts.get({ email: consent.email }),
      );
      if (existing === undefined) {
        await call('create the contact', () =>
          resend.contacts.create({
            email: consent.email,
            segments: [{ id: segmentId }],
            topics: subscriptions,
            properties,
          }),
        );
        return 'added';
      }
      // The SDK types a property as { type, value }; accept a bare value too.
      const raw: unknown = existing.properties?.consent_request;
      const recorded = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
      if (recorded === consent.request && !existing.unsubscribed) return 'unchanged';
      const id = existing.id;
      await call('record the consent', () =>
        // Confirming again is a new, explicit request: it also lifts an earlier global unsubscribe.
        resend.contacts.update({ id, unsubscribed: false, properties }),
      );
      const segments = [];
      for await (const segment of listAll(call, "list the contact's segments", (page) =>
        resend.contacts.segments.list({ contactId: id, ...page }),
      ))
        segments.push(segment.id);
      if (!segments.includes(segmentId))
        await call('add the contact to the segment', () => resend.contacts.segments.add({ contactId: id, segmentId }));
      await call("set the contact's topics", () => resend.contacts.topics.update({ id, topics: subscriptions }));
      return 'updated';
    },
  };
}

/** The local stand-in: one JSON array of consents, newest confirmation per address. */
export function localSubscriberStore(file: string): SubscriberStore & { list(): Promise<Consent[]> } {
  const list = async (): Promise<Consent[]> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Consent[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  // One write at a time: two confirmations at once must not lose one.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    list,
    confirm(consent) {
      const run = queue.then(async () => {
        const contacts = await list();
        const index = contacts.findIndex((contact) => contact.email === consent.email);
        if (index !== -1 && contacts[index]!.request === consent.request) return 'unchanged' as const;
        if (index === -1) contacts.push(consent);
        else contacts[index] = consent;
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, `${JSON.stringify(contacts, null, 2)}\n`);
        return index === -1 ? ('added' as const) : ('updated' as const);
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
