/**
 * Hostile input costs nothing: an entry is checked in bounded time and memory whatever it holds,
 * and a finding never repeats a huge value or an invisible character as it is.
 */
import { describe, expect, it } from 'vitest';
import { ECHO_LIMIT } from '../../src/core/echo.ts';
import { formatText } from '../../src/core/findings.ts';
import { parseMarkdownEntry } from '../../src/core/frontmatter.ts';
import { escapeMarkdown, inertInActionsLog, quoteForLog } from '../../src/core/render/escape.ts';
import { closest } from '../../src/core/suggest.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { aliasBombEntry } from '../support/alias-bomb.ts';
import { fixtureText, TODAY } from '../support/helpers.ts';

const validEntry = fixtureText('entries/valid-eea-only.md');

const check = (text: string) =>
  validateRegister(
    {
      register: { path: 'content/register.yaml', text: fixtureText('register.yaml') },
      entries: [{ path: 'content/subprocessors/acme.md', text }],
    },
    { today: TODAY },
  ).findings.map(formatText);

describe('anchors and aliases (YAML alias bombs)', () => {
  it('refuses an alias bomb of 10^12 values at once, naming the first anchor', () => {
    const text = aliasBombEntry(12);
    const line = text.split('\n').indexOf('l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]') + 1;
    expect(check(text)).toEqual([
      `content/subprocessors/acme.md:${line}: error: l0: "l0" is marked with the anchor &l0, which lets aliases (*l0) repeat it elsewhere; anchors and aliases are not accepted, because a few of them can stand for millions of values. Write the value out in full at each place it is needed, and delete the & and * marks.`,
    ]);
  });

  it('refuses a single alias, naming the field it stands for', () => {
    const text = validEntry
      .replace('legalName: Example Processor SAS', 'legalName: *name')
      .replace('name: Example', 'name: &name Example');
    const parsed = parseMarkdownEntry(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && [parsed.rule, parsed.line, parsed.path]).toEqual(['yaml-alias', 2, ['name']]);
    expect(
      check(
        text
          .replace('name: &name Example', 'name: Example')
          .replace('legalName: *name', 'legalName: &x Example SAS\nlegal: *x'),
      ),
    ).toEqual([
      'content/subprocessors/acme.md:3: error: legalName: "legalName" is marked with the anchor &x, which lets aliases (*x) repeat it elsewhere; anchors and aliases are not accepted, because a few of them can stand for millions of values. Write the value out in full at each place it is needed, and delete the & and * marks.',
    ]);
  });

  it('still reads & and * inside quoted and plain text', () => {
    const text = validEntry
      .replace('name: Example Processor', 'name: "AT&T *Business*"')
      .replace('Hosts the application.', 'Hosts R&D data * 2.');
    expect(check(text)).toEqual([]);
  });
});

describe('huge values', () => {
  const huge = 'x'.repeat(1_000_000);

  it('echo at most ECHO_LIMIT characters of a value, with its length', () => {
    const [finding, ...others] = check(validEntry.replace('country: FR\ncontact', `country: ${huge}\ncontact`));
    expect(others).toEqual([]);
    expect(finding).toContain(`"${'x'.repeat(ECHO_LIMIT)}…" (1,000,000 characters) is not an ISO 3166-1 country code.`);
    expect(finding!.length).toBeLessThan(400);
  });

  it('are cut in the message about a field written twice', () => {
    const key = 'k'.repeat(1000);
    const [finding, ...others] = check(validEntry.replace('since:', `${key}: 1\n${key}: 2\nsince:`));
    expect(others).toEqual([]);
    expect(finding).toContain(`"${'k'.repeat(ECHO_LIMIT)}…" (1,000 characters) appears twice`);
    expect(finding!.length).toBeLessThan(400);
  });

  it('get no "did you mean": the candidates are not even read', () => {
    let read = false;
    const candidates = {
      *[Symbol.iterator]() {
        read = true;
        yield 'hosting';
      },
    };
    expect(closest(`hosting${huge}`, candidates)).toBeUndefined();
    expect(read).toBe(false);
    expect(closest('hostng', candidates)).toBe('hosting');
  });
});

describe('control and bidirectional characters', () => {
  const withField = (field: string, value: string) =>
    validEntry.replace(new RegExp(`^${field}: .*$`, 'm'), `${field}: ${JSON.stringify(value)}`);

  it.each([
    ['name', 'Acme\u0000', 'U+0000 (null) at character 5', 'text-control-character'],
    ['name', '\u001b[31mAcme', 'U+001B (escape) at character 1', 'text-control-character'],
    ['name', 'Acme\n::add-mask::Acme', 'U+000A (line feed) at character 5', 'text-control-character'],
    ['name', 'Acme\tCloud', 'U+0009 (tab) at character 5', 'text-control-character'],
    ['purpose', 'Hosts\r```\n@team', 'U+000D (carriage return) at character 6', 'text-control-character'],
    ['address', '1 rue\u0085Paris', 'U+0085 (next line) at character 6', 'text-control-character'],
    ['legalName', 'Acme \u202eLTD SAS', 'U+202E (right-to-left override) at character 6', 'text-bidi-control'],
    ['name', '🙂 Acme\u2066', 'U+2066 (left-to-right isolate) at character 7', 'text-bidi-control'],
  ])('rejects %s %j: %s', (field, value, where, rule) => {
    const findings = validateRegister(
      {
        register: { path: 'content/register.yaml', text: fixtureText('register.yaml') },
        entries: [{ path: 'content/subprocessors/acme.md', text: withField(field, value) }],
      },
      { today: TODAY },
    );
    expect(findings.entries).toEqual([]);
    expect(findings.findings.map((finding) => [finding.rule, finding.field, finding.line])).toEqual([
      [rule, field, validEntry.split('\n').findIndex((line) => line.startsWith(`${field}:`)) + 1],
    ]);
    expect(findings.findings[0]!.message).toMatch(new RegExp(`^${where.replace(/[()+]/g, '\\$&')} of the text: `));
    expect(findings.findings[0]!.hint).not.toBe('');
  });

  it('says what to write instead', () => {
    expect(check(withField('name', 'Acme\u202e'))).toEqual([
      'content/subprocessors/acme.md:2: error: name: U+202E (right-to-left override) at character 5 of the text: it makes the text display in another order than it is written, so readers may see something else than what is checked and recorded. Delete the character (retype the text if it was pasted); write the text in its normal reading order.',
    ]);
    expect(check(withField('name', 'Acme\nCloud'))).toEqual([
      'content/subprocessors/acme.md:2: error: name: U+000A (line feed) at character 5 of the text: control characters are invisible and break the feed, the exports, the email subject and the logs. Write this field on one line.',
    ]);
  });

  it('accepts line feeds in an address or a purpose, and direction marks in a name', () => {
    expect(check(withField('purpose', 'Hosts the application.\nAnd its backups.'))).toEqual([]);
    expect(check(withField('address', "1 rue de l'Exemple\n75001 Paris"))).toEqual([]);
    expect(check(withField('name', 'شركة\u200f Acme'))).toEqual([]);
  });

  it('checks nested fields and the names of fields', () => {
    const region = validEntry.replace('    activity: hosting', '    region: "Paris\\u202e"\n    activity: hosting');
    expect(check(region).map((line) => line.split(': ').slice(1, 3).join(': '))).toEqual([
      'error: locations[0].region',
    ]);
    const key = validEntry.replace('since:', '"na\\u001bme": x\nsince:');
    expect(check(key)).toEqual([
      expect.stringContaining('acme.md:14: error: naU+001Bme: U+001B (escape) at character 3 of the field name:'),
      expect.stringContaining('acme.md:14: error: naU+001Bme: "naU+001Bme" is not a field of this file'),
    ]);
  });

  it('checks the labels and settings of register.yaml', () => {
    const register = fixtureText('register.yaml').replace('hosting: Hosting', 'hosting: "Host\\u0000ing"');
    const result = validateRegister(
      { register: { path: 'content/register.yaml', text: register }, entries: [] },
      { today: TODAY },
    );
    expect(result.register).toBeUndefined();
    expect(result.findings.map((finding) => `${finding.rule} ${finding.field} ${finding.line}`)).toEqual([
      'text-control-character categories.hosting 10',
    ]);
  });

  it('never repeats the character itself in a finding', () => {
    const findings = check(withField('country', 'F\u202eR'));
    expect(findings.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
    expect(findings.join('\n')).toContain('"FU+202ER" is not an ISO 3166-1 country code.');
  });
});

describe('the pull-request comment', () => {
  it('keeps a bare carriage return from ending a line of Markdown or of the check output', () => {
    expect(escapeMarkdown('Acme\r```\r## Merged by admin')).toBe('Acme \\`\\`\\` \\#\\# Merged by admin');
    const finding = {
      severity: 'error' as const,
      rule: 'r',
      file: 'content/subprocessors/acme.md',
      line: 2,
      field: 'name',
      message: 'Bad\r```',
      hint: 'Fix.\u2028Now.',
    };
    expect(formatText(finding)).toBe('content/subprocessors/acme.md:2: error: name: Bad ``` Fix. Now.');
  });
});

describe('the notifier log', () => {
  it('cannot be turned into workflow commands by a value', () => {
    expect(inertInActionsLog('Sent "Acme\n::add-mask::secret" to the outbox')).toBe(
      'Sent "Acme\n\\::add-mask::secret" to the outbox',
    );
    expect(inertInActionsLog('  ::warning::x and ##[set-output name=a]b')).toBe(
      '  \\::warning::x and #\\#[set-output name=a]b',
    );
    expect(inertInActionsLog('Nothing to notify: a::b')).toBe('Nothing to notify: a::b');
  });

  it('quotes values, so a line break or an override shows as an escape', () => {
    expect(quoteForLog('Acme\n::add-mask::x \u202eCo\u0000')).toBe('"Acme\\n::add-mask::x \\u202eCo\\u0000"');
  });
});
