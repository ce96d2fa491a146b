/**
 * A stateful fake of the Resend API on a local `node:http` server, for the real `resend` SDK
 * pointed at it (`RESEND_BASE_URL`). It keeps contacts, segment membership, topics and each
 * contact's topic subscriptions, contact properties (defined first, as Resend requires),
 * transactional emails (with idempotency keys: the same key and body answer the first response,
 * another body 409) and broadcasts; a broadcast created with `send: true` (or sent later) is
 * delivered to every subscribed contact of its segment, recorded in `deliveries` so tests can
 * count who got what.
 *
 * Every request is checked against Resend's OpenAPI document (`test/support/contracts/`); one that breaks
 * it is answered 422 naming the problem and kept in `violations`. Faults can be injected: an error
 * answer (429 with retry-after, 500, 422), a lost answer — the request takes effect and the
 * connection drops before the reply, as a timeout would — or a late one (`delay`: it takes effect at
 * once and the answer is held back). An error or a lost answer may leave a broadcast created as a
 * draft and never sent (`effect: 'draft'`).
 *
 * Broadcasts may be scoped to a topic (`topic_id`): they reach the segment's subscribed contacts
 * that did not opt out of the topic (topics here are public and opt-in by default). Several
 * segments share the account, as staging and production would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContract } from './openapi-contract.ts';

export const FAKE_RESEND_KEY = 're_test_fake_key';

interface Contact {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  created_at: string;
  unsubscribed: boolean;
  segments: Set<string>;
  /** Topic id → opt_in | opt_out, as set for this contact. */
  topics: Map<string, 'opt_in' | 'opt_out'>;
  properties: Record<string, string | number>;
}

interface Topic {
  id: string;
  name: string;
  description: string;
  default_subscription: 'opt_in' | 'opt_out';
  visibility: 'public' | 'private';
  created_at: string;
}

interface ContactProperty {
  id: string;
  key: string;
  type: 'string' | 'number';
  fallback_value: string | number | null;
  created_at: string;
}

/** A transactional email as Resend accepted it. */
export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  reply_to: string[];
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string | undefined;
}

interface Broadcast {
  id: string;
  object: 'broadcast';
  name: string | null;
  segment_id: string;
  audience_id: string;
  from: string;
  subject: string;
  reply_to: string[] | null;
  html: string | null;
  text: string | null;
  status: 'draft' | 'queued' | 'sent';
  topic_id: string | null;
  created_at: string;
  scheduled_at: string | null;
  sent_at: string | null;
}

/** `effect`: what the request did before the fault (default: nothing for an error, everything for a drop). */
type FaultEffect = { effect?: 'none' | 'applied' | 'draft' };
type Fault =
  | ({ kind: 'error'; status: number; name: string; message: string; retryAfter?: number } & FaultEffect)
  | ({ kind: 'drop' } & FaultEffect)
  | { kind: 'delay'; delayMs: number };

export interface FakeResend {
  url: string;
  segmentId: string;
  /** Every request, as method and path (`POST /broadcasts`). */
  requests: string[];
  violations: string[];
  broadcasts: Broadcast[];
  /** Who received which broadcast. */
  deliveries: { broadcastId: string; email: string }[];
  topics: Topic[];
  contactProperties: ContactProperty[];
  /** Transactional emails (POST /emails), each once per idempotency key. */
  emails: SentEmail[];
  contacts(): {
    email: string;
    unsubscribed: boolean;
    segments: string[];
    /** Topic id → subscription. */
    topics: Record<string, 'opt_in' | 'opt_out'>;
    properties: Record<string, string | number>;
  }[];
  addContacts(emails: string[], options?: { unsubscribed?: boolean; segmentId?: string }): void;
  /** Another segment in the same account; returns its id. */
  addSegment(): string;
  /** A topic (public, opt-in by default); returns its id. */
  addTopic(name: string): string;
  /** The contact opted out of the topic on the preferences page. */
  optOut(email: string, topicId: string): void;
  /** The next request matching `route` (`POST /broadcasts`), or any request, answers with this fault. */
  failNext(fault: Fault, route?: string): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const contract = loadContract('resend.openapi.json');

export async function startFakeResend(): Promise<FakeResend> {
  const segmentId = '78261eea-8f8b-4381-83c6-79fa7120f1cf';
  const segments = new Set([segmentId]);
  const contacts: Contact[] = [];
  const broadcasts: Broadcast[] = [];
  const topics: Topic[] = [];
  const contactProperties: ContactProperty[] = [];
  const emails: SentEmail[] = [];
  const idempotent = new Map<string, { body: string; answer: [number, unknown] }>();
  const deliveries: FakeResend['deliveries'] = [];
  const requests: string[] = [];
  const violations: string[] = [];
  const faults: { fault: Fault; route: string | undefined }[] = [];
  let sequence = 0;
  const nextId = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
  const now = () => new Date(Date.UTC(2026, 10, 23, 9, 0, sequence)).toISOString();

  /** A contact's choice for a topic, or the topic's default when they made none. */
  const subscribedTo = (contact: Contact, topicId: string) =>
    (contact.topics.get(topicId) ?? topics.find((topic) => topic.id === topicId)?.default_subscription ?? 'opt_in') ===
    'opt_in';
  const deliver = (broadcast: Broadcast) => {
    broadcast.status = 'sent';
    broadcast.sent_at = now();
    for (const contact of contacts) {
      if (
        contact.segments.has(broadcast.segment_id) &&
        !contact.unsubscribed &&
        (broadcast.topic_id === null || subscribedTo(contact, broadcast.topic_id))
      )
        deliveries.push({ broadcastId: broadcast.id, email: contact.email });
    }
  };
  const findContact = (key: string) =>
    contacts.find((contact) => contact.id === key || contact.email === key.toLowerCase());
  const page = <T extends { id: string }>(items: T[], query: URLSearchParams) => {
    const limit = Number(query.get('limit') ?? 20);
    const after = query.get('after');
    const start = after === null ? 0 : items.findIndex((item) => item.id === after) + 1;
    const data = items.slice(start, start + limit);
    return { object: 'list', has_more: start + limit < items.length, data };
  };
  const contactView = ({ segments: _segments, topics: _topics, properties, ...contact }: Contact) => ({
    object: 'contact',
    ...contact,
    // As the SDK types it: each value with its type.
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, { type: typeof value, value }]),
    ),
  });
  const notFound = (what: string): [number, unknown] => [
    404,
    { statusCode: 404, name: 'not_found', message: `${what} not found` },
  ];
  /** Resend refuses properties whose key was not defined through /contact-properties. */
  const undefinedProperties = (properties: unknown) =>
    Object.keys((properties as Record<string, unknown> | undefined) ?? {}).filter(
      (key) => !contactProperties.some((property) => property.key === key),
    );
  const setTopics = (contact: Contact, wanted: unknown): [number, unknown] | undefined => {
    for (const { id, subscription } of (wanted as { id: string; subscription: 'opt_in' | 'opt_out' }[]) ?? []) {
      if (!topics.some((topic) => topic.id === id)) return notFound(`Topic ${id}`);
      contact.topics.set(id, subscription);
    }
    return undefined;
  };

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    idempotencyKey: string | undefined,
  ): [number, unknown] {
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/topics') return [200, page(topics, query)];
    if (method === 'GET' && path === '/broadcasts') {
      const listed = [...broadcasts]
        .reverse()
        .map(({ id, name, audience_id, segment_id, status, topic_id, created_at, scheduled_at, sent_at }) => ({
          id,
          name,
          audience_id,
          segment_id,
          status,
          topic_id,
          created_at,
          scheduled_at,
          sent_at,
        }));
      return [200, page(listed, query)];
    }
    if (method === 'POST' && path === '/broadcasts') {
      const segment = String(body.segment_id ?? body.audience_id ?? '');
      if (!segments.has(segment)) return [404, { statusCode: 404, name: 'not_found', message: 'Segment not found' }];
      const topic = body.topic_id === undefined || body.topic_id === null ? null : String(body.topic_id);
      if (topic !== null && !topics.some((candidate) => candidate.id === topic))
        return [404, { statusCode: 404, name: 'not_found', message: 'Topic not found' }];
      if (!/@/.test(String(body.from)))
        return [422, { statusCode: 422, name: 'invalid_from_address', message: 'Invalid `from` field.' }];
      const broadcast: Broadcast = {
        id: nextId(),
        object: 'broadcast',
        name: (body.name as string) ?? null,
        segment_id: segment,
        audience_id: segment,
        from: String(body.from),
        subject: String(body.subject),
        reply_to: body.reply_to ? [String(body.reply_to)].flat() : null,
        html: (body.html as string) ?? null,
        text: (body.text as string) ?? null,
        status: 'draft',
        topic_id: topic,
        created_at: now(),
        scheduled_at: null,
        sent_at: null,
      };
      broadcasts.push(broadcast);
      if (body.send === true) deliver(broadcast);
      return [200, { id: broadcast.id }];
    }
    if (parts[0] === 'broadcasts' && parts.length >= 2) {
      const broadcast = broadcasts.find((candidate) => candidate.id === parts[1]);
      if (broadcast === undefined) return [404, { statusCode: 404, name: 'not_found', message: 'Broadcast not found' }];
      if (method === 'POST' && parts[2] === 'send') {
        if (broadcast.status !== 'draft')
          return [422, { statusCode: 422, name: 'validation_error', message: 'Broadcast already sent' }];
        deliver(broadcast);
        return [200, { id: broadcast.id }];
      }
      if (method === 'GET' && parts.length === 2) return [200, broadcast];
    }
    if (method === 'GET' && parts[0] === 'segments' && parts[2] === 'contacts') {
      return [200, page(contacts.filter((contact) => contact.segments.has(parts[1]!)).map(contactView), query)];
    }
    if (method === 'POST' && path === '/emails') {
      const email: SentEmail = {
        id: nextId(),
        from: String(body.from),
        to: [body.to as string | string[]].flat(),
        reply_to: body.reply_to === undefined ? [] : [body.reply_to as string | string[]].flat(),
        subject: String(body.subject),
        text: String(body.text ?? ''),
        html: String(body.html ?? ''),
        idempotencyKey,
      };
      emails.push(email);
      return [200, { id: email.id }];
    }
    if (method === 'POST' && path === '/topics') {
      const topic: Topic = {
        id: nextId(),
        name: String(body.name),
        description: String(body.description ?? ''),
        default_subscription: body.default_subscription as Topic['default_subscription'],
        visibility: (body.visibility as Topic['visibility']) ?? 'private',
        created_at: now(),
      };
      topics.push(topic);
      return [201, { object: 'topic', id: topic.id }];
    }
    if (parts[0] === 'topics' && parts.length === 2) {
      const topic = topics.find((candidate) => candidate.id === parts[1]);
      if (topic === undefined) return notFound('Topic');
      if (method === 'GET') return [200, { object: 'topic', ...topic }];
      if (method === 'PATCH') {
        if (body.default_subscription !== undefined)
          return [422, { statusCode: 422, name: 'validation_error', message: 'default_subscription cannot change' }];
        Object.assign(
          topic,
          Object.fromEntries(
            Object.entries(body).filter(([key]) => ['name', 'description', 'visibility'].includes(key)),
          ),
        );
        return [200, { object: 'topic', id: topic.id }];
      }
    }
    if (method === 'GET' && path === '/contact-properties') return [200, page(contactProperties, query)];
    if (method === 'POST' && path === '/contact-properties') {
      const key = String(body.key);
      if (!/^[A-Za-z0-9_]{1,50}$/.test(key) || contactProperties.some((property) => property.key === key))
        return [422, { statusCode: 422, name: 'validation_error', message: `Invalid or existing key ${key}` }];
      const property: ContactProperty = {
        id: nextId(),
        key,
        type: body.type as ContactProperty['type'],
        fallback_value: (body.fallback_value as string | number | undefined) ?? null,
        created_at: now(),
      };
      contactProperties.push(property);
      return [201, { object: 'contact_property', id: property.id }];
    }
    if (method === 'POST' && path === '/contacts') {
      const email = String(body.email).toLowerCase();
      if (findContact(email) !== undefined)
        return [409, { statusCode: 409, name: 'validation_error', message: 'Contact already exists' }];
      const unknown = undefinedProperties(body.properties);
      if (unknown.length > 0)
        return [
          422,
          { statusCode: 422, name: 'validation_error', message: `Unknown properties: ${unknown.join(', ')}` },
        ];
      const contact: Contact = {
        id: nextId(),
        email,
        first_name: null,
        last_name: null,
        created_at: now(),
        unsubscribed: body.unsubscribed === true,
        segments: new Set(((body.segments as { id: string }[] | undefined) ?? []).map((segment) => segment.id)),
        topics: new Map(),
        properties: { ...((body.properties as Record<string, string | number> | undefined) ?? {}) },
      };
      const refused = setTopics(contact, body.topics);
      if (refused !== undefined) return refused;
      contacts.push(contact);
      return [201, { object: 'contact', id: contact.id }];
    }
    if (parts[0] === 'contacts' && parts.length >= 2) {
      const contact = findContact(decodeURIComponent(parts[1]!));
      if (contact === undefined) return [404, { statusCode: 404, name: 'not_found', message: 'Contact not found' }];
      if (parts[2] === 'segments' && parts[3] === undefined && method === 'GET') {
        const segments = [...contact.segments].map((id) => ({ id, name: 'Subscribers', created_at: now() }));
        return [200, page(segments, query)];
      }
      if (parts[2] === 'topics') {
        if (method === 'PATCH') {
          const refused = setTopics(contact, body.topics);
          return refused ?? [200, { id: contact.id }];
        }
        const listed = topics.map((topic) => ({
          id: topic.id,
          name: topic.name,
          description: topic.description,
          subscription: contact.topics.get(topic.id) ?? topic.default_subscription,
        }));
        return [200, page(listed, query)];
      }
      if (method === 'PATCH' && parts.length === 2) {
        const unknown = undefinedProperties(body.properties);
        if (unknown.length > 0)
          return [
            422,
            { statusCode: 422, name: 'validation_error', message: `Unknown properties: ${unknown.join(', ')}` },
          ];
        if (typeof body.unsubscribed === 'boolean') contact.unsubscribed = body.unsubscribed;
        Object.assign(contact.properties, body.properties ?? {});
        return [200, { object: 'contact', id: contact.id }];
      }
      if (parts[2] === 'segments' && parts[3] !== undefined) {
        if (method === 'POST') contact.segments.add(parts[3]);
        if (method === 'DELETE') contact.segments.delete(parts[3]);
        return [200, { id: parts[3] }];
      }
      if (method === 'GET') return [200, contactView(contact)];
      if (method === 'DELETE') {
        contacts.splice(contacts.indexOf(contact), 1);
        return [200, { object: 'contact', contact: contact.id, deleted: true }];
      }
    }
    return [404, { statusCode: 404, name: 'not_found', message: `No route for ${method} ${path}` }];
  }

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };

    if (request.headers.authorization !== `Bearer ${FAKE_RESEND_KEY}`) {
      reply(401, { statusCode: 401, name: 'invalid_api_key', message: 'API key is invalid' });
      return;
    }
    const problems = contract.checkRequest({
      method,
      pathname: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: raw === '' ? undefined : raw,
    });
    if (problems.length > 0) {
      violations.push(...problems.map((problem) => `${method} ${url.pathname}: ${problem}`));
      reply(422, { statusCode: 422, name: 'validation_error', message: problems.join('; ') });
      return;
    }
    const faultIndex = faults.findIndex(
      ({ route: only }) => only === undefined || only === `${method} ${url.pathname}`,
    );
    const fault = faultIndex === -1 ? undefined : faults.splice(faultIndex, 1)[0]!.fault;
    const effect =
      fault === undefined || fault.kind === 'delay'
        ? 'applied'
        : (fault.effect ?? (fault.kind === 'drop' ? 'applied' : 'none'));
    const parsed = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    const idempotencyKey = [request.headers['idempotency-key']].flat()[0];
    const remembered = idempotencyKey === undefined ? undefined : idempotent.get(`${method} ${idempotencyKey}`);
    if (remembered !== undefined && remembered.body !== raw) {
      reply(409, {
        statusCode: 409,
        name: 'invalid_idempotent_request',
        message: 'Same idempotency key used with a different request body.',
      });
      return;
    }
    // Created, and never sent: as Resend may leave a broadcast when it fails half-way.
    const [status, payload] =
      remembered?.answer ??
      (effect === 'none'
        ? [0, undefined]
        : route(
            method,
            url.pathname,
            url.searchParams,
            effect === 'draft' ? { ...parsed, send: false } : parsed,
            idempotencyKey,
          ));
    if (idempotencyKey !== undefined && remembered === undefined && effect !== 'none')
      idempotent.set(`${method} ${idempotencyKey}`, { body: raw, answer: [status, payload] });
    if (fault?.kind === 'error') {
      reply(
        fault.status,
        { statusCode: fault.status, name: fault.name, message: fault.message },
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
      );
      return;
    }
    if (fault?.kind === 'drop') {
      // The request took effect; the answer never arrives.
      response.socket?.destroy();
      return;
    }
    // The request took effect at once; its answer is held back (a slow or hung connection).
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (response.destroyed) return;
    reply(status, payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    url: `http://127.0.0.1:${port}`,
    segmentId,
    requests,
    violations,
    broadcasts,
    deliveries,
    topics,
    contactProperties,
    emails,
    contacts: () =>
      contacts.map((contact) => ({
        email: contact.email,
        unsubscribed: contact.unsubscribed,
        segments: [...contact.segments],
        topics: Object.fromEntries(contact.topics),
        properties: { ...contact.properties },
      })),
    addContacts(emails, options = {}) {
      for (const email of emails)
        contacts.push({
          id: nextId(),
          email,
          first_name: null,
          last_name: null,
          created_at: now(),
          unsubscribed: options.unsubscribed ?? false,
          segments: new Set([options.segmentId ?? segmentId]),
          topics: new Map(),
          properties: {},
        });
    },
    addSegment() {
      const id = nextId();
      segments.add(id);
      return id;
    },
    addTopic(name) {
      const id = nextId();
      topics.push({
        id,
        name,
        description: '',
        default_subscription: 'opt_in',
        visibility: 'public',
        created_at: now(),
      });
      return id;
    },
    optOut(email, topicId) {
      const contact = findContact(email);
      if (contact === undefined) throw new Error(`No contact ${email} in the fake`);
      contact.topics.set(topicId, 'opt_out');
    },
    failNext(fault, only) {
      faults.push({ fault, route: only });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
