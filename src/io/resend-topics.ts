/**
 * One Resend topic per service of register.yaml. A topic is recognised by the marker at the end of
 * its description, `[service:KEY]`, so a service's label can change (the topic is renamed) while
 * subscribers keep their choice. `syncTopics` is what `npm run subscribers -- sync-topics` runs;
 * `serviceTopics` is the lookup the subscribe form and the notifier share.
 */
import type { Resend } from 'resend';
import { listAll, type ResendCall } from './resend-call.ts';

export interface ServiceTopic {
  id: string;
  service: string;
  name: string;
  description: string;
}

const MARKER = /\[service:([a-z0-9][a-z0-9-]*)\]$/;
/** Resend's limits: name ≤ 50 characters, description ≤ 200. */
const topicName = (publisher: string, label: string) => `${label}`.slice(0, 50) || publisher.slice(0, 50);
const topicDescription = (publisher: string, label: string, key: string) => {
  const marker = ` [service:${key}]`;
  return `${publisher}'s sub-processor notices for ${label}`.slice(0, 200 - marker.length) + marker;
};

/** The topics that stand for a service, by service key. */
export async function serviceTopics(resend: Resend, call: ResendCall): Promise<Map<string, ServiceTopic>> {
  const listed = await call('list topics', () => resend.topics.list());
  const topics = new Map<string, ServiceTopic>();
  for (const topic of listed.data) {
    const service = MARKER.exec(topic.description ?? '')?.[1];
    if (service !== undefined && !topics.has(service))
      topics.set(service, { id: topic.id, service, name: topic.name, description: topic.description ?? '' });
  }
  return topics;
}

export interface SyncResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Topics of services no longer in register.yaml: left alone, their subscribers' choice kept. */
  orphaned: string[];
}

/**
 * Creates a public, opt-in-by-default topic for each service that has none, renames the ones whose
 * label changed, and leaves the rest: running it twice changes nothing the second time.
 */
export async function syncTopics(
  resend: Resend,
  call: ResendCall,
  publisher: { name: string; services: Record<string, string> },
): Promise<SyncResult> {
  const existing = await serviceTopics(resend, call);
  const result: SyncResult = { created: [], updated: [], unchanged: [], orphaned: [] };
  for (const [key, label] of Object.entries(publisher.services)) {
    const name = topicName(publisher.name, label);
    const description = topicDescription(publisher.name, label, key);
    const topic = existing.get(key);
    if (topic === undefined) {
      await call(`create the topic for ${key}`, () =>
        resend.topics.create({
          name,
          description,
          defaultSubscription: 'opt_in',
          // Public: listed on Resend's preferences page, where subscribers change their services.
          visibility: 'public',
        } as Parameters<typeof resend.topics.create>[0]),
      );
      result.created.push(key);
    } else if (topic.name !== name || topic.description !== description) {
      await call(`update the topic for ${key}`, () =>
        resend.topics.update({ id: topic.id, name, description, visibility: 'public' } as Parameters<
          typeof resend.topics.update
        >[0]),
      );
      result.updated.push(key);
    } else result.unchanged.push(key);
  }
  for (const key of existing.keys()) if (!(key in publisher.services)) result.orphaned.push(key);
  return result;
}

/** The contact properties that record consent (Resend needs each key defined before use). */
export const CONSENT_PROPERTIES = ['consent_at', 'consent_services', 'consent_wording', 'consent_request'] as const;

export async function syncConsentProperties(resend: Resend, call: ResendCall): Promise<string[]> {
  const known = new Set<string>();
  for await (const property of listAll(call, 'list contact properties', (page) => resend.contactProperties.list(page)))
    known.add(property.key);
  const created: string[] = [];
  for (const key of CONSENT_PROPERTIES) {
    if (known.has(key)) continue;
    await call(`define the contact property ${key}`, () =>
      resend.contactProperties.create({ key, type: 'string', fallbackValue: '' }),
    );
    created.push(key);
  }
  return created;
}
