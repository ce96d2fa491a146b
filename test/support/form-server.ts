/**
 * The register's own server (`scripts/serve.ts` around the node adapter's dist/server/entry.mjs)
 * started on a free port in a built temporary site, for the forms' tests and the bench. Also reads
 * the `.eml` files the server writes to an outbox without RESEND_API_KEY.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv } from './project.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface FormServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  output(): string;
  /** POST a form as a browser does (with its Origin header), without following redirects. */
  post(path: string, fields: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

export function formBody(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return body;
}

/** Starts `node scripts/serve.ts` in `root`; rejects with its output if it exits before listening. */
export function startFormServer(root: string, env: Record<string, string>): Promise<FormServer> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/serve.ts')], {
    cwd: root,
    env: childEnv({ HOST: '127.0.0.1', PORT: '0', ...env }),
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Serving the register on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match === null) return;
      const origin = match[1]!;
      resolve({
        origin,
        output: () => output,
        post: (path, fields, headers = {}) =>
          fetch(new URL(path, origin), {
            method: 'POST',
            redirect: 'manual',
            headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
            body: formBody(fields),
          }),
        get: (path) => fetch(new URL(path, origin), { redirect: 'manual' }),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}

/** The decoded text part of each `.eml` in a folder whose name starts with `prefix`. */
export function outboxTexts(dir: string, prefix = ''): { file: string; headers: string; text: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.eml'));
  } catch {
    return [];
  }
  return names.sort().map((file) => {
    const raw = readFileSync(join(dir, file), 'utf8');
    const [headers = '', body = ''] =
      raw.split('\r\n\r\n', 2).length === 2
        ? [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)]
        : [raw, ''];
    const textPart =
      /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([\s\S]*?)\r\n--/.exec(
        body,
      );
    return { file, headers, text: Buffer.from((textPart?.[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8') };
  });
}

/** The token of the confirmation link in an email's text. */
export const tokenIn = (text: string): string => {
  const match = /\/subscribe\/confirm\/\?token=([A-Za-z0-9._-]+)/.exec(text);
  if (match === null) throw new Error(`no confirmation link in:\n${text}`);
  return match[1]!;
};
