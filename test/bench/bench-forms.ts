/**
 * `forms` section of `npm run bench`: 200 visitors who have the subscribe page open press
 * Subscribe at the same moment, all from one address. Three processes, as in use: the register's
 * own server (scripts/serve.ts around dist/server/entry.mjs, the example site built with its
 * server, started as `npm start` starts it), the Resend fake (reached through the real SDK, in a
 * process of its own as Resend is elsewhere), and this one, the client, which does nothing but send
 * and time requests.
 *
 * Each visitor first loads the page (timed and shown, not a target): that opens its connection,
 * which a browser keeps open and posts the form on. Then the 200 POSTs leave together; a request's
 * time runs from sending it to having read the whole answer. The client is node:http with one
 * kept-alive socket per visitor: `fetch` costs the client several times more per request on one
 * event loop, which showed up as server latency.
 *
 * Targets: no 5xx; the rate limiter holds (the per-client quota goes through, the rest is answered
 * 429, and exactly that many confirmation emails are sent); p95 under 100 ms.
 */
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Resend } from 'resend';
import { resendCaller } from '../../src/io/resend-call.ts';
import { syncTopics } from '../../src/io/resend-topics.ts';
import { FORM_LIMITS as LIMITS } from '../../src/core/subscribe/rate-limit.ts';
import { FAKE_RESEND_KEY } from '../support/fakes/resend.ts';
import { startFakeResendProcess } from '../support/fakes/resend-process.ts';
import { formBody, startFormServer, TEST_SECRET } from '../support/form-server.ts';
import { buildTempSite } from '../support/site.ts';
import { printTarget, type Benchmark } from './bench-measure.ts';

const VISITORS = 200;

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const latency = (times: readonly number[]) =>
  times.length === 0
    ? 'none'
    : `median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;

interface Answer {
  status: number;
  ms: number;
  /** Sent on a connection opened before (the page load's), not a new one. */
  reused: boolean;
}

/**
 * One request on the visitors' agent, timed from the moment it has left the client (its last byte
 * handed to the socket) to the last byte of the answer. The 200 visitors share this one process:
 * timing from the call would add to each request the time the client spends creating the others,
 * which no real visitor, in their own browser, waits for.
 */
function send(
  agent: Agent,
  url: URL,
  options: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let start = performance.now();
    const request = httpRequest(url, { method: options.method, agent, headers: options.headers }, (response) => {
      response.resume();
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - start, reused: request.reusedSocket }),
      );
    });
    request.once('finish', () => {
      start = performance.now();
    });
    request.once('error', reject);
    request.end(options.body);
  });
}

export const formBenchmarks: Benchmark[] = [
  {
    name: 'forms',
    description: `${VISITORS} visitors with the subscribe page open press Subscribe at once (one client address), against the local server and the Resend fake, each in its own process`,
    async run() {
      const built = buildTempSite();
      if (built.status !== 0) throw new Error(built.output);
      await using fake = await startFakeResendProcess();
      const resend = new Resend(FAKE_RESEND_KEY, { baseUrl: fake.url });
      await syncTopics(resend, resendCaller(), {
        name: 'Parlons',
        services: { meetings: 'Parlons Meetings', webinars: 'Parlons Webinars', rooms: 'Rooms', api: 'API' },
      });
      const server = await startFormServer(built.site.root, {
        RESEND_API_KEY: FAKE_RESEND_KEY,
        RESEND_SEGMENT_ID: fake.segmentId,
        RESEND_BASE_URL: fake.url,
        SUBSCRIBE_SECRET: TEST_SECRET,
      });
      // One kept-alive connection per visitor, as each browser has its own.
      const agent = new Agent({ keepAlive: true, maxSockets: VISITORS, maxFreeSockets: VISITORS });
      try {
        const page = await Promise.all(
          Array.from({ length: VISITORS }, () => send(agent, new URL('subscribe/', server.origin), { method: 'GET' })),
        );
        console.log(`  opening the page (${VISITORS} new connections at once): ${latency(page.map((one) => one.ms))}`);

        const target = new URL('subscribe/send/', server.origin);
        const posts = Array.from({ length: VISITORS }, (_, index) => {
          const body = formBody({ email: `bench${index}@customer.example`, services: ['meetings', 'api'] }).toString();
          return {
            method: 'POST' as const,
            body,
            headers: {
              Origin: server.origin,
              Accept: 'application/json',
              'Content-Type': 'application/x-www-form-urlencoded',
              'Content-Length': String(Buffer.byteLength(body)),
            },
          };
        });
        // Three processes share the machine's cores: a busy machine shows in every figure below.
        const load = loadavg()[0]!.toFixed(1);
        const answers = await Promise.all(posts.map((post) => send(agent, target, post)));

        const byStatus = new Map<number, number[]>();
        for (const { status, ms } of answers) byStatus.set(status, [...(byStatus.get(status) ?? []), ms]);
        const times = answers.map((answer) => answer.ms);
        const emails = await fake.emailCount();
        const quota = LIMITS.subscribePerClient.limit;
        const [accepted, limited] = [byStatus.get(200) ?? [], byStatus.get(429) ?? []];
        console.log(
          `  pressing Subscribe: ${[...byStatus].map(([status, all]) => `${all.length} × ${status}`).join(', ')}; ` +
            `${answers.filter((answer) => answer.reused).length} of ${VISITORS} on the page's connection; confirmation emails sent: ${emails}`,
        );
        console.log(`    machine: ${availableParallelism()} cores, load average ${load} just before`);
        console.log(`    all:          ${latency(times)}`);
        console.log(`    accepted:     ${latency(accepted)} (signed link, email through the SDK to the fake)`);
        console.log(`    refused, 429: ${latency(limited)}`);
        printTarget(
          'no 5xx',
          `${answers.filter((answer) => answer.status >= 500).length} × 5xx`,
          answers.every((answer) => answer.status < 500),
        );
        printTarget(
          `the rate limiter holds: ${quota} accepted, ${VISITORS - quota} × 429, ${quota} emails`,
          `${accepted.length} accepted, ${limited.length} × 429, ${emails} emails`,
          accepted.length === quota && limited.length === VISITORS - quota && emails === quota,
        );
        printTarget('p95 < 100 ms', `${percentile(times, 95).toFixed(1)} ms`, percentile(times, 95) < 100);
      } finally {
        agent.destroy();
        await server.close();
        built.site[Symbol.dispose]();
      }
    },
  },
];
