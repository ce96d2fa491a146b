/**
 * `forms` section of `npm run bench`: 200 subscribe requests sent at once to the register's own
 * server (scripts/serve.ts around dist/server/entry.mjs, the example site built with its server),
 * sending through the real SDK to the Resend fake. Targets: no 5xx; the rate limiter holds (the
 * per-client limit lets exactly its quota through and answers 429 to the rest, and only that many
 * confirmation emails are sent); p95 latency under 100 ms.
 */
import { performance } from 'node:perf_hooks';
import { Resend } from 'resend';
import { resendCaller } from '../../src/io/resend-call.ts';
import { syncTopics } from '../../src/io/resend-topics.ts';
import { FORM_LIMITS as LIMITS } from '../../src/core/subscribe/rate-limit.ts';
import { FAKE_RESEND_KEY, startFakeResend } from '../support/fakes/resend.ts';
import { formBody, startFormServer, TEST_SECRET } from '../support/form-server.ts';
import { buildTempSite } from '../support/site.ts';
import { printTarget, type Benchmark } from './bench-measure.ts';

const REQUESTS = 200;

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export const formBenchmarks: Benchmark[] = [
  {
    name: 'forms',
    description: `${REQUESTS} concurrent subscribe requests from one client to the local server with the Resend fake`,
    async run() {
      const built = buildTempSite();
      if (built.status !== 0) throw new Error(built.output);
      await using fake = await startFakeResend();
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
      try {
        // Warm the server's first on-demand render, which loads its chunks, outside the measurement.
        await server.get('subscribe/confirm/?token=warm-up');
        const url = new URL('subscribe/send/', server.origin);
        const results = await Promise.all(
          Array.from({ length: REQUESTS }, async (_, index) => {
            const start = performance.now();
            const response = await fetch(url, {
              method: 'POST',
              redirect: 'manual',
              headers: {
                Origin: server.origin,
                Accept: 'application/json',
                'Content-Type': 'application/x-www-form-urlencoded',
              },
              body: formBody({ email: `bench${index}@customer.example`, services: ['meetings', 'api'] }),
            });
            await response.arrayBuffer();
            return { status: response.status, ms: performance.now() - start };
          }),
        );
        const byStatus = new Map<number, number>();
        for (const { status } of results) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        const times = results.map((result) => result.ms);
        const quota = LIMITS.subscribePerClient.limit;
        console.log(
          `  answers: ${[...byStatus].map(([status, count]) => `${count} × ${status}`).join(', ')}; confirmation emails sent: ${fake.emails.length}`,
        );
        console.log(
          `  latency: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
        );
        printTarget(
          'no 5xx',
          `${results.filter((result) => result.status >= 500).length} × 5xx`,
          results.every((result) => result.status < 500),
        );
        printTarget(
          `the rate limiter holds: ${quota} accepted, ${REQUESTS - quota} × 429, ${quota} emails`,
          `${byStatus.get(200) ?? 0} accepted, ${byStatus.get(429) ?? 0} × 429, ${fake.emails.length} emails`,
          byStatus.get(200) === quota && byStatus.get(429) === REQUESTS - quota && fake.emails.length === quota,
        );
        printTarget('p95 < 100 ms', `${percentile(times, 95).toFixed(1)} ms`, percentile(times, 95) < 100);
      } finally {
        await server.close();
        built.site[Symbol.dispose]();
      }
    },
  },
];
