/**
 * The site is built from the same validator as `check`: a real `astro build` of the example,
 * and of a register with an impossible date, which must fail with the same message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureText, TODAY } from '../support/helpers.ts';
import { buildSite, tempSite } from '../support/project.ts';

describe('astro build', () => {
  it('builds the example register for GitHub Pages: files only, mailto links instead of forms', () => {
    using site = tempSite();
    const result = buildSite(site, { REGISTER_TODAY: TODAY, REGISTER_OUTPUT: 'static' });
    expect(result.status, result.output).toBe(0);
    const html = readFileSync(join(site.root, 'dist/index.html'), 'utf8');
    expect(html).toContain('Scaleway');
    expect(html).toContain('Mistral AI');
    expect(existsSync(join(site.root, 'dist/server'))).toBe(false);
    const subscribe = readFileSync(join(site.root, 'dist/subscribe/index.html'), 'utf8');
    expect(subscribe).not.toContain('<form');
    expect(subscribe).toContain('href="mailto:privacy@parlons.example?subject=Subscribe');
    const upcoming = readFileSync(join(site.root, 'dist/subprocessors/mistral/index.html'), 'utf8');
    expect(upcoming).not.toContain('/object/');
    expect(upcoming).toContain('mailto:privacy@parlons.example?subject=Objection%3A%20Mistral%20AI');
  });

  it('rejects an impossible date with the message check prints, and no stack trace', () => {
    using site = tempSite();
    site.write('content/subprocessors/acme.md', fixtureText('entries/impossible-date.md'));
    const result = buildSite(site, { REGISTER_TODAY: TODAY });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'content/subprocessors/acme.md:14: error: since: "2025-02-30" is not a real date: February 2025 has 28 days. Write the date as YYYY-MM-DD, e.g. 2026-01-31.',
    );
    expect(result.output).not.toMatch(/\n\s+at .*\.(ts|js|mjs):\d+/);

    const check = site.run('scripts/check.ts', ['--today', TODAY]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(
      'content/subprocessors/acme.md:14: error: since: "2025-02-30" is not a real date: February 2025 has 28 days.',
    );
  });
});
