// @ts-check
import { readFileSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import jsYaml from 'js-yaml';

/**
 * Where the register is published: `site` in content/register.yaml, the address notices link to.
 * SITE (origin) and BASE (path) override it, as the publish workflow does with what
 * actions/configure-pages reports. A broken register.yaml falls back to a placeholder here; the
 * content loader reports the error itself.
 */
function publishedAt() {
  try {
    const register = /** @type {{ site?: unknown }} */ (
      jsYaml.load(readFileSync('content/register.yaml', 'utf8'), { schema: jsYaml.CORE_SCHEMA })
    );
    return new URL(String(register?.site));
  } catch {
    return new URL('https://register.example/');
  }
}

const published = publishedAt();

export default defineConfig({
  site: process.env.SITE || published.origin,
  base: process.env.BASE || published.pathname,
  trailingSlash: 'always',
  devToolbar: { enabled: false },
});
