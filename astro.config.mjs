// @ts-check
import { readFileSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import { readRegister, siteUrlOf } from './src/core/register.ts';

/**
 * Where the register is published: `site` in content/register.yaml, the address notices link to,
 * read by the same reader as the commands. SITE (origin) and BASE (path) override it, as the
 * publish workflow does with what actions/configure-pages reports. A missing or broken
 * register.yaml falls back to a placeholder here; the content loader reports the error itself.
 */
function publishedAt() {
  let text = '';
  try {
    text = readFileSync('content/register.yaml', 'utf8');
  } catch {
    // reported by the content loader
  }
  const register = readRegister(text);
  return new URL(register === undefined ? 'https://register.example/' : siteUrlOf(register));
}

const published = publishedAt();

export default defineConfig({
  site: process.env.SITE || published.origin,
  base: process.env.BASE || published.pathname,
  trailingSlash: 'always',
  devToolbar: { enabled: false },
});
