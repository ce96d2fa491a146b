/**
 * The register in a real browser (Debian's Chromium through playwright-core), served from a local
 * static server: filtering and shareable filter URLs, the page without JavaScript, axe-core on
 * every kind of page, keyboard use, and proof that no request leaves the site's origin.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AXE_PATH, launchChromium } from '../support/browser.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../src/io/content-files.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { partitionEntries } from '../../src/site/status.ts';
import { entryCountries } from '../../src/core/destinations.ts';
import { TODAY } from '../support/helpers.ts';
import { buildTempSite, type BuiltSite } from '../support/site.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

let built: BuiltSite;
let server: StaticServer;
let browser: Browser;
let current: { id: string; name: string; countries: string[]; category: string }[];
let total: number;
const contexts: BrowserContext[] = [];
/** Requests to anywhere but the local server: each is aborted and recorded. */
const blocked: string[] = [];

beforeAll(async () => {
  built = buildTempSite();
  if (built.status !== 0) throw new Error(built.output);
  const { sources } = await readContentFiles(built.site.root);
  const { entries } = validateRegister(sources, { today: TODAY });
  current = partitionEntries(entries, TODAY).current.map(({ id, data }) => ({
    id,
    name: data.name,
    countries: entryCountries(data),
    category: data.category,
  }));
  total = entries.length;
  server = await serveStatic(built.dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  built?.site[Symbol.dispose]();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  expect(blocked, 'requests that tried to leave the site').toEqual([]);
});

async function open(path: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  contexts.push(context);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const response = await page.goto(new URL(path, server.url).href);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The names in the visible rows of the current sub-processors' table. */
const visibleCurrent = (page: Page) =>
  page.$$eval('table[data-status="current"] tbody tr', (rows) =>
    rows
      .filter((row) => !(row as HTMLElement).hidden && (row as HTMLElement).offsetParent !== null)
      .map((row) => row.querySelector('th a')!.textContent!.trim()),
  );

describe('filters', () => {
  it('narrow the table, keep their state in the URL, and a fresh load of that URL shows the same rows', async () => {
    const page = await open('/');
    expect(await visibleCurrent(page)).toHaveLength(current.length);

    await page.selectOption('#f-country', 'US');
    const inUs = current.filter((entry) => entry.countries.includes('US')).map((entry) => entry.name);
    expect(inUs.length).toBeGreaterThan(2);
    expect((await visibleCurrent(page)).sort()).toEqual([...inUs].sort());
    await expect
      .poll(() => page.textContent('.filter-status'))
      .toContain(`${inUs.length} of ${current.length} current sub-processors match.`);

    await page.selectOption('#f-mechanism', 'dpf');
    await page.fill('#f-q', 'payments');
    const expected = await visibleCurrent(page);
    expect(expected).toEqual(['Stripe']);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'payments', country: 'US', mechanism: 'dpf' });

    const fresh = await open(`/${url.search}`);
    expect(await fresh.inputValue('#f-q')).toBe('payments');
    expect(await fresh.inputValue('#f-country')).toBe('US');
    expect(await visibleCurrent(fresh)).toEqual(expected);
    await expect
      .poll(() => fresh.textContent('.filter-status'))
      .toContain(`1 of ${current.length} current sub-processors match.`);

    await fresh.click('text=Clear filters');
    expect(await visibleCurrent(fresh)).toHaveLength(current.length);
    expect(new URL(fresh.url()).search).toBe('');
  });

  it('filter by category and service, counting entries without services as used by every service', async () => {
    const page = await open('/?category=hosting&service=rooms');
    const hosting = current.filter((entry) => entry.category === 'hosting').map((entry) => entry.name);
    // No hosting entry is scoped to services in the example, so all of them serve Parlons Rooms.
    expect((await visibleCurrent(page)).sort()).toEqual([...hosting].sort());
    const none = await open('/?q=no-such-sub-processor');
    expect(await visibleCurrent(none)).toEqual([]);
    expect(await none.isVisible('table[data-status="current"] + p.none')).toBe(true);
  });
});

describe('without JavaScript', () => {
  it('shows every entry in every section, and no filter form', async () => {
    const page = await open('/', { javaScriptEnabled: false });
    const rows = await page.$$eval(
      'table.reg tbody tr',
      (all) => all.filter((row) => (row as HTMLElement).offsetParent !== null).length,
    );
    expect(rows).toBe(total);
    expect(await page.isVisible('#filters')).toBe(false);
    expect(await page.isVisible('#upcoming')).toBe(true);
    expect(await page.isVisible('#former')).toBe(true);
  });

  it('ignores filter parameters in the URL rather than hiding rows', async () => {
    const page = await open('/?country=US', { javaScriptEnabled: false });
    expect(await visibleCurrent(page)).toHaveLength(current.length);
  });
});

describe('accessibility (axe-core)', () => {
  const pages = () => [
    '/',
    '/subprocessors/cloudflare/',
    '/subprocessors/mistral/',
    '/map/',
    '/subscribe/',
    '/404.html',
    ...(built.files().includes('changes/index.html') ? ['/changes/'] : []),
  ];

  it('finds no violation on the register, an entry page, the map and the subscribe page, wide and narrow', async () => {
    for (const width of [1280, 390]) {
      // Narrow: the pages whose layout changes most on a phone.
      for (const path of width === 1280 ? pages() : ['/', '/subprocessors/cloudflare/']) {
        const page = await open(path, { width });
        await page.addScriptTag({ path: AXE_PATH });
        const result = await page.evaluate(() =>
          (
            window as unknown as {
              axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
            }
          ).axe.run(),
        );
        const violations = result.violations.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
        );
        expect(violations, `${path} at ${width} px`).toEqual([]);
      }
    }
  });
});

describe('keyboard', () => {
  it('reaches the skip link, the navigation, the filters and the entry links in order, with a visible focus', async () => {
    const page = await open('/');
    const order: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        if (element === document.body) return undefined;
        const style = getComputedStyle(element);
        return {
          id: element.id,
          tag: element.tagName,
          text: (element.textContent ?? '').trim(),
          href: element.getAttribute('href') ?? '',
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      if (focused === undefined) continue; // the first Tab may land on the document itself
      expect(focused.outline, `focus ring on ${focused.tag} ${focused.text}`).toMatch(/^(solid|auto) [2-9]/);
      order.push(focused.id !== '' ? `#${focused.id}` : focused.href !== '' ? focused.href : focused.text);
    }
    expect(order[0]).toBe('#main');
    const position = (item: string) => order.indexOf(item);
    expect(position('/map/')).toBeGreaterThan(0);
    expect(position('#f-q')).toBeGreaterThan(position('/map/'));
    for (const id of ['#f-country', '#f-category', '#f-service', '#f-mechanism'])
      expect(position(id)).toBeGreaterThan(position('#f-q'));
    // After the filters, the table's entry links, in the table's order.
    const afterFilters = order.slice(order.indexOf('Clear filters') + 1);
    expect(position('Clear filters')).toBeGreaterThan(position('#f-mechanism'));
    expect(afterFilters.slice(0, 3)).toEqual(current.slice(0, 3).map((entry) => `/subprocessors/${entry.id}/`));
  });

  it('follows an entry link with Enter', async () => {
    const page = await open('/');
    await page.focus(`table[data-status="current"] a[href="/subprocessors/${current[0]!.id}/"]`);
    await Promise.all([page.waitForURL(`**/subprocessors/${current[0]!.id}/`), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toContain(current[0]!.name);
  });
});
