/** One address for the register: the site build, the notifier and the change preview all link to it. */
import { describe, expect, it } from 'vitest';
import { siteUrlOf } from '../../src/core/register.ts';

describe('siteUrlOf', () => {
  it("is register.yaml's site, with a trailing slash", () => {
    expect(siteUrlOf({ site: 'https://privacy.parlons.example/register' })).toBe(
      'https://privacy.parlons.example/register/',
    );
  });

  it('is where the deployment publishes when it says so (GitHub Pages: origin and base path)', () => {
    expect(
      siteUrlOf(
        { site: 'https://privacy.parlons.example/' },
        { site: 'https://parlons.github.io', base: '/register/' },
      ),
    ).toBe('https://parlons.github.io/register/');
  });

  it('keeps the configured path when the deployment gives only an origin', () => {
    expect(
      siteUrlOf({ site: 'https://privacy.parlons.example/register/' }, { site: 'https://parlons.github.io' }),
    ).toBe('https://parlons.github.io/register/');
  });

  it('treats empty settings as absent', () => {
    expect(siteUrlOf({ site: 'https://privacy.parlons.example/' }, { site: '', base: '' })).toBe(
      'https://privacy.parlons.example/',
    );
  });
});
