/** `/register.jsonld`: the register as linked data (DPV), see `src/site/linked-data.ts`. */
import type { APIRoute } from 'astro';
import { registerData, url } from '../site/register-data.ts';
import { registerJsonLd } from '../site/linked-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const { publisher, all, today } = await registerData();
  const siteUrl = new URL(url(), site ?? publisher.site).href;
  return new Response(`${JSON.stringify(registerJsonLd(all, publisher, { siteUrl, today }), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/ld+json; charset=utf-8' },
  });
};
