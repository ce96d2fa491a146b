/**
 * Validates a whole register — `register.yaml` and every entry — from the text of its files.
 * Pure: the caller reads the files (`src/io/content-files.ts`), so the check command, the
 * site's content loader and the change engine all validate the same way.
 */
import { forbiddenCharacterFindings } from './characters.ts';
import type { EntryPublication } from './changes/history.ts';
import type { Finding } from './findings.ts';
import { sortFindings } from './findings.ts';
import {
  fieldName,
  parseMarkdownEntry,
  parseYaml,
  type FieldPath,
  type ParsedYaml,
  type YamlProblem,
} from './frontmatter.ts';
import type { Law } from './law/law.ts';
import { evaluateEntry, evaluateRegister, type RuleFinding } from './rules.ts';
import { issuesToFindings } from './schema-issues.ts';
import {
  createEntrySchema,
  entryIdPattern,
  RegisterSchema,
  type Register,
  type Subprocessor,
  type Vocabularies,
} from './schema.ts';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes: `content/subprocessors/aws.md`. */
  path: string;
  text: string;
}

export interface RegisterSources {
  /** `undefined` when the file could not be read (the reader reports why). */
  register: SourceFile | undefined;
  /** Every `*.md` file under `content/subprocessors/`. */
  entries: readonly SourceFile[];
}

export interface ValidatedRegister {
  /** `undefined` when register.yaml has errors. */
  register: Register | undefined;
  /** Entries without errors, sorted by id. */
  entries: Subprocessor[];
  findings: Finding[];
}

export const REGISTER_PATH = 'content/register.yaml';
export const ENTRIES_DIR = 'content/subprocessors';

const vocabularyFields: Record<string, keyof Vocabularies> = {
  category: 'categories',
  services: 'services',
  dataCategories: 'dataCategories',
  dataSubjects: 'dataSubjects',
};

export function validateRegister(
  sources: RegisterSources,
  options: {
    today: string;
    publications?: ReadonlyMap<string, EntryPublication> | undefined;
    /** Another edition of the transfer law (tests of a change in the law); the law file's by default. */
    law?: Law;
  },
): ValidatedRegister {
  const findings: Finding[] = [];
  const { register, vocabularies } = sources.register === undefined ? {} : readRegisterFile(sources.register, findings);
  const entrySchema = createEntrySchema(vocabularies);
  const context = {
    register,
    today: options.today,
    ...(options.publications ? { publications: options.publications } : {}),
    ...(options.law ? { law: options.law } : {}),
  };

  const entries: Subprocessor[] = [];
  const firstFileOfId = new Map<string, string>();
  for (const file of sources.entries) {
    const id = entryId(file.path);
    const report = reporter(file.path, findings);
    if (!entryIdPattern.test(id)) {
      report.at(1, {
        severity: 'error',
        rule: 'file-name-invalid',
        path: [],
        message: `"${id}" cannot be an id: the file name is the entry's permanent id and may contain only lower-case letters, digits and hyphens.`,
        hint: `Rename the file to ${suggestId(id)}.md.`,
      });
      continue;
    }
    const other = firstFileOfId.get(id);
    if (other !== undefined) {
      report.at(1, {
        severity: 'error',
        rule: 'id-duplicate',
        path: [],
        message: `The id "${id}" is already used by ${other}; ids must be unique because links, feeds and notices refer to them.`,
        hint: 'Rename one of the two files, or delete the copy.',
      });
      continue;
    }
    firstFileOfId.set(id, file.path);

    const parsed = file.text.trim() === '' ? emptyFile() : parseMarkdownEntry(file.text);
    if (!parsed.ok) {
      report.problem(parsed);
      continue;
    }
    const characterFindings = forbiddenCharacterFindings(parsed.data);
    report.all(parsed, characterFindings);
    const result = entrySchema.safeParse(parsed.data);
    if (!result.success) {
      const vocabularyOf = (path: FieldPath) => vocabularyFields[String(path[0])];
      report.all(
        parsed,
        issuesToFindings(result.error.issues, { data: parsed.data, schema: entrySchema, vocabularyOf }),
      );
      continue;
    }
    const ruleFindings = evaluateEntry(id, result.data, context);
    report.all(parsed, ruleFindings);
    if (characterFindings.length === 0 && !ruleFindings.some((finding) => finding.severity === 'error'))
      entries.push({ id, data: result.data, body: parsed.body });
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { register, entries, findings: sortFindings(findings) };
}

function readRegisterFile(file: SourceFile, findings: Finding[]): { register?: Register; vocabularies?: Vocabularies } {
  const report = reporter(file.path, findings);
  const parsed = parseYaml(file.text);
  if (!parsed.ok) {
    report.problem(parsed);
    return {};
  }
  const characterFindings = forbiddenCharacterFindings(parsed.data);
  report.all(parsed, characterFindings);
  const result = RegisterSchema.safeParse(parsed.data);
  if (result.success) {
    report.all(parsed, evaluateRegister(result.data));
    // The vocabularies still serve the entries; the settings with a forbidden character do not.
    return characterFindings.length === 0
      ? { register: result.data, vocabularies: result.data }
      : { vocabularies: result.data };
  }
  report.all(parsed, issuesToFindings(result.error.issues, { data: parsed.data, schema: RegisterSchema }));
  // One mistake elsewhere in register.yaml should not hide the vocabularies from the entries.
  const vocabularies = RegisterSchema.pick({
    categories: true,
    services: true,
    dataCategories: true,
    dataSubjects: true,
  })
    .strip()
    .safeParse(parsed.data);
  return { vocabularies: vocabularies.success ? vocabularies.data : undefined };
}

function reporter(file: string, findings: Finding[]) {
  const at = (line: number, finding: RuleFinding) => findings.push(toFinding(file, line, finding));
  return {
    at,
    problem: ({ ok: _ok, path = [], ...problem }: YamlProblem) =>
      at(problem.line, { severity: 'error', path, ...problem }),
    all: (parsed: ParsedYaml, ruleFindings: RuleFinding[]) => {
      for (const finding of ruleFindings) at(parsed.locate(finding.path), finding);
    },
  };
}

const toFinding = (file: string, line: number, { severity, rule, path, message, hint }: RuleFinding): Finding => ({
  severity,
  rule,
  file,
  line,
  field: fieldName(path),
  message,
  hint,
});

const emptyFile = (): YamlProblem => ({
  ok: false,
  rule: 'frontmatter-missing',
  line: 1,
  message: 'The file is empty.',
  hint: 'Write the entry\'s fields between two `---` lines (see README, "Editing an entry"), or delete the file.',
});

/** `content/subprocessors/eu/aws.md` → `aws`. */
export const entryId = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');

const suggestId = (id: string) =>
  id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'new-entry';
