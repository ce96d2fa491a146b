/** `/register.sha256`: the SHA-256 of each export, for `sha256sum -c` (see src/site/export-files.ts). */
import type { APIRoute } from 'astro';
import { sha256List } from '../site/export-files.ts';

export const GET: APIRoute = async () =>
  new Response(await sha256List(), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
