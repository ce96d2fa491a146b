/** `/register.csv`: one row per entry, in the column order documented on /subscribe/ and in the README. */
import type { APIRoute } from 'astro';
import { registerData } from '../site/register-data.ts';
import { registerCsv } from '../site/exports.ts';

export const GET: APIRoute = async () => {
  const { all, today } = await registerData();
  return new Response(registerCsv(all, today), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' },
  });
};
