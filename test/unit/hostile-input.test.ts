/**
 * Hostile input costs nothing: an entry is checked in bounded time and memory whatever it holds,
 * and a finding never repeats a huge value or an invisible character as it is.
 */
import { describe, expect, it } from 'vitest';
import { ECHO_LIMIT } from '../../src/core/echo.ts';
import { formatText } from '../../src/core/findings.ts';
import { parseMarkdownEntry } from '../../src/core/frontmatter.ts';
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
