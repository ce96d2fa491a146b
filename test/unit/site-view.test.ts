/** The site's pure view helpers: dates and statuses, CSV quoting, sanitising, transfer wording. */
import { createRequire } from 'node:module';
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/schema.ts';
import { csvField, registerCsv, transferCell } from '../../src/site/exports.ts';
import { firstUrl, formatDate, withBase } from '../../src/site/format.ts';
import { sanitizeHtml } from '../../src/site/sanitize.ts';
import { entryStatus } from '../../src/core/status.ts';
import { partitionEntries } from '../../src/site/status.ts';
import smallCountries from '../../src/site/small-countries.json' with { type: 'json' };
import { worldMap } from '../../src/site/world-map.ts';
import { nonEeaDestinations } from '../../src/core/destinations.ts';
import { basisClass, basisInWords, countriesOfUse, entryMechanisms } from '../../src/site/transfers.ts';

const entry = (data: Partial<Entry>): Entry => ({
  name: 'Acme',
  legalName: 'Acme SAS',
  address: '1 rue de Paris, 75001 Paris, France',
  country: 'FR',
  contact: 'privacy@acme.example',
  role: 'subprocessor',
  purpose: 'Hosting',
  category: 'hosting',
  dataCategories: ['identity'],
  dataSubjects: ['users'],
  locations: [{ country: 'FR', activity: 'hosting' }],
  transfers: [],
  since: '2024-01-01',
  ...data,
});

describe('status on a date', () => {
  it('is upcoming before since, former after until, current in between (both days included)', () => {
    expect(entryStatus({ since: '2026-11-24' }, '2026-11-23')).toBe('upcoming');
    expect(entryStatus({ since: '2026-11-23' }, '2026-11-23')).toBe('current');
    expect(entryStatus({ since: '2020-01-01', until: '2026-11-23' }, '2026-11-23')).toBe('current');
    expect(entryStatus({ since: '2020-01-01', until: '2026-11-22' }, '2026-11-23')).toBe('former');
  });

  it('sorts current by name, upcoming soonest first, former most recent first', () => {
    const list = [
      { id: 'b', data: entry({ name: 'beta' }) },
      { id: 'a', data: entry({ name: 'Alpha' }) },
      { id: 'u2', data: entry({ since: '2027-02-01' }) },
      { id: 'u1', data: entry({ since: '2027-01-01' }) },
      { id: 'f1', data: entry({ until: '2024-06-01' }) },
      { id: 'f2', data: entry({ until: '2025-06-01' }) },
    ];
    const parts = partitionEntries(list, '2026-11-23');
    expect(parts.current.map((item) => item.id)).toEqual(['a', 'b']);
    expect(parts.upcoming.map((item) => item.id)).toEqual(['u1', 'u2']);
    expect(parts.former.map((item) => item.id)).toEqual(['f2', 'f1']);
  });
});

describe('formatting', () => {
  it('formats calendar dates without a time zone', () => {
    expect(formatDate('2026-01-01')).toBe('1 January 2026');
    expect(formatDate('2026-12-31', true)).toBe('31 Dec 2026');
  });

  it('joins the base path once', () => {
    expect(withBase('/', 'map/')).toBe('/map/');
    expect(withBase('/register/', 'map/')).toBe('/register/map/');
    expect(withBase('/register', '/map/')).toBe('/register/map/');
    expect(withBase('/register/')).toBe('/register/');
  });

  it('finds the URL in a source note', () => {
    expect(firstUrl('EUR-Lex 02010D0625 (copy); https://cnpd.public.lu/en/x.html')).toBe(
      'https://cnpd.public.lu/en/x.html',
    );
    expect(firstUrl('memory')).toBeUndefined();
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('')).toBe('');
  });

  it.each([
    ['=HYPERLINK("https://evil.example","Click")', `"'=HYPERLINK(""https://evil.example"",""Click"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell a spreadsheet would run as a formula (OWASP): %j', (name, cell) => {
    const csv = registerCsv([{ id: 'acme', data: entry({ name }) }], '2026-11-23');
    const row = csv.split('\r\n')[1]!;
    expect(row.startsWith(`acme,${cell},`)).toBe(true);
  });

  it('leaves cells that only contain those characters further on as written', () => {
    const csv = registerCsv([{ id: 'acme', data: entry({ name: 'Acme = 1+1 @ -2' }) }], '2026-11-23');
    expect(csv.split('\r\n')[1]!.startsWith('acme,Acme = 1+1 @ -2,')).toBe(true);
  });

  it('ends every record with CRLF and writes transfers compactly', () => {
    const csv = registerCsv([{ id: 'acme', data: entry({}) }], '2026-11-23');
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(
      transferCell({
        country: 'US',
        mechanism: 'dpf',
        fallback: 'scc',
        sccModule: 3,
        tia: '2025-10-06',
        measures: ['encryption-in-transit', 'encryption-at-rest'],
      }),
    ).toBe('US dpf fallback=scc module=3 tia=2025-10-06 measures=encryption-in-transit,encryption-at-rest');
  });

  it('exports the contact person, the onward sub-processors and the retention period', () => {
    const csv = registerCsv(
      [
        {
          id: 'acme',
          data: entry({
            contactPerson: { name: 'Jane Doe', position: 'Data Protection Officer' },
            onwardSubprocessors: {
              list: 'https://acme.example/subprocessors',
              entities: [
                { name: 'Amazon Web Services, Inc.', country: 'US', purpose: 'Hosting' },
                { name: 'OVH SAS', country: 'FR', purpose: 'Backups' },
              ],
            },
            retention: '30 days after the end of the contract',
          }),
        },
      ],
      '2026-11-23',
    );
    const row = csv.split('\r\n')[1];
    expect(row).toContain('"Jane Doe, Data Protection Officer"');
    expect(row).toContain(
      '"US Amazon Web Services, Inc.: Hosting; FR OVH SAS: Backups; list=https://acme.example/subprocessors"',
    );
    expect(row).toContain(',30 days after the end of the contract,');
  });
});

describe('sanitising the Markdown body', () => {
  it('removes scripts, handlers, styles, frames, images and javascript: links, and keeps the text', () => {
    const html = sanitizeHtml(
      '<p>Hi <script>alert(1)</script><img src="https://tracker.example/x.png" onerror="alert(1)"><a href="javascript:alert(1)" onclick="x()">link</a><a href="https://ok.example">ok</a></p><iframe src="https://x"></iframe><div style="color:red">styled</div>',
    );
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|<img|<iframe|style=/);
    expect(html).toContain('<a>link</a>');
    expect(html).toContain('<a href="https://ok.example">ok</a>');
    expect(html).toContain('styled');
  });

  it("moves headings down below the page's own", () => {
    expect(sanitizeHtml('<h1>A</h1><h5>B</h5><h6>C</h6>', 2)).toBe('<h3>A</h3><h6>B</h6><h6>C</h6>');
  });
});

describe('transfers in words', () => {
  const stripe = entry({
    country: 'IE',
    locations: [
      { country: 'IE', activity: 'processing' },
      { country: 'US', activity: 'processing' },
    ],
    transfers: [{ country: 'US', mechanism: 'dpf', fallback: 'scc', sccModule: 3 }],
  });

  it("lists each destination outside the EEA with its basis, the entity's own country included", () => {
    expect(
      nonEeaDestinations(stripe).map((destination) => [destination.name, basisInWords(destination.transfer)]),
    ).toEqual([['United States', 'EU-US Data Privacy Framework (standard contractual clauses as fallback)']]);
    const usEntity = entry({ country: 'US', transfers: [{ country: 'US', mechanism: 'scc', sccModule: 3 }] });
    expect(nonEeaDestinations(usEntity).map((destination) => destination.country)).toEqual(['US']);
    expect(entryMechanisms(entry({}))).toEqual(['none']);
    expect(entryMechanisms(stripe)).toEqual(['dpf', 'scc']);
  });

  it('classes countries for the map: EEA, adequacy, recipient-specific safeguards (the DPF included), derogation', () => {
    expect(basisClass('FR', undefined)).toBe('eea');
    expect(basisClass('JP', { country: 'JP', mechanism: 'adequacy' })).toBe('adequacy');
    expect(basisClass('US', { country: 'US', mechanism: 'dpf' })).toBe('safeguards');
    expect(basisClass('IN', { country: 'IN', mechanism: 'scc', sccModule: 3 })).toBe('safeguards');
    expect(basisClass('IN', { country: 'IN', mechanism: 'derogation' })).toBe('derogation');
    const gb = (mechanism: string) =>
      entry({ locations: [{ country: 'GB', activity: 'support' }], transfers: [{ country: 'GB', mechanism }] });
    const uses = countriesOfUse([
      { id: 'a', data: gb('adequacy') },
      { id: 'b', data: gb('scc') },
    ]);
    expect(uses.find((use) => use.country === 'GB')?.basis).toBe('safeguards');
  });
});

describe('the world map', () => {
  it('draws every country of the 110m geometry but Antarctica, in whole units', () => {
    const map = worldMap();
    expect(map.shapes.length).toBeGreaterThan(170);
    expect(map.shapes.map((shape) => shape.code)).toEqual(
      expect.arrayContaining(['US', 'FR', 'DE', 'JP', 'IN', 'AU', 'NZ', 'GB', 'CH']),
    );
    expect(map.shapes.some((shape) => shape.code === 'AQ')).toBe(false);
    expect(map.shapes.every((shape) => !/\d\.\d/.test(shape.d))).toBe(true);
  });

  it('marks countries too small to draw with a dot, from centroids that match the 50m geometry', () => {
    const map = worldMap(['SG', 'MT', 'FR']);
    expect(map.markers.map((marker) => marker.code)).toEqual(['SG', 'MT']);
    const require = createRequire(import.meta.url);
    const codes: string[][] = require('i18n-iso-countries/codes.json');
    const alpha2 = new Map(codes.map(([code, , numeric]) => [numeric, code]));
    const features = (file: string) => {
      const topology = require(`world-atlas/${file}`);
      return (feature(topology, topology.objects.countries) as unknown as { features: { id?: string }[] }).features;
    };
    const drawn = new Set(features('countries-110m.json').map((item) => alpha2.get(String(item.id))));
    const expected: Record<string, number[]> = {};
    for (const item of features('countries-50m.json')) {
      const code = item.id === undefined ? undefined : alpha2.get(String(item.id));
      if (code !== undefined && !drawn.has(code))
        expected[code] = geoCentroid(item as never).map((value) => Math.round(value * 100) / 100);
    }
    expect(smallCountries.centroids).toEqual(expected);
  });
});
