/**
 * The forms in a real browser (Debian's Chromium through playwright-core) against the built
 * server and the Resend fake: subscribing without JavaScript (POST, 303, "check your inbox") and
 * with it (an answer in place, no reload), confirming, objecting — under the server's
 * Content-Security-Policy, with no request leaving the site. Every new page passes html-validate
 * and axe-core. Screenshots go to SCREENSHOT_DIR when it is set.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AXE_SOURCE, launchChromium } from '../support/browser.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_RESEND_KEY, startFakeResend, type FakeResend } from '../support/fakes/resend.ts';
import { startFormServer, TEST_SECRET, tokenIn, type FormServer } from '../support/form-server.ts';
import { childEnv, PROJECT_ROOT, runScript } from '../support/project.ts';
import { buildTempSite, type BuiltSite } from '../support/site.ts';

const SCREENSHOTS = process.env.SCREENSHOT_DIR;

let built: BuiltSite;
let fake: FakeResend;
let site: FormServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Requests to anywhere but the local server, and what the browser's console reported as an error. */
const blocked: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  built = buildTempSite();
  if (built.status !== 0) throw new Error(built.output);
  fake = await startFakeResend();
  const env = { RESEND_API_KEY: FAKE_RESEND_KEY, RESEND_SEGMENT_ID: fake.segmentId, RESEND_BASE_URL: fake.url };
  const sync = await runScript('scripts/subscribers.ts', ['sync-topics'], { cwd: built.site.root, env: childEnv(env) });
  if (sync.status !== 0) throw new Error(sync.stderr);
  site = await startFormServer(built.site.root, {
    ...env,
    SUBSCRIBE_SECRET: TEST_SECRET,
    REGISTER_TODAY: '2026-12-03',
  });
  browser = await launchChromium();
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await fake?.close();
  built?.site[Symbol.dispose]();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  expect(blocked, 'requests that tried to leave the site').toEqual([]);
  expect(consoleErrors.splice(0), 'errors in the browser console (a CSP violation shows here)').toEqual([]);
});

async function open(path: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${site.origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    // A page answered 4xx on purpose (a tampered link) logs its own status; anything else counts.
    const ownStatus = message.location().url === page.url() && message.text().startsWith('Failed to load resource');
    if (message.type() === 'error' && !ownStatus) consoleErrors.push(message.text());
  });
  await page.goto(new URL(path, site.origin).href);
  return page;
}

async function screenshot(page: Page, name: string) {
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const confirmationFor = (address: string) => {
  const email = fake.emails.findLast((sent) => sent.to.includes(address));
  if (email === undefined) throw new Error(`no confirmation sent to ${address}`);
  return `/subscribe/confirm/?token=${tokenIn(email.text)}`;
};

describe('subscribing', () => {
  it('works without JavaScript: the form posts, "check your inbox" follows, the link confirms', async () => {
    const page = await open('/subscribe/', false);
    await screenshot(page, 'subscribe');
    await page.fill('#subscribe-email', 'nojs@customer.example');
    await page.uncheck('input[name="services"][value="rooms"]');
    await Promise.all([page.waitForURL('**/subscribe/check-your-inbox/'), page.click('button[type="submit"]')]);
    expect(await page.textContent('h1')).toBe('Check your inbox');
    await screenshot(page, 'check-your-inbox');

    await page.goto(new URL(confirmationFor('nojs@customer.example'), site.origin).href);
    expect(await page.textContent('main .lead')).toContain('n***@customer.example');
    await Promise.all([page.waitForURL('**/subscribe/confirm/'), page.click('button[type="submit"]')]);
    expect(await page.textContent('h1')).toBe('You are subscribed');
    await screenshot(page, 'confirmed');
    const contact = fake.contacts().find((one) => one.email === 'nojs@customer.example')!;
    expect(Object.values(contact.topics).sort()).toEqual(['opt_in', 'opt_in', 'opt_in', 'opt_out']);
  });

  it('with JavaScript, answers in place without leaving the page', async () => {
    const page = await open('/subscribe/');
    await page.fill('#subscribe-email', 'js@customer.example');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.textContent('[data-form-status]')).toContain('Check your inbox');
    expect(new URL(page.url()).pathname).toBe('/subscribe/');
    expect(await page.getAttribute('[data-form-status]', 'data-state')).toBe('done');
    expect(fake.emails.some((sent) => sent.to.includes('js@customer.example'))).toBe(true);
    await screenshot(page, 'subscribe-js-answer');
  });
});

describe('objecting', () => {
  it('sends the form and shows that it was sent', async () => {
    const page = await open('/subprocessors/mistral/');
    await Promise.all([page.waitForURL('**/object/'), page.click('a:text("Object to this change")')]);
    await page.fill('#object-company', 'Acme GmbH');
    await page.fill('#object-email', 'dpo@acme.example');
    await page.fill('#object-reasons', 'Transcripts must stay in the EU.');
    await screenshot(page, 'object');
    await Promise.all([page.waitForURL('**/object/?sent=1'), page.click('button[type="submit"]')]);
    expect(await page.textContent('main .lead')).toContain('Your objection was sent');
    await screenshot(page, 'object-sent');
  });
});

describe('the new pages', () => {
  const paths = async () => {
    await site.post('subscribe/send/', { email: 'pages@customer.example', services: 'api' });
    return [
      '/subscribe/',
      '/subscribe/check-your-inbox/',
      confirmationFor('pages@customer.example'),
      '/subscribe/confirm/?token=tampered',
      '/subprocessors/mistral/object/',
      '/subprocessors/mistral/object/?sent=1',
      '/subprocessors/scaleway/object/',
    ];
  };

  it('are valid HTML', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')));
    const errors: string[] = [];
    for (const path of await paths()) {
      const report = await validator.validateString(await (await site.get(path.slice(1))).text(), path);
      for (const result of report.results)
        for (const message of result.messages)
          if (message.severity === 2) errors.push(`${path}: ${message.ruleId} ${message.message}`);
    }
    expect(errors).toEqual([]);
  });

  it('have no axe-core violation', async () => {
    for (const path of await paths()) {
      const page = await open(path);
      const result = await page.evaluate(async (source) => {
        // biome-ignore lint/security/noGlobalEval: axe's own source, evaluated the way the devtools protocol would
        (0, eval)(source);
        return (
          window as unknown as {
            axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
          }
        ).axe.run();
      }, AXE_SOURCE);
      const violations = result.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
      );
      expect(violations, path).toEqual([]);
    }
  });
});
