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

/**
 * Starts `node scripts/serve.ts` (or node with other `args`) in `root`; rejects with its output if
 * it exits before listening.
 */
export function startFormServer(
  root: string,
  env: Record<string, string>,
  args: string[] = ['scripts/serve.ts'],
): Promise<FormServer> {
  const child: ChildProcess = spawn(process.execPath, args, {
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

/** The headers and the decoded text part of each `.eml` in a folder whose name starts with `prefix`. */
export function outboxTexts(dir: string, prefix = ''): { file: string; headers: string; text: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.eml'));
  } catch {
    return [];
  }
  return names.sort().map((file) => {
    const raw = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
    const headers = raw.slice(0, raw.indexOf('\n\n'));
    const part = /Content-Type: text\/plain; charset=utf-8\nContent-Transfer-Encoding: ([\w-]+)\n\n([\s\S]*?)\n--/.exec(
      raw,
    );
    const [encoding, body] = [part?.[1] ?? '7bit', part?.[2] ?? ''];
    const text =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body
                .replace(/=\n/g, '')
                .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
              'latin1',
            ).toString('utf8')
          : body;
    return { file, headers, text };
  });
}

/** The token of the confirmation link in an email's text. */
export const tokenIn = (text: string): string => {
  const match = /\/subscribe\/confirm\/\?token=([A-Za-z0-9._-]+)/.exec(text);
  if (match === null) throw new Error(`no confirmation link in:\n${text}`);
  return match[1]!;
};
