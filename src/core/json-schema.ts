/**
 * The JSON Schemas published for editors and tools, and the README's field reference, both
 * generated from the zod schemas in `schema.ts` so they cannot drift from what `check` enforces.
 */
import { z } from 'zod';
import { EntrySchema, RegisterSchema } from './schema.ts';

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
};

const SCHEMA_BASE = 'https://github.com/subprocessor-register/schemas/';

export function registerJsonSchema(): object {
  return {
    $id: `${SCHEMA_BASE}register.schema.json`,
    title: 'register.yaml of a sub-processor register',
    ...z.toJSONSchema(RegisterSchema, { io: 'input' }),
  };
}

export function entryJsonSchema(): object {
  return {
    $id: `${SCHEMA_BASE}subprocessor.schema.json`,
    title: 'Frontmatter of a sub-processor entry',
    ...z.toJSONSchema(EntrySchema, { io: 'input' }),
  };
}

/** A Markdown table of every field, nested ones as `locations[].country`. */
export function fieldReference(schema: object): string {
  const rows = ['| field | required | meaning |', '|---|---|---|'];
  const walk = (node: JsonSchema, prefix: string) => {
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const required = node.required?.includes(name) && property.default === undefined ? 'yes' : 'no';
      rows.push(`| \`${prefix}${name}\` | ${required} | ${(property.description ?? '').replace(/\|/g, '\\|')} |`);
      const item = property.items;
      if (item?.properties !== undefined) walk(item, `${prefix}${name}[].`);
      if (property.properties !== undefined) walk(property, `${prefix}${name}.`);
    }
  };
  walk(schema as JsonSchema, '');
  return rows.join('\n');
}
