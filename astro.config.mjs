// @ts-check
import { defineConfig } from 'astro/config';

// SITE is the origin the register is published at and BASE its path there (GitHub project pages
// serve https://ORG.github.io/REPO/). Both come from the environment so the deploy workflow can
// pass what actions/configure-pages reports; locally the site is served at the root.
export default defineConfig({
  site: process.env.SITE ?? 'https://parlons.example',
  base: process.env.BASE ?? '/',
  trailingSlash: 'always',
  devToolbar: { enabled: false },
});
