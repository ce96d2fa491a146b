/**
 * The notice subscribers read: valid HTML readable without images or remote resources, a plain
 * text part, every content field escaped, absolute links, and what a customer needs to object.
 */
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes/diff.ts';
import { renderNotice } from '../../src/core/render/notice.ts';
import { RegisterSchema } from '../../src/core/schema.ts';
import { parseYaml } from '../../src/core/frontmatter.ts';
import { fixtureText } from '../support/helpers.ts';

const parsed = parseYaml(fixtureText('register.yaml'));
const register = RegisterSchema.parse(parsed.ok ? parsed.data : {});
const evil = '<script>alert(1)</script> & <img src=x onerror=alert(1)>';
const added: Change = {
  kind: 'added',
  id: 'evil',
  name: `Evil ${evil}`,
  material: true,
  fields: [],
  entry: {
    legalName: `Evil ${evil} SAS`,
    address: evil,
    country: 'US',
    purpose: evil,
    locations: [{ country: 'US', region: evil, activity: 'hosting' }],
    transfers: [{ country: 'US', mechanism: 'dpf', fallback: 'scc', sccModule: 3 }],
    dataCategories: ['identity'],
    dataSubjects: ['users'],
    since: '2026-12-28',
  },
  notice: { published: '2026-11-23', given: '2026-11-23', effective: '2026-12-28', objectionDeadline: '2026-12-27' },
};
const updated: Change = {
  kind: 'updated',
  id: 'acme',
  name: 'Acme',
  material: true,
  fields: [{ field: 'purpose', before: 'Hosting', after: `Hosting ${evil}` }],
  notice: { published: '2026-11-23', given: '2026-11-23', effective: '2026-12-24', objectionDeadline: '2026-12-23' },
};
const notice = renderNotice([added, updated], {
  register,
  siteUrl: 'https://acme.example/register/',
  unsubscribeUrl: '{{{RESEND_UNSUBSCRIBE_URL}}}',
});

describe('renderNotice', () => {
  it('has a subject naming the number of changes and the first objection deadline', () => {
    expect(notice.subject).toBe('Acme Meetings: 2 changes to our sub-processors (object by 2026-12-23)');
  });

  it('produces valid HTML', async () => {
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off' },
    }).validateString(notice.html);
    expect(
      report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`)),
    ).toEqual([]);
  });

  it('escapes every content field in the HTML', () => {
    expect(notice.html).not.toContain('<script>');
    expect(notice.html).not.toContain('<img');
    expect(notice.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('needs no image or remote resource: only links, all absolute', () => {
    expect(notice.html).not.toMatch(/<(img|link|script|iframe|object)\b/i);
    const hrefs = [...notice.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([
      'https://acme.example/register/subprocessors/evil/',
      'https://acme.example/register/subprocessors/acme/',
      'https://acme.example/register/',
      'https://acme.example/register/changes/',
      '{{{RESEND_UNSUBSCRIBE_URL}}}',
    ]);
  });

  it('opens with a summary: what changes, for which services, from when, and the objection deadline', () => {
    const summary = notice.text.split('\n\n')[1];
    expect(summary).toBe(
      [
        'What changes: 1 new sub-processor, 1 changed sub-processor',
        'From:         24 December 2026 (the first; each change below has its date)',
        'Object by:    23 December 2026',
      ].join('\n'),
    );
    expect(notice.html).toMatch(/<th scope="row" style="[^"]*">Object by<\/th><td [^>]*>23 December 2026<\/td>/);
  });

  it('names the services when every change says which it concerns', () => {
    const scoped = renderNotice([{ ...added, entry: { ...added.entry, services: ['meetings'] } }], {
      register,
      siteUrl: 'https://acme.example/register/',
      unsubscribeUrl: 'https://preferences.example.invalid/x',
    });
    expect(scoped.text).toContain(`For:          ${register.services.meetings}\n`);
    expect(
      renderNotice([added], { register, siteUrl: 'https://a.example/', unsubscribeUrl: 'https://p.example/' }).text,
    ).toContain('For:          all services\n');
  });

  it('gives each change one short block: what, the facts that matter, when, and its link', () => {
    expect(notice.text).toContain(
      [
        '1. Added: Evil <script>alert(1)</script> & <img src=x onerror=alert(1)>',
        '   Established in: United States',
        '   Purpose: <script>alert(1)</script> & <img src=x onerror=alert(1)>',
        '   Transfers outside the EEA: United States: EU-US Data Privacy Framework, with Standard contractual clauses (2021), module 3 as fallback',
        '   Published and notified on 23 November 2026; takes effect on 28 December 2026; objections until 27 December 2026.',
        '   Details and how to object: https://acme.example/register/subprocessors/evil/',
      ].join('\n'),
    );
    expect(notice.text).toContain('2. Updated: Acme\n   Purpose: Hosting → Hosting <script>');
    expect(notice.text).toContain(
      'To object, reply to this email or write to privacy@acme.example by 2026-12-23, naming the sub-processor and your reasons.',
    );
    expect(notice.text).toContain('Change your services or unsubscribe: {{{RESEND_UNSUBSCRIBE_URL}}}');
  });

  it('stays short: fifteen new sub-processors fit in a few screens of text', () => {
    const many = Array.from({ length: 15 }, (_, index) => ({
      ...added,
      id: `vendor-${index}`,
      name: `Vendor ${index}`,
    }));
    const long = renderNotice(many, { register, siteUrl: 'https://a.example/', unsubscribeUrl: 'https://p.example/' });
    expect(long.text.split('\n').length).toBeLessThan(15 * 7 + 20);
    expect(long.text.indexOf('Object by:')).toBeLessThan(300);
  });
});
