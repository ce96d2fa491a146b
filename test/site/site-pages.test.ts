/**
 * The public site built from the example register, once: valid HTML on every page, the register's
 * sections, the entry pages, the map, the subscribe page and the exports, compared with what
 * `validateRegister` makes of the same content/ folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../src/io/content-files.ts';
import { entryJsonSchema } from '../../src/core/json-schema.ts';
import { countryName } from '../../src/core/words.ts';
import { entryFields, type Subprocessor } from '../../src/core/schema.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { CSV_COLUMNS } from '../../src/site/exports.ts';
import { partitionEntries } from '../../src/site/status.ts';
import { entryCountries } from '../../src/core/destinations.ts';
import { makeRepo } from '../support/git-repo.ts';
import { TODAY } from '../support/helpers.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { buildTempSite, elements, htmlErrors, parseCsv, textOf, urlsIn, type BuiltSite } from '../support/site.ts';

let built: BuiltSite;
let entries: Subprocessor[];
let register: NonNullable<ReturnType<typeof validateRegister>['register']>;

/** The day the example register is published in the temporary site's git history. */
const PUBLISHED = '2026-01-05';

beforeAll(async () => {
  // A history of one commit that publishes content/ as it is: every entry has one change, its addition.
  built = buildTempSite({}, (site) => {
    const repo = makeRepo(site.root);
    repo.git('add', '--', 'content');
    repo.commit('Publish the register', PUBLISHED, {});
  });
  const { sources } = await readContentFiles(built.site.root);
  const validated = validateRegister(sources, { today: TODAY });
  entries = validated.entries;
  register = validated.register!;
});
afterAll(() => built?.site[Symbol.dispose]());

const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('the built site', () => {
  it('builds', () => {
    expect(built.status, built.output).toBe(0);
  });

  it('has valid, accessible HTML on every page (html-validate)', async () => {
    expect(await htmlErrors(built)).toEqual([]);
  });

  it('has every route', () => {
    const files = built.files();
    for (const path of [
      'index.html',
      'map/index.html',
      'subscribe/index.html',
      '404.html',
      'register.json',
      'register.csv',
      'register.schema.json',
      'register.jsonld',
      'favicon.svg',
    ])
      expect(files).toContain(path);
    for (const { id } of entries) expect(files).toContain(`subprocessors/${id}/index.html`);
  });

  it('asks nothing of another origin: no stylesheet, script, image or frame from elsewhere', () => {
    for (const file of built.files().filter((name) => name.endsWith('.html'))) {
      for (const { tag, attribute, url } of urlsIn(built.read(file))) {
        if (tag === 'a') continue; // a link is followed only if the reader chooses to
        expect(url, `${file}: <${tag} ${attribute}>`).not.toMatch(/^(https?:)?\/\//);
      }
      expect(built.read(file)).not.toMatch(/@import|fonts\.googleapis|cdn\./);
    }
    for (const css of built.files().filter((name) => name.endsWith('.css')))
      expect(built.read(css)).not.toMatch(/url\((?!["']?#)/);
  });
});

describe('/ (the register)', () => {
  it('lists current, upcoming and former sub-processors in their own sections', () => {
    const html = built.read('index.html');
    const { current, upcoming, former } = partitionEntries(entries, TODAY);
    expect(current.length).toBeGreaterThan(10);
    expect(upcoming.map((entry) => entry.id)).toEqual(['mistral']);
    expect(former.map((entry) => entry.id)).toEqual(['mailgun']);
    const rowsOf = (part: string) =>
      [...part.matchAll(/<th scope="row"><a href="\/subprocessors\/([a-z0-9-]+)\/">/g)].map((match) => match[1]);
    expect(rowsOf(section(html, 'current-heading'))).toEqual(current.map((entry) => entry.id));
    expect(rowsOf(section(html, 'upcoming-heading'))).toEqual(['mistral']);
    expect(rowsOf(section(html, 'former-heading'))).toEqual(['mailgun']);
  });

  it('shows every row without JavaScript; the filters are hidden until the script shows them', () => {
    const html = built.read('index.html');
    const rows = elements(html).filter((element) => element.tagName === 'tr' && element.properties.dataC !== undefined);
    expect(rows).toHaveLength(entries.length);
    expect(rows.every((row) => row.properties.hidden === undefined)).toBe(true);
    const filters = elements(html).find((element) => element.properties.id === 'filters');
    expect(filters?.tagName).toBe('search');
    expect(filters?.properties.hidden).toBe(true);
  });

  it('says where each entry processes data and on what basis in plain words', () => {
    const html = built.read('index.html');
    const row = (id: string) => {
      const start = html.indexOf(`<th scope="row"><a href="/subprocessors/${id}/"`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    expect(row('stripe')).toContain('Ireland, United States');
    expect(row('stripe')).toContain(
      '<b>United States</b>: EU-US Data Privacy Framework (standard contractual clauses as fallback)',
    );
    expect(row('scaleway')).toContain('None: stays in the EEA');
    expect(row('twilio')).toContain('<b>Japan</b>: adequacy decision');
    expect(row('parlons-inc')).toContain('Affiliate');
    expect(row('mistral')).toContain('Object by <time datetime="2026-12-20">');
    // The filters' data: every country the data reaches, the entity's own included.
    const cloudflare = entries.find((entry) => entry.id === 'cloudflare')!;
    expect(html).toContain(
      `data-c="${entryCountries(cloudflare.data).join(' ')}" data-k="hosting" data-s data-m="dpf scc"`,
    );
  });

  it('links the map, the change log, the exports and the subscribe page', () => {
    const hrefs = urlsIn(built.read('index.html')).map((url) => url.url);
    for (const href of ['/map/', '/changes/', '/subscribe/', '/register.csv', '/register.json'])
      expect(hrefs).toContain(href);
  });
});

describe('/subprocessors/<id>/', () => {
  it('shows identity, data, locations, transfers explained, dates and the body', () => {
    const html = built.read('subprocessors/cloudflare/index.html');
    for (const text of [
      'Cloudflare, Inc.',
      '101 Townsend Street, San Francisco, CA 94107, United States',
      'privacyquestions@cloudflare.com',
      'https://www.cloudflare.com/cloudflare-customer-dpa/',
      'Hosting and infrastructure',
      'Device and connection data (IP address, browser, operating system)',
      'Users of customer accounts (hosts and signed-in participants)',
      'Regional Services (European Union)',
      'Support (remote access)',
      'EU-US Data Privacy Framework',
      'Standard contractual clauses (2021)',
      'Module 3: processor to processor',
      '10 November 2025',
      'Transparency reporting on government requests',
      '6 November 2023',
      '2 October 2023',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('The recipient has self-certified with the US Department of Commerce');
    expect(html).toContain('href="https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj"');
  });

  it('says an EEA-only entry needs no transfer, and renders its Markdown body', () => {
    const html = built.read('subprocessors/scaleway/index.html');
    expect(html).toContain('All the data stays in the European Economic Area');
    expect(html).toContain('Scaleway is Parlons’ primary infrastructure provider.');
  });

  it('marks upcoming and former entries, with the objection deadline', () => {
    expect(built.read('subprocessors/mistral/index.html')).toMatch(
      /Upcoming sub-processor:<\/strong> starts processing data on <time datetime="2026-12-28">28 December 2026<\/time>/,
    );
    expect(built.read('subprocessors/mistral/index.html')).toContain(
      'Customers can object until <time datetime="2026-12-20">20 December 2026</time>',
    );
    expect(built.read('subprocessors/mailgun/index.html')).toContain(
      'Former sub-processor:</strong> processed data from <time datetime="2021-10-04">4 October 2021</time> to <time datetime="2025-06-30">30 June 2025</time>',
    );
    expect(built.read('subprocessors/parlons-inc/index.html')).toContain('<span class="badge">Affiliate</span>');
  });

  it('shows the contact person, the retention period and the onward sub-processors, marking a non-EEA country', () => {
    const stripe = built.read('subprocessors/stripe/index.html');
    expect(stripe).toContain('<dt>Contact person</dt><dd>Data Protection Officer</dd>');
    expect(stripe).toContain('<dt>Retention</dt><dd>For the term of the contract');
    const onward = section(built.read('subprocessors/zapier/index.html'), 'onward-heading');
    expect(onward).toContain(
      '<th scope="row">Amazon Web Services, Inc.</th><td data-label="Country">United States<strong class="outside-eea"> (outside the EEA)</strong></td>',
    );
    expect(onward).toContain('href="https://zapier.com/legal/subprocessors"');
    expect(section(built.read('subprocessors/scaleway/index.html'), 'onward-heading')).toBe('');
  });

  it('has the history section, which begins where the register was first published', () => {
    for (const { id } of entries) {
      const html = built.read(`subprocessors/${id}/index.html`);
      expect(html).toContain(
        '<section aria-labelledby="history-heading" id="history"><h2 id="history-heading">History</h2>',
      );
      const history = section(html, 'history-heading');
      expect(history, id).toContain(
        `<p class="entry-history-date"><time datetime="${PUBLISHED}">5 January 2026</time></p>`,
      );
      // Listed when the register was first published: its starting point, not an addition.
      expect(history, id).toContain('<p>Listed when the register was first published.</p>');
    }
  });
});

describe('/map/', () => {
  it('is an inline SVG drawn at build time, with a legend and a table of every country', () => {
    const html = built.read('map/index.html');
    expect(html).not.toContain('<script');
    const svg = elements(html).find((element) => element.tagName === 'svg')!;
    expect(svg.properties.role).toBe('img');
    const shaded = elements(html).filter(
      (element) => element.tagName === 'path' && (element.properties.className as string[] | undefined)?.length,
    );
    const { current } = partitionEntries(entries, TODAY);
    const countries = [...new Set(current.flatMap((entry) => entryCountries(entry.data)))];
    expect(shaded).toHaveLength(countries.length);
    const table = html.slice(html.indexOf('id="countries-heading"'));
    for (const country of countries) expect(table).toContain(`<th scope="row">${countryName(country)}</th>`);
    expect(html).toMatch(
      /<th scope="row">United States<\/th><td data-label="Basis">Recipient-specific safeguards<\/td>/,
    );
    expect(html).toMatch(/<th scope="row">Japan<\/th><td data-label="Basis">Adequacy decision<\/td>/);
    expect(html).toMatch(/<th scope="row">France<\/th><td data-label="Basis">Inside the EEA<\/td>/);
    // Whole-unit coordinates keep the page small.
    expect(html.length).toBeLessThan(150_000);
    expect(svg.children.length).toBeGreaterThan(150);
  });
});

describe('/subscribe/', () => {
  it('explains notices, the feed, how and by when to object, and the exports', () => {
    const html = built.read('subscribe/index.html');
    // Built with the server: a form (the static build's mailto link is tested in site-build).
    expect(html).toContain('<form class="form" method="post" action="/subscribe/send/" data-subscribe-form>');
    expect(html).toContain('I agree that Parlons SAS emails me a notice before it adds or replaces a sub-processor');
    expect(html).toContain('href="/rss.xml"');
    expect(html).toContain(`at least <strong>${register.noticeDays} days</strong> before it starts`);
    expect(html).toContain(`within <strong>${register.objectionDays} days</strong> of the notice`);
    expect(html).toContain('Mistral AI</a> starts on 28 December 2026: object by <strong>20 December 2026</strong>');
    const documented = [...html.matchAll(/<th scope="row"><code>([A-Za-z]+)<\/code><\/th>/g)].map((match) => match[1]);
    expect(documented).toEqual(CSV_COLUMNS.map((column) => column.name));
  });
});

describe('exports', () => {
  it('register.json is the validated register, with generatedAt, schemaVersion, its version and the publisher', () => {
    const json = JSON.parse(built.read('register.json'));
    const version = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
    expect(json.schemaVersion).toBe(version);
    expect(new Date(json.generatedAt).toISOString()).toBe(json.generatedAt);
    expect(json.publisher).toEqual(register);
    expect(json.subprocessors).toEqual(entries.map(({ id, data }) => ({ id, ...data })));
    // The site's history has one version, the day the register was published.
    expect(json.version).toMatchObject({ id: PUBLISHED, commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(Object.keys(json)).toEqual(['generatedAt', 'schemaVersion', 'version', 'publisher', 'subprocessors']);
  });

  it('register.schema.json is the entry schema', () => {
    expect(JSON.parse(built.read('register.schema.json'))).toEqual(entryJsonSchema());
  });

  it('register.csv has one RFC 4180 row per entry, in the documented column order, matching the data', () => {
    const text = built.read('register.csv');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['id', ...entryFields, 'status']);
    expect(rows).toHaveLength(entries.length);
    const statuses = partitionEntries(entries, TODAY);
    const statusOf = (id: string) =>
      (['current', 'upcoming', 'former'] as const).find((status) => statuses[status].some((entry) => entry.id === id));
    for (const [index, { id, data }] of entries.entries()) {
      const row = Object.fromEntries(header!.map((name, column) => [name, rows[index]![column]!]));
      const list = (cell: string) => (cell === '' ? [] : cell.split('; '));
      expect(row.id).toBe(id);
      for (const field of [
        'name',
        'legalName',
        'address',
        'country',
        'contact',
        'role',
        'purpose',
        'category',
        'since',
      ] as const)
        expect(row[field]).toBe(String(data[field]));
      for (const field of ['website', 'retention', 'dpa', 'noticeGiven', 'until', 'emergency'] as const)
        expect(row[field]).toBe(data[field] ?? '');
      expect(list(row.services!)).toEqual(data.services ?? []);
      expect(list(row.dataCategories!)).toEqual(data.dataCategories);
      expect(list(row.dataSubjects!)).toEqual(data.dataSubjects);
      expect(
        list(row.locations!).map((cell) => {
          const [country, activity, ...region] = cell.split(' ');
          return region.length > 0 ? { country, region: region.join(' '), activity } : { country, activity };
        }),
      ).toEqual(data.locations);
      expect(
        list(row.transfers!).map((cell) => {
          const [country, mechanism, ...options] = cell.split(' ');
          const transfer: Record<string, unknown> = { country, mechanism };
          for (const option of options) {
            const [key, value] = option.split('=') as [string, string];
            if (key === 'fallback') transfer.fallback = value;
            if (key === 'module') transfer.sccModule = Number(value);
            if (key === 'tia') transfer.tia = value;
            if (key === 'measures') transfer.measures = value.split(',');
          }
          return transfer;
        }),
      ).toEqual(data.transfers);
      expect(row.status).toBe(statusOf(id));
    }
    const zapier = rows.find((row) => row[0] === 'zapier')!;
    expect(zapier[header!.indexOf('contactPerson')]).toBe('Privacy team');
    expect(zapier[header!.indexOf('onwardSubprocessors')]).toBe(
      'US Amazon Web Services, Inc.: Hosts the Zapier platform.; list=https://zapier.com/legal/subprocessors',
    );
  });

  it('the README documents the CSV columns in order, under "## Exports"', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const exports = readme.slice(readme.indexOf('\n## Exports'));
    expect(exports.length).toBeGreaterThan(20);
    const documented = [...exports.matchAll(/^\| \d+ \| `([A-Za-z]+)` \|/gm)].map((match) => match[1]);
    expect(documented).toEqual(CSV_COLUMNS.map((column) => column.name));
  });
});

describe('the 404 page', () => {
  it('says the page was not found and links back to the register', () => {
    const html = built.read('404.html');
    expect(textOf(elements(html).find((element) => element.tagName === 'h1')!)).toBe('Page not found');
    expect(urlsIn(html).map((url) => url.url)).toContain('/');
  });
});
