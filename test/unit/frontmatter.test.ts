/** The shared YAML 1.2 frontmatter reader: values as written, and the line of every field. */
import { describe, expect, it } from 'vitest';
import { parseMarkdownEntry, parseYaml } from '../../src/core/frontmatter.ts';

const entry = [
  '---',
  'name: Acme',
  'since: 2025-02-30',
  'country: NO',
  'locations:',
  '  - country: DE',
  '    activity: hosting',
  '---',
  '',
  'Body text.',
  '',
].join('\n');

describe('parseMarkdownEntry', () => {
  it('keeps an impossible date as the text written, for the schema to reject', () => {
    const parsed = parseMarkdownEntry(entry);
    expect(parsed.ok && parsed.data).toMatchObject({ since: '2025-02-30' });
  });

  it('reads NO as the country code of Norway, not as false', () => {
    const parsed = parseMarkdownEntry(entry);
    expect(parsed.ok && parsed.data).toMatchObject({ country: 'NO' });
  });

  it('returns the body after the closing fence, trimmed', () => {
    const parsed = parseMarkdownEntry(entry);
    expect(parsed.ok && parsed.body).toBe('Body text.');
  });

  it('locates fields by their line in the file, counting the opening fence', () => {
    const parsed = parseMarkdownEntry(entry);
    if (!parsed.ok) throw new Error('expected the entry to parse');
    expect(parsed.locate(['since'])).toBe(3);
    expect(parsed.locate(['locations', 0, 'activity'])).toBe(7);
  });

  it('locates a missing field at its closest ancestor', () => {
    const parsed = parseMarkdownEntry(entry);
    if (!parsed.ok) throw new Error('expected the entry to parse');
    expect(parsed.locate(['locations', 0, 'region'])).toBe(6);
  });

  it('locates a missing top-level field at the first line of the frontmatter', () => {
    const parsed = parseMarkdownEntry(entry);
    if (!parsed.ok) throw new Error('expected the entry to parse');
    expect(parsed.locate(['purpose'])).toBe(2);
  });

  it('accepts Windows line endings and a byte order mark', () => {
    const parsed = parseMarkdownEntry(`\uFEFF${entry.replace(/\n/g, '\r\n')}`);
    expect(parsed.ok && parsed.data).toMatchObject({ name: 'Acme', country: 'NO' });
  });
});

describe('parseYaml', () => {
  it('reports a syntax error at its line', () => {
    const parsed = parseYaml('name: Acme\nemail:\n  from: [unclosed\n');
    expect(parsed).toMatchObject({ ok: false, rule: 'yaml-syntax', line: 3 });
  });

  it('reports a list where a map of fields is expected', () => {
    expect(parseYaml('- a\n- b\n')).toMatchObject({ ok: false, rule: 'yaml-not-a-map', line: 1 });
  });
});
