/**
 * `/register.json`: the validated register exactly as in the content collection — one object per
 * entry with its `id` — with the publisher's settings, when it was generated, the version of the
 * schema (the package version) and the register version it is (`version`).
 */
import type { APIRoute } from 'astro';
import { exportFiles } from '../site/export-files.ts';

export const GET: APIRoute = async () =>
  new Response((await exportFiles())['register.json'], {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
