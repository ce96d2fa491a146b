/**
 * A tiny static file server for the browser tests: serves a built `dist/` on 127.0.0.1 at a free
 * port, under an optional base path, the way a static host does (directory → index.html, unknown
 * path → 404.html with status 404). It records every request so tests can assert what was asked.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT` plus the base path, ending with `/`. */
  url: string;
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const requests: string[] = [];
  const file = async (path: string) => {
    try {
      const info = await stat(path);
      if (info.isFile()) return path;
      if (info.isDirectory()) {
        const index = join(path, 'index.html');
        if ((await stat(index)).isFile()) return index;
      }
    } catch {
      // not found
    }
    return undefined;
  };
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(pathname);
    const relative = pathname.startsWith(base) ? pathname.slice(base.length) : undefined;
    const target = relative === undefined ? undefined : normalize(join(root, relative));
    const found =
      target !== undefined && (target === root || target.startsWith(root + sep)) ? await file(target) : undefined;
    const path = found ?? (await file(join(root, '404.html')));
    response.writeHead(found === undefined ? 404 : 200, {
      'Content-Type': TYPES[extname(path ?? '')] ?? 'application/octet-stream',
    });
    if (path === undefined) response.end('Not found');
    else createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${base}`,
    origin,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
