/**
 * Content is untrusted: an entry with script and markup payloads in every text field (and in a
 * vocabulary label) must render inert on every page and come out of the exports unchanged, and
 * `javascript:` or `data:` URLs must never get past the schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../src/core/findings.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { FIXTURES, TODAY } from '../support/helpers.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { buildTempSite, elements, parseCsv, textOf, type BuiltSite } from '../support/site.ts';

const HOSTILE_LABEL = `'<script>alert(1)</script> "><img src=x onerror=alert(1)>'`;
const entryText = readFileSync(join(FIXTURES, 'site/hostile.md'), 'utf8');
const registerText = readFileSync(join(PROJECT_ROOT, 'content/register.yaml'), 'utf8').replace(
  '\n  ai: AI features\n',
  `\n  ai: AI features\n  hostile: ${HOSTILE_LABEL}\n`,
);

const validate = (text: string) =>
  validateRegister(
    {
      register: { path: 'content/register.yaml', text: registerText },
      entries: [{ path: 'content/subprocessors/hostile.md', text }],
    },
    { today: TODAY },
  );

let built: BuiltSite;
const hostile = validate(entryText).entries[0]!;

beforeAll(() => {
  built = buildTempSite({}, (site) => {
    site.write('content/register.yaml', registerText);
    site.write('content/subprocessors/hostile.md', entryText);
  });
});
afterAll(() => built?.site[Symbol.dispose]());

describe('the schema', () => {
  it('accepts the hostile fixture as written (the payloads are plain text)', () => {
    expect(validate(entryText).findings.map(formatText)).toEqual([]);
    expect(hostile.data.name).toContain('<script>alert(1)</script>');
  });

  it.each([
    ['website', 'javascript:alert(1)'],
    ['website', 'data:text/html,<script>alert(1)</script>'],
    ['contact', 'javascript:alert(1)'],
    ['dpa', 'javascript:alert(1)'],
    ['website', 'http://hostile.example/'],
  ])('rejects %s: %s', (field, value) => {
    const text = entryText.replace(new RegExp(`^${field}: .*$`, 'm'), `${field}: "${value}"`);
    const result = validate(text);
    expect(result.entries).toEqual([]);
    expect(result.findings.map((finding) => `${finding.severity} ${finding.field}`)).toEqual([`error ${field}`]);
  });
});

describe('the built site', () => {
  it('builds', () => {
    expect(built.status, built.output).toBe(0);
  });

  it('renders every payload inert on every page: no injected element, attribute, script or URL', () => {
    const pages = built.files().filter((file) => file.endsWith('.html'));
    expect(pages).toContain('subprocessors/hostile/index.html');
    for (const file of pages) {
      for (const element of elements(built.read(file))) {
        const where = `${file}: <${element.tagName}>`;
        expect(['img', 'iframe', 'object', 'embed'], where).not.toContain(element.tagName);
        // The legal name's <b>bold</b> stays text, not an element.
        if (element.tagName === 'b') expect(textOf(element), where).not.toBe('bold');
        expect(
          Object.keys(element.properties).filter((name) => /^on[A-Z]/.test(name)),
          where,
        ).toEqual([]);
        expect(element.properties.style, where).toBeUndefined();
        for (const attribute of ['href', 'src', 'action', 'formAction']) {
          const value = element.properties[attribute];
          if (typeof value === 'string')
            expect(value.trim().toLowerCase(), where).not.toMatch(/^(javascript|data|vbscript):/);
        }
        if (element.tagName === 'script') {
          // Only the site's own bundles (the versions pages' scripts are too big to inline).
          if (element.properties.src !== undefined)
            expect(String(element.properties.src), where).toMatch(/^\/_astro\/[\w.-]+\.js$/);
          expect(textOf(element), where).not.toContain('alert(1)');
        }
      }
    }
  });

  it('shows the payloads as text, where a reader can see them', () => {
    const page = built.read('subprocessors/hostile/index.html');
    const text = textOf({ type: 'root', children: elements(page).filter((element) => element.tagName === 'main') });
    const { data } = hostile;
    for (const value of [
      data.name,
      data.legalName,
      data.purpose,
      data.locations[0]!.region!,
      data.emergency!,
      data.contact,
      data.website!,
      data.dpa!,
    ]) {
      expect(text).toContain(value.replace(/\r\n?/g, '\n'));
    }
    expect(text).toContain('<script>alert(1)</script> "><img src=x onerror=alert(1)>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The register row and its category label.
    const index = textOf({
      type: 'root',
      children: elements(built.read('index.html')).filter((element) => element.tagName === 'main'),
    });
    expect(index).toContain(data.name);
    expect(index).toContain('<script>alert(1)</script> "><img src=x onerror=alert(1)>');
  });

  it('sanitises the Markdown body: its raw HTML loses scripts, handlers, frames, styles and javascript: links', () => {
    const page = built.read('subprocessors/hostile/index.html');
    const body = page.slice(page.indexOf('id="notes-heading"'), page.indexOf('id="history"'));
    expect(body).toContain('Body with raw HTML');
    expect(body).toContain('a javascript: link');
    expect(body).not.toMatch(/<script|<iframe|onerror|onclick|javascript:alert|style=/i);
    // A heading in the body sits below the page's own h2.
    expect(body).toContain('<h3');
    expect(body).not.toMatch(/<h1/);
  });

  it('exports the payloads unchanged in register.json', () => {
    const json = JSON.parse(built.read('register.json'));
    expect(json.subprocessors.find((entry: { id: string }) => entry.id === 'hostile')).toEqual({
      id: 'hostile',
      ...hostile.data,
    });
    expect(json.publisher.categories.hostile).toBe('<script>alert(1)</script> "><img src=x onerror=alert(1)>');
  });

  it('exports the payloads unchanged in register.csv, quoted per RFC 4180', () => {
    const [header, ...rows] = parseCsv(built.read('register.csv'));
    const row = rows.find((cells) => cells[0] === 'hostile')!;
    const cell = (name: string) => row[header!.indexOf(name)];
    const { data } = hostile;
    expect(cell('name')).toBe(data.name);
    expect(cell('legalName')).toBe(data.legalName);
    expect(cell('address')).toBe(data.address);
    expect(cell('purpose')).toBe(data.purpose);
    expect(cell('contact')).toBe(data.contact);
    expect(cell('website')).toBe(data.website);
    expect(cell('dpa')).toBe(data.dpa);
    expect(cell('emergency')).toBe(data.emergency);
    expect(cell('locations')).toBe(`FR hosting ${data.locations[0]!.region}; US support ${data.locations[1]!.region}`);
    expect(built.read('register.csv')).toContain(
      '"Tests escaping: <script>alert(1)</script>, ""><img src=x onerror=alert(1)>, a comma, a ""quote""\nand a second line; javascript:alert(1)"',
    );
  });
});
