/** `/register.schema.json`: the JSON Schema of an entry, generated from the same zod schema the check uses. */
import type { APIRoute } from 'astro';
import { entryJsonSchema } from '../core/json-schema.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(entryJsonSchema(), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
  });
