/** The published JSON Schemas and the README's field reference are generated from the zod schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../src/io/generated-files.ts';
import { PROJECT_ROOT } from '../support/project.ts';

describe('generated files', () => {
  for (const [path, generate] of Object.entries(generatedFiles)) {
    it(`${path} is up to date (run npm run schema after changing src/schema.ts)`, () => {
      const current = readFileSync(join(PROJECT_ROOT, path), 'utf8');
      expect(current).toBe(generate(current));
    });
  }
});
