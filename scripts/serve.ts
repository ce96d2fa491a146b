/**
 * `npm run serve` (and the end of `npm start`): the built site and the forms' on-demand routes on
 * one port, through the @astrojs/node adapter's own handler (dist/server/entry.mjs), with the
 * security headers on every answer — static files included, which the adapter alone serves bare.
 *
 * The environment is checked first: each missing or malformed setting is one line, and the server
 * does not start. HOST and PORT choose the address (default localhost:4321). A flood of form POSTs
 * is refused here (requestGuard) before Astro renders anything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readServerSettings } from '../src/io/server-settings.ts';
import { inlineStyleHashes, securityHeaders } from '../src/io/security-headers.ts';
import { requestGuard } from '../src/io/request-guard.ts';
import { loopbackOrigin, warmUp } from '../src/io/server-warm-up.ts';

const root = process.env.REGISTER_ROOT ?? process.cwd();
const entry = join(root, 'dist/server/entry.mjs');
if (!existsSync(entry)) {
  console.error(
    `${entry} does not exist: build the site with its server first (npm run build, without REGISTER_OUTPUT=static).`,
  );
  process.exit(1);
}
const check = readServerSettings(process.env, root);
if (!check.ok) {
  for (const problem of check.problems) console.error(problem);
  process.exit(1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(pathToFileURL(entry).href)) as {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
};

const { base } = JSON.parse(readFileSync(join(root, 'dist/server/register-server.json'), 'utf8')) as { base: string };
const guard = requestGuard(base);
// The built pages' own inline styles (the annex's print styles) are allowed by hash, nothing else.
const headers = securityHeaders(inlineStyleHashes(htmlFiles(join(root, 'dist/client'))));

const server = createServer((request, response) => {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  const refusal = guard(request);
  if (refusal !== undefined) {
    // Drain the body first, so the connection stays usable.
    request.resume();
    request.once('end', () => {
      response.writeHead(refusal.status, refusal.headers);
      response.end(refusal.body);
    });
    return;
  }
  handler(request, response);
});
const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 4321);
server.listen(port, host, async () => {
  const { settings } = check;
  const address = server.address() as import('node:net').AddressInfo;
  // Announced once ready: the first visitor does not wait for the form routes' code to load.
  await warmUp(loopbackOrigin(address), base);
  console.log(
    `Serving the register on http://${host}:${address.port}/ — ` +
      (settings.mode === 'resend'
        ? `emails through Resend, subscribers in segment ${settings.segmentId}.`
        : `no RESEND_API_KEY: emails go to ${settings.outbox}/, confirmed subscribers to ${join(settings.outbox, 'contacts.json')} (npm run subscribers -- list).`),
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));

function* htmlFiles(dir: string): Generator<string> {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) yield* htmlFiles(path);
    else if (item.name.endsWith('.html')) yield readFileSync(path, 'utf8');
  }
}
