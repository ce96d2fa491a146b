/**
 * The server's secrets and settings, from the environment, checked once at start: each missing or
 * malformed one is one line saying what to set, so a deployment fails before its first visitor.
 *
 * - RESEND_API_KEY set (production): RESEND_SEGMENT_ID and SUBSCRIBE_SECRET are required.
 * - RESEND_API_KEY unset (a laptop): emails go to OUTBOX_DIR (default outbox/), confirmed contacts
 *   to outbox/contacts.json, and a missing SUBSCRIBE_SECRET is generated once and kept in
 *   outbox/.subscribe-secret, so confirmation links survive a restart.
 * - NODE_ENV=production (the Dockerfile sets it, as most hosts do): RESEND_API_KEY is required. A
 *   deployed server without it would write visitors' addresses into files on the server that no one
 *   reads, and answer them that a confirmation is on its way.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const MIN_SECRET_LENGTH = 32;

export type ServerSettings =
  | {
      mode: 'resend';
      apiKey: string;
      segmentId: string;
      secret: string;
      baseUrl?: string;
    }
  | { mode: 'outbox'; outbox: string; secret: string };

export type SettingsCheck = { ok: true; settings: ServerSettings } | { ok: false; problems: string[] };

type Env = Record<string, string | undefined>;

export function readServerSettings(given: Env, cwd: string): SettingsCheck {
  // An empty variable (`RESEND_API_KEY=` in a .env file, an unset GitHub secret) counts as unset.
  const env = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== ''));
  const problems: string[] = [];
  const secret = env.SUBSCRIBE_SECRET;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH)
    problems.push(
      `SUBSCRIBE_SECRET is too short (${secret.length} characters): use at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of: openssl rand -base64 48`,
    );
  const production = env.NODE_ENV === 'production';
  if (production && !env.RESEND_API_KEY)
    problems.push(
      'RESEND_API_KEY is missing: NODE_ENV is production, where emails go through Resend only (without a key they would be written to files on this server). Set it to a full-access Resend API key, or unset NODE_ENV to try the server locally with outbox/.',
    );
  if (env.RESEND_API_KEY || production) {
    if (!env.RESEND_SEGMENT_ID)
      problems.push('RESEND_SEGMENT_ID is missing: set it to the id of the Resend segment that receives notices.');
    if (secret === undefined)
      problems.push(
        'SUBSCRIBE_SECRET is missing: set it to at least 32 random characters (openssl rand -base64 48); it signs the confirmation links.',
      );
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      settings: {
        mode: 'resend',
        apiKey: env.RESEND_API_KEY!,
        segmentId: env.RESEND_SEGMENT_ID!,
        secret: secret!,
        ...(env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : {}),
      },
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  const outbox = resolve(cwd, env.OUTBOX_DIR ?? 'outbox');
  return { ok: true, settings: { mode: 'outbox', outbox, secret: secret ?? localSecret(outbox) } };
}

function localSecret(outbox: string): string {
  const file = join(outbox, '.subscribe-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    mkdirSync(outbox, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
