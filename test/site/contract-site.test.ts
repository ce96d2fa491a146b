/**
 * The contract-grade parts of the site, built from the example register committed on two days:
 * `/annex/` printed to PDF by Chromium (one section per current sub-processor, a running header,
 * page numbers), `/versions/` and the compare form with and without JavaScript, a version rebuilt
 * and checked in the browser, the exports' hashes recomputed from the served files, and axe and
 * html-validate on the new pages.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AXE_PATH, launchChromium } from '../support/browser.ts';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRegister } from '../../src/core/validate.ts';
import { readContentFiles } from '../../src/io/content-files.ts';
import { partitionEntries } from '../../src/site/status.ts';
import { makeRepo } from '../support/git-repo.ts';
import { TODAY } from '../support/helpers.ts';
import { PROJECT_ROOT, type TempProject } from '../support/project.ts';
import { buildTempSite, htmlErrors, type BuiltSite } from '../support/site.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The example register as two versions: without Mistral AI (14 entries) on 2026-10-01, complete on 2026-11-20. */
function withHistory(site: TempProject): void {
  site.remove('content');
  const repo = makeRepo(site.root);
  const files = (dir: string): Record<string, string> =>
    Object.fromEntries(
      readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((item) =>
        item.isDirectory()
          ? Object.entries(files(join(dir, item.name)))
          : [[join(dir, item.name), readFileSync(join(PROJECT_ROOT, dir, item.name), 'utf8')]],
      ),
    );
  const all = files('content');
  const { 'content/subprocessors/mistral.md': mistral, ...before } = all;
  repo.commit('The register without Mistral AI', '2026-10-01', before);
  repo.commit('Announce Mistral AI', '2026-11-20', { 'content/subprocessors/mistral.md': mistral! });
}

let built: BuiltSite;
let server: StaticServer;
let browser: Browser;
let current: { id: string; name: string }[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  built = buildTempSite({ REGISTER_RECENT_VERSIONS: '1' }, withHistory);
  if (built.status !== 0) throw new Error(built.output);
  const { sources } = await readContentFiles(built.site.root);
  current = partitionEntries(validateRegister(sources, { today: TODAY }).entries, TODAY).current.map(
    ({ id, data }) => ({ id, name: data.name }),
  );
  server = await serveStatic(built.dist);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  built?.site[Symbol.dispose]();
});

async function open(path: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, acceptDownloads: true });
  contexts.push(context);
  await context.route('**/*', (route) =>
    route.request().url().startsWith(`${server.origin}/`) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.goto(new URL(path.replace(/^\//, ''), server.url).href);
  return page;
}

describe('/annex/', () => {
  it('prints to A4 PDF with one section per current sub-processor, a running header and page numbers', async () => {
    const page = await open('/annex/');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
    const pages = text as string[];
    expect(totalPages).toBeGreaterThan(1);
    pages.forEach((content, index) => {
      expect(content).toContain(`Page ${index + 1} of ${totalPages}`);
      expect(content).toContain('Parlons SAS — List of sub-processors');
      expect(content).toContain('Version 2026-11-20');
    });
    const all = pages.join('\n');
    const headings = [...all.matchAll(/^(\d+)\. (.+)$/gm)].map((match) => match[2]!.trim());
    expect(headings).toEqual(current.map((entry) => entry.name).sort((a, b) => a.localeCompare(b, 'en')));
    expect(all).not.toContain('1. Mailgun');
    // A4 is 595 × 842 points.
    const first = await (await getDocumentProxy(new Uint8Array(pdf))).getPage(1);
    expect(first.view.map(Math.round)).toEqual([0, 0, 595, 842]);
  });

  it('has no navigation, and names the version, its commit and hash', () => {
    const html = built.read('annex/index.html');
    expect(html).not.toContain('<nav');
    const json = JSON.parse(built.read('register.json'));
    expect(html).toContain(`SHA-256 of the register version: <code>${json.version.sha256}</code>`);
    expect(html).toContain(`Version 2026-11-20 (commit ${json.version.commit.slice(0, 12)})`);
  });
});

describe('/versions/', () => {
  it('lists every version, and shows its changes, without JavaScript', async () => {
    const page = await open('/versions/', false);
    expect(await page.locator('table.versions tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: '20 November 2026' }).click();
    const version = page.locator('#v2026-11-20');
    await expect.poll(() => version.locator('.change h3').first().textContent()).toContain('Added: Mistral AI');
    const october = await open('/versions/2026-10/', false);
    // The register as first published is its starting point: its entries are not listed as changes.
    expect(await october.locator('#v2026-10-01 .change').count()).toBe(0);
  });

  it('publishes the latest version as JSON whose SHA-256 is the one shown, and register.json names it', () => {
    const json = JSON.parse(built.read('register.json'));
    const latest = built.read('versions/2026-11-20.json');
    expect(json.version).toEqual({
      id: '2026-11-20',
      commit: JSON.parse(latest).commit,
      sha256: sha256(latest),
    });
    expect(built.read('versions/2026-11/index.html')).toContain(`data-sha256="${sha256(latest)}"`);
    expect(JSON.parse(latest).subprocessors.map((entry: { id: string }) => entry.id)).toEqual(
      json.subprocessors.map((entry: { id: string }) => entry.id),
    );
  });

  it('rebuilds an older version in the browser, checks its hash and offers it for download', async () => {
    expect(built.files()).not.toContain('versions/2026-10-01.json');
    const page = await open('/versions/2026-10/');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Rebuild, check and download' }).click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8');
    expect(sha256(text)).toBe(await page.locator('#v2026-10-01').getAttribute('data-sha256'));
    expect(JSON.parse(text).subprocessors).toHaveLength(14);
  });

  it('compares two versions with the change engine in the browser', async () => {
    const page = await open('/versions/compare/?from=2026-10-01&to=2026-11-20');
    await expect
      .poll(() => page.locator('#result-status').textContent())
      .toBe('1 change from 2026-10-01 to 2026-11-20.');
    expect(await page.locator('#result-changes h3').first().textContent()).toContain('Added: Mistral AI');
  });

  it('says without JavaScript that comparing needs it, and where each version’s changes are', async () => {
    const page = await open('/versions/compare/?from=2026-10-01&to=2026-11-20', false);
    expect(await page.locator('.compare-nojs').isVisible()).toBe(true);
    expect(await page.locator('#result').isVisible()).toBe(false);
  });

  it('keeps /versions/ small: under 100 KB gzip', () => {
    expect(gzipSync(built.read('versions/index.html'), { level: 9 }).length).toBeLessThan(100 * 1024);
  });
});

describe('verifiable exports', () => {
  it('lists the SHA-256 of each export in register.sha256, matching the files as served', async () => {
    const list = await (await fetch(new URL('register.sha256', server.url))).text();
    const lines = list.trim().split('\n');
    expect(lines.map((line) => line.split('  ')[1])).toEqual(['register.json', 'register.csv', 'register.jsonld']);
    for (const line of lines) {
      const [hash, name] = line.split('  ') as [string, string];
      const served = Buffer.from(await (await fetch(new URL(name, server.url))).arrayBuffer());
      expect(sha256(served), name).toBe(hash);
    }
  });

  it('names the version in register.jsonld', () => {
    const graph = JSON.parse(built.read('register.jsonld'))['@graph'];
    expect(graph[0]).toMatchObject({
      'dcterms:modified': '2026-11-20',
      'reg:sha256': sha256(built.read('versions/2026-11-20.json')),
    });
  });
});

describe('accessibility and validity of the new pages', () => {
  it('has valid HTML (html-validate)', async () => {
    expect(await htmlErrors(built)).toEqual([]);
  });

  it('passes axe on /annex/, /versions/, a month and the compare form', async () => {
    for (const path of [
      '/annex/',
      '/versions/',
      '/versions/2026-11/',
      '/versions/compare/?from=2026-10-01&to=2026-11-20',
    ]) {
      const page = await open(path);
      await page.addScriptTag({ path: AXE_PATH });
      const result = await page.evaluate(() =>
        (
          window as unknown as {
            axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
          }
        ).axe.run(),
      );
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`),
        path,
      ).toEqual([]);
    }
  });
});
