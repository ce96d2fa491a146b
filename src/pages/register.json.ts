/**
 * `/register.json`: the validated register exactly as in the content collection — one object per
 * entry with its `id` — with the publisher's settings, when it was generated and the version of the
 * schema (the package version).
 */
import type { APIRoute } from 'astro';
import packageJson from '../../package.json' with { type: 'json' };
import { registerData } from '../site/register-data.ts';
import { registerJson } from '../site/exports.ts';

export const GET: APIRoute = async () => {
  const { publisher, all } = await registerData();
  const json = registerJson(all, publisher, {
    generatedAt: new Date().toISOString(),
    schemaVersion: packageJson.version,
  });
  return new Response(`${JSON.stringify(json, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
