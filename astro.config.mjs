// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
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
  const register = readRegister(text) ?? { site: 'https://register.example/' };
  return new URL(siteUrlOf(register, { site: process.env.SITE, base: process.env.BASE }));
}

const published = publishedAt();

/**
 * Two builds of the same pages. By default (`server`), the @astrojs/node adapter serves the site
 * and the on-demand routes of the forms (subscribe, confirm, object) together: `dist/client/` and
 * `dist/server/entry.mjs`. With REGISTER_OUTPUT=static (GitHub Pages), there is no server: the
 * form routes are left out and the pages offer mailto links instead — never a form that posts
 * nowhere. src/site/output.ts tells the pages which build they are in.
 */
const output = process.env.REGISTER_OUTPUT === 'static' ? 'static' : 'server';

/** @type {URL | undefined} */
let serverDir;
let base = '/';

/** @type {import('astro').AstroIntegration} */
const forms = {
  name: 'register-forms',
  hooks: {
    // scripts/serve.ts needs the base path the site was built for (the container has no content/).
    'astro:config:done': ({ config }) => {
      serverDir = config.build.server;
      base = config.base;
    },
    'astro:build:done': () => {
      if (output !== 'server' || serverDir === undefined) return;
      writeFileSync(new URL('register-server.json', serverDir), `${JSON.stringify({ base })}\n`);
    },
    'astro:config:setup': ({ injectRoute }) => {
      if (output !== 'server') return;
      injectRoute({ pattern: '/subscribe/check-your-inbox', entrypoint: './src/forms/check-your-inbox.astro' });
      injectRoute({ pattern: '/subscribe/confirm', entrypoint: './src/forms/confirm.astro' });
      injectRoute({ pattern: '/subscribe/send', entrypoint: './src/forms/send.astro' });
      injectRoute({ pattern: '/subprocessors/[id]/object', entrypoint: './src/forms/object.astro' });
    },
  },
};

/**
 * Reading the git history and hashing every version of the register are the largest costs of a
 * build with a long history: `astro build` starts them on a worker thread as soon as it starts,
 * where they overlap with Astro's start-up and Vite's bundling (src/site/history-preload.ts).
 * @type {import('astro').AstroIntegration}
 */
const history = {
  name: 'register-history',
  hooks: {
    'astro:config:setup': async ({ command, config }) => {
      if (command !== 'build') return;
      const { preloadHistory } = await import('./src/site/history-preload.ts');
      preloadHistory(fileURLToPath(config.root));
    },
  },
};

export default defineConfig({
  site: published.origin,
  base: published.pathname,
  trailingSlash: 'always',
  devToolbar: { enabled: false },
  ...(output === 'server' ? { adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024 }) } : {}),
  integrations: [history, forms],
  vite: {
    define: { 'import.meta.env.REGISTER_OUTPUT': JSON.stringify(output) },
    // Scripts and styles as files, never inline: the Content-Security-Policy allows 'self' only.
    build: { assetsInlineLimit: 0 },
  },
  build: {
    inlineStylesheets: 'never',
    // Pages are cheap to render and each is then written (mkdir, open, write, close: round trips to
    // libuv's thread pool); rendering a few at once overlaps that waiting instead of queueing it.
    concurrency: 4,
  },
});
