/** Files generated from the schema, as functions of their current text (the README keeps its prose). */
import { entryJsonSchema, fieldReference, registerJsonSchema } from '../core/json-schema.ts';

const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;

const between = (start: string, end: string, content: string) => (text: string) => {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md lacks the markers ${start} … ${end}`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
};

export const generatedFiles: Record<string, (current: string) => string> = {
  'schemas/register.schema.json': () => json(registerJsonSchema()),
  'schemas/subprocessor.schema.json': () => json(entryJsonSchema()),
  'README.md': (text) =>
    [
      between('<!-- register-fields:start -->', '<!-- register-fields:end -->', fieldReference(registerJsonSchema())),
      between('<!-- entry-fields:start -->', '<!-- entry-fields:end -->', fieldReference(entryJsonSchema())),
    ].reduce((current, update) => update(current), text),
};
