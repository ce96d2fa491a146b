/** `/register.jsonld`: the register as linked data (DPV), see `src/site/linked-data.ts`. */
import type { APIRoute } from 'astro';
import { exportFiles } from '../site/export-files.ts';

export const GET: APIRoute = async () =>
  new Response((await exportFiles())['register.jsonld'], {
    headers: { 'Content-Type': 'application/ld+json; charset=utf-8' },
  });
