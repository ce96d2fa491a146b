/**
 * The real browser for site tests: Debian's Chromium (never a downloaded one), started headless
 * with nothing that reaches the network on its own, and axe-core's source for accessibility checks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });

/** axe-core, as a file for `page.addScriptTag({ path })` and as source text for pages whose CSP refuses files. */
export const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
