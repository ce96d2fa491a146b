/**
 * The site's content comes from the same validator as `npm run check`: one YAML 1.2 reader, one
 * schema, the same transfer rules. A register with errors does not build; warnings are logged.
 */
import { fileURLToPath } from 'node:url';
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'zod';
// The user-facing error class: Astro prints its message and hint without a stack trace.
import { AstroError } from 'astro/errors';
import { formatText, type Finding } from './core/findings.ts';
import { EntrySchema, RegisterSchema } from './core/schema.ts';
import { validateRegister, type ValidatedRegister } from './core/validate.ts';
import { readContentFiles } from './io/content-files.ts';
import { sitePublications } from './site/site-history.ts';
import { preloadedContent } from './site/history-preload.ts';
import { pendingChange } from './site/change-log.ts';
import type { EntryPublication } from './core/changes/history.ts';
import { registerToday } from './io/today.ts';

interface ValidatedContent extends ValidatedRegister {
  /** How each entry was published (`undefined` outside a git repository). */
  publications: Map<string, EntryPublication> | undefined;
  today: string;
}

let validation: Promise<ValidatedContent> | undefined;

/** The files of content/ as they are now, read and checked against the law and their history. */
async function checkContent(root: string, today: string) {
  const { sources, findings: readFindings } = await readContentFiles(root);
  // The history read here is also the change log's and the versions' (see sitePublications): one read per build.
  const publications = await sitePublications(root, sources, today);
  return { readFindings, validated: validateRegister(sources, { today, publications }), publications };
}

/** Every collection comes from one read and one validation of content/. */
function validateContent({ config, logger }: LoaderContext): Promise<ValidatedContent> {
  validation ??= (async () => {
    const root = fileURLToPath(config.root);
    const today = registerToday();
    // `astro build` reads and checks the files on its worker thread (src/site/history-preload.ts).
    const preloaded = await preloadedContent(root);
    const { readFindings, validated, publications } =
      preloaded !== undefined && preloaded.today === today ? preloaded : await checkContent(root, today);
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
    return { ...validated, publications, today };
  })();
  return validation;
}

/** The collections to fill again when a file of content/ changes under `astro dev`. */
const resyncs: (() => Promise<void>)[] = [];

/**
 * A loader that fills its collection from the validated register, and again whenever a file of
 * content/ changes under `astro dev` (a custom loader watches for itself): one validation serves
 * every collection on each change.
 */
function registerLoader<Schema extends z.ZodType>(
  name: string,
  schema: Schema,
  fill: (validated: ValidatedContent, context: LoaderContext) => Promise<void>,
) {
  return {
    name,
    schema,
    async load(context) {
      const sync = async () => {
        const validated = await validateContent(context);
        context.store.clear();
        await fill(validated, context);
      };
      if (context.watcher !== undefined && resyncs.length === 0) {
        const contentDir = fileURLToPath(new URL('content/', context.config.root));
        context.watcher.on('all', (_event, path) => {
          if (!path.startsWith(contentDir)) return;
          validation = undefined;
          for (const resync of resyncs) resync().catch((error: Error) => context.logger.error(error.message));
        });
      }
      resyncs.push(sync);
      await sync();
    },
  } satisfies Loader;
}

const subprocessorsLoader = registerLoader(
  'subprocessors',
  EntrySchema,
  async ({ entries }, { store, renderMarkdown }) => {
    for (const entry of entries)
      store.set({ id: entry.id, data: entry.data, body: entry.body, rendered: await renderMarkdown(entry.body) });
  },
);

const publisherLoader = registerLoader('publisher', RegisterSchema, async ({ register }, { store }) => {
  if (register !== undefined) store.set({ id: 'register', data: register });
});

/**
 * The change each entry's customers can still object to, judged on the build day: what the forms'
 * server needs and cannot work out itself, having no git history (the pages compute the same from
 * the change log). The form judges the deadline again on the day of each visit.
 */
const objectionPeriodsLoader = registerLoader(
  'objectionPeriods',
  z.object({ kind: z.enum(['added', 'updated']), effective: z.string(), deadline: z.string() }),
  async ({ register, entries, publications, today }, { store }) => {
    if (register === undefined) return;
    for (const entry of entries) {
      const publication = publications?.get(entry.id);
      // Newest first: the latest material update, then the addition.
      const changes =
        publication === undefined
          ? undefined
          : [publication.update, publication.addition].flatMap((change) =>
              change === undefined ? [] : [{ change, notice: change.notice }],
            );
      const pending = pendingChange({ data: entry.data, changes }, register, today);
      if (pending !== undefined) store.set({ id: entry.id, data: { ...pending } });
    }
  },
);

export const collections = {
  subprocessors: defineCollection({ loader: subprocessorsLoader }),
  publisher: defineCollection({ loader: publisherLoader }),
  objectionPeriods: defineCollection({ loader: objectionPeriodsLoader }),
};
