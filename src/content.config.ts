/**
 * The site's content comes from the same validator as `npm run check`: one YAML 1.2 reader, one
 * schema, the same transfer rules. A register with errors does not build; warnings are logged.
 */
import { fileURLToPath } from 'node:url';
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
// The user-facing error class: Astro prints its message and hint without a stack trace.
import { AstroError } from 'astro/errors';
import { todayUtc } from './dates.ts';
import { formatText, type Finding } from './findings.ts';
import { EntrySchema, RegisterSchema } from './schema.ts';
import { validateRegister, type ValidatedRegister } from './validate.ts';
import { readContentFiles } from '../scripts/lib/content-files.ts';

let validation: Promise<ValidatedRegister> | undefined;
let watching = false;

/** Both collections come from one read and one validation of content/, redone when a file changes. */
function validateContent({ config, logger, watcher }: LoaderContext): Promise<ValidatedRegister> {
  if (watcher !== undefined && !watching) {
    watching = true;
    watcher.on('all', () => (validation = undefined));
  }
  validation ??= (async () => {
    const { sources, findings: readFindings } = await readContentFiles(fileURLToPath(config.root));
    // REGISTER_TODAY pins the date the rules are judged on, for reproducible builds and tests.
    const validated = validateRegister(sources, { today: process.env.REGISTER_TODAY ?? todayUtc() });
    const findings: Finding[] = [...readFindings, ...validated.findings];
    for (const finding of findings) if (finding.severity === 'warning') logger.warn(formatText(finding));
    const errors = findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      const error = new AstroError(
        `The register has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}, so the site cannot be built:\n${errors.map(formatText).join('\n')}`,
        'Fix each line above (npm run check lists them too), then build again.',
      );
      // The fault is in content/, which the message names line by line; a stack trace into this
      // loader would only bury it (Astro prints one whenever the error has a stack).
      error.stack = '';
      throw error;
    }
    return validated;
  })();
  return validation;
}

const subprocessorsLoader = {
  name: 'subprocessors',
  schema: EntrySchema,
  async load(context: LoaderContext) {
    const { entries } = await validateContent(context);
    context.store.clear();
    for (const entry of entries) {
      context.store.set({ id: entry.id, data: entry.data, body: entry.body, rendered: await context.renderMarkdown(entry.body) });
    }
  },
} satisfies Loader;

const publisherLoader = {
  name: 'publisher',
  schema: RegisterSchema,
  async load(context: LoaderContext) {
    const { register } = await validateContent(context);
    context.store.clear();
    if (register !== undefined) context.store.set({ id: 'register', data: register });
  },
} satisfies Loader;

export const collections = {
  subprocessors: defineCollection({ loader: subprocessorsLoader }),
  publisher: defineCollection({ loader: publisherLoader }),
};
