/** `/register.csv`: one row per entry, in the column order documented on /subscribe/ and in the README. */
import type { APIRoute } from 'astro';
import { exportFiles } from '../site/export-files.ts';

export const GET: APIRoute = async () =>
  new Response((await exportFiles())['register.csv'], {
    headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' },
  });
