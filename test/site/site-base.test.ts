/**
 * The site served under a base path (GitHub project pages: https://ORG.github.io/REPO/): with
 * `BASE=/register/` every internal link and asset must start with /register/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTempSite, htmlErrors, urlsIn, type BuiltSite } from '../support/site.ts';

let built: BuiltSite;
beforeAll(() => {
  built = buildTempSite({ BASE: '/register/', SITE: 'https://example.github.io' });
});
afterAll(() => built?.site[Symbol.dispose]());

/** An URL that stays on the site: not another origin, not mailto:, not a fragment of the same page. */
const isInternal = (url: string) => !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url);

describe('BASE=/register/', () => {
  it('builds', () => {
    expect(built.status, built.output).toBe(0);
  });

  it('puts every internal href and src of every page under /register/', () => {
    const pages = built.files().filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(15);
    let checked = 0;
    for (const file of pages) {
      for (const { tag, attribute, url } of urlsIn(built.read(file))) {
        if (!isInternal(url)) continue;
        checked++;
        expect(url, `${file}: <${tag} ${attribute}>`).toMatch(/^\/register\//);
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('links the entry pages, map, changes, subscribe and exports under the base', () => {
    const hrefs = urlsIn(built.read('index.html')).map((url) => url.url);
    for (const href of [
      '/register/',
      '/register/map/',
      '/register/changes/',
      '/register/subscribe/',
      '/register/register.csv',
      '/register/register.json',
      '/register/subprocessors/stripe/',
      '/register/favicon.svg',
      '/register/rss.xml',
    ]) {
      expect(hrefs).toContain(href);
    }
    expect(hrefs.some((href) => /^\/register\/_astro\/.+\.css$/.test(href))).toBe(true);
  });

  it('gives absolute addresses with the base where a reader copies them', () => {
    expect(built.read('subscribe/index.html')).toContain('<code>https://example.github.io/register/rss.xml</code>');
  });

  it('is still valid HTML', async () => {
    expect(await htmlErrors(built)).toEqual([]);
  });
});
