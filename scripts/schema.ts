/**
 * `npm run schema`: regenerates schemas/*.schema.json and the field reference in README.md from
 * the zod schema. A test fails when they are out of date, so run this after changing src/schema.ts.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { runCommand } from '../src/io/cli.ts';
import { generatedFiles } from '../src/io/generated-files.ts';

await runCommand(async () => {
  await mkdir('schemas', { recursive: true });
  for (const [path, generate] of Object.entries(generatedFiles)) {
    const current = await readFile(path, 'utf8').catch(() => '');
    const next = generate(current);
    if (next !== current) {
      await writeFile(path, next);
      console.log(`wrote ${path}`);
    }
  }
  return 0;
});
