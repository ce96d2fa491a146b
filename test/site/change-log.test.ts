/**
 * The change log and the RSS feed, built by `astro build` from a real git history with pinned
 * dates: upcoming changes first, one RSS item per change with a stable guid and absolute links
 * under the base path, markup in content kept inert, and a build without history that says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';
import { buildSite, tempSite, type TempProject, pagesDir } from '../support/project.ts';
import { buildTempSite, htmlErrors, type BuiltSite } from '../support/site.ts';

const TODAY = '2026-11-23';
const ENTRIES = 'content/subprocessors';
const payload = 'Evil <script>alert(1)</script> & "Co" <img src=x onerror=alert(1)>';
/** A purpose with a NUL and an ESC (written as YAML escapes), which XML 1.0 cannot hold even escaped. */
const CONTROL_PURPOSE = 'Hosts the application.\\u0000\\u001b[31m';

/** Replace the site's content/ with a git repository holding a short history. */
function withHistory(site: TempProject): void {
  site.remove('content');
  const repo = makeRepo(site.root);
  repo.commit('Start the register', '2026-01-05', {
    'content/register.yaml': fixtureText('register.yaml'),
    [`${ENTRIES}/acme.md`]: fixtureText('entries/valid-eea-only.md'),
  });
  // A material update says from when it applies (updateEffective), 30 days or more after it is published.
  const usage = fixtureText('entries/valid-eea-only.md')
    .replace('dataCategories: [identity]', 'dataCategories: [identity, usage]')
    .replace('since: 2024-01-15', 'since: 2024-01-15\nupdateEffective: 2026-04-20');
  // Committed before the check refused control characters: the history still holds them.
  repo.commit('Acme processes usage data', '2026-03-10', {
    [`${ENTRIES}/acme.md`]: usage
      .replace('purpose: Hosts the application.', `purpose: "${CONTROL_PURPOSE}"`)
      .replace('updateEffective: 2026-04-20', 'updateEffective: 2026-04-10'),
  });
  repo.commit('Acme: purpose without control characters', '2026-03-12', { [`${ENTRIES}/acme.md`]: usage });
  repo.commit('Announce a new host', '2026-11-20', {
    [`${ENTRIES}/evil.md`]: fixtureText('entries/notice-sufficient.md')
      .replace(/Example Processor/g, payload.replace(/"/g, '\\"'))
      .replace(/^name: (.*)$/m, 'name: "$1"')
      .replace(/^legalName: (.*)$/m, 'legalName: "$1"'),
  });
}

describe('change log and RSS built from git history', () => {
  let built: BuiltSite;
  beforeAll(() => {
    built = buildTempSite({ SITE: 'https://acme.example', BASE: '/register/' }, withHistory);
    expect(built.status, built.output).toBe(0);
    return () => built.site[Symbol.dispose]();
  });
  const read = (path: string) => built.read(path);

  it('has valid HTML on the change log and the entry pages (html-validate)', async () => {
    expect(await htmlErrors(built)).toEqual([]);
  });

  it('is RSS 2.0 with the required channel elements and a self link (well-formedness: rss-parser, below, is strict)', () => {
    const xml = read('rss.xml');
    const { rss } = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel).toMatchObject({
      title: 'Acme Meetings: sub-processor changes',
      link: 'https://acme.example/register',
    });
    expect(rss.channel.description).toContain('Acme Meetings SAS');
    expect(rss.channel['atom:link']).toMatchObject({
      '@_href': 'https://acme.example/register/rss.xml',
      '@_rel': 'self',
    });
  });

  it('has one item per change, newest first, and one for the register as first published, with stable unique guids and RFC 822 dates', async () => {
    const feed = await new Parser().parseString(read('rss.xml'));
    expect(feed.items.map((item) => item.title)).toEqual([
      `Added: ${payload}`,
      'Updated: Example Processor',
      'Updated: Example Processor',
      'Register first published on 5 January 2026 with 1 sub-processor',
    ]);
    const guids = feed.items.map((item) => item.guid);
    expect(new Set(guids).size).toBe(4);
    expect(guids[1]).toMatch(/^[0-9a-f]{40}\/updated\/acme$/);
    expect(feed.items.map((item) => item.pubDate)).toEqual([
      'Fri, 20 Nov 2026 00:00:00 GMT',
      'Thu, 12 Mar 2026 00:00:00 GMT',
      'Tue, 10 Mar 2026 00:00:00 GMT',
      'Mon, 05 Jan 2026 00:00:00 GMT',
    ]);
  });

  it('links every item to an absolute URL under the base path', async () => {
    const feed = await new Parser().parseString(read('rss.xml'));
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://acme.example/register/subprocessors/evil/',
      'https://acme.example/register/subprocessors/acme/',
      'https://acme.example/register/subprocessors/acme/',
      expect.stringMatching(/^https:\/\/acme\.example\/register\/changes\/#rev-[0-9a-f]{12}$/),
    ]);
  });

  it('summarises the change in the item, with markup from content escaped', async () => {
    const xml = read('rss.xml');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    const feed = await new Parser().parseString(xml);
    expect(feed.items[2]?.contentSnippet).toBe(
      'Updated: Example Processor (Purpose, Personal data, Update takes effect)',
    );
    expect(feed.items[2]?.['content:encoded']).toContain(
      'Identity and contact details</del> → <ins><span class="sr-only">now </span>Identity and contact details, Usage data</ins>',
    );
    expect(feed.items[0]?.['content:encoded']).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('stays well-formed XML when an old revision holds control characters: they become U+FFFD', async () => {
    const xml = read('rss.xml');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const feed = await new Parser().parseString(xml);
    expect(feed.items[2]?.['content:encoded']).toContain('Hosts the application.\ufffd\ufffd[31m');
  });

  it('shows upcoming changes before the published ones on /changes/', () => {
    const html = read('changes/index.html');
    const upcoming = html.indexOf('id="upcoming-heading"');
    const published = html.indexOf('id="log-heading"');
    expect(upcoming).toBeGreaterThan(-1);
    expect(html.slice(upcoming, published)).toContain(
      'Published and notified on <time datetime="2026-11-20">20 November 2026</time>; takes effect on <time datetime="2026-12-28">28 December 2026</time>; objections until <time datetime="2026-12-27">27 December 2026</time>.',
    );
    expect(html).toContain('<p class="adoption">Register first published on 5 January 2026 with 1 sub-processor.</p>');
    expect(html.slice(upcoming, published)).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it("shows each entry's own history on its page", () => {
    const html = read('subprocessors/acme/index.html');
    const history = html.slice(html.indexOf('id="history"'));
    expect(history).toContain('Updated');
    // It was listed when the register was first published: that is not an addition.
    expect(history).not.toContain('Added');
  });

  it('lists the history as complete: no note that it is missing or partial', () => {
    const html = read('changes/index.html');
    expect(html).toContain('<time datetime="2026-03-10">');
    expect(html).not.toContain('without the register&#39;s git history');
    expect(html).not.toContain('shallow copy of the register&#39;s history');
  });
});

describe('a build without git history', () => {
  it('still builds, and the change log says why it is empty', () => {
    using site = tempSite();
    const result = buildSite(site, { REGISTER_TODAY: TODAY });
    expect(result.status, result.output).toBe(0);
    const html = readFileSync(join(pagesDir(site.root), 'changes/index.html'), 'utf8');
    expect(html).toContain(
      'This site was built without the register&#39;s git history, so its changes cannot be listed here.',
    );
  });
});
