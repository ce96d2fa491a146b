/**
 * The one YAML reader of the register, shared by `npm run check`, the site's content loader and
 * the change engine, so that every part sees the same values.
 *
 * Values follow the YAML 1.2 core schema: `2025-02-30` stays the text it is and the schema rejects
 * it, where Astro's default loader would roll it over to a real date; `NO` stays the country code
 * of Norway instead of becoming `false`. js-yaml reads them (with its core schema: no timestamps,
 * no yes/no booleans), about twelve times faster than the `yaml` package; `yaml` is used only
 * when a line number is wanted — to point a finding at its field, or to explain a syntax error —
 * which a valid file never needs.
 *
 * Anchors (`&name`) and aliases (`*name`) are refused: ten lines of aliases can stand for a
 * billion values (the "billion laughs"), which every later step — the schema, the messages, the
 * suggestions — would walk. An entry is short; writing a value out again costs its author nothing.
 */
import jsYaml from 'js-yaml';
import { quote, shorten } from './echo.ts';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];

export interface ParsedYaml {
  ok: true;
  data: unknown;
  /** The Markdown after the frontmatter (empty for a YAML file). */
  body: string;
  /** The line of the value at `path`, or of its closest ancestor present in the file. */
  locate(path: FieldPath): number;
}

export interface YamlProblem {
  ok: false;
  rule:
    | 'frontmatter-missing'
    | 'frontmatter-unclosed'
    | 'yaml-syntax'
    | 'yaml-duplicate-key'
    | 'yaml-not-a-map'
    | 'yaml-alias';
  line: number;
  /** The field the problem is in, when it is in one. */
  path?: FieldPath;
  message: string;
  hint: string;
}

/** Parse a YAML document whose first line is line `firstLine` of its file. */
export function parseYaml(source: string, firstLine = 1, body = ''): ParsedYaml | YamlProblem {
  let data: unknown;
  try {
    data = jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA });
  } catch (error) {
    return explainSyntaxError(source, firstLine, error as Error);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      rule: 'yaml-not-a-map',
      line: firstLine,
      message:
        data === null || data === undefined
          ? 'The document is empty.'
          : 'The document is not a list of `field: value` lines.',
      hint: 'Write one `field: value` per line, starting with `name:`.',
    };
  }
  let positions: Positions | undefined;
  // js-yaml shares an aliased value instead of copying it, so loading the file was cheap; nothing
  // else may see it. Without & or * there is neither, and no second parse.
  if (/[&*]/.test(source)) {
    positions = readPositions(source, firstLine);
    const problem = refuseAnchors(positions);
    if (problem !== undefined) return problem;
  }
  return { ok: true, data, body, locate: (path) => (positions ??= readPositions(source, firstLine)).locate(path) };
}

/** The first anchor or alias of the document, in the order written, as a finding. */
function refuseAnchors({ doc, lineAt }: Positions): YamlProblem | undefined {
  const found = findAnchor(doc.contents, []);
  if (found === undefined) return undefined;
  const { node, path } = found;
  const where = path.length === 0 ? 'The document' : `"${fieldName(path)}"`;
  const message = isAlias(node)
    ? `${where} is written as the alias *${node.source}, which stands for a value written elsewhere in the file; aliases are not accepted, because a few of them can stand for millions of values.`
    : `${where} is marked with the anchor &${node.anchor}, which lets aliases (*${node.anchor}) repeat it elsewhere; anchors and aliases are not accepted, because a few of them can stand for millions of values.`;
  return {
    ok: false,
    rule: 'yaml-alias',
    line: node.range ? lineAt(node.range[0]) : lineAt(0),
    path,
    message,
    hint: 'Write the value out in full at each place it is needed, and delete the & and * marks.',
  };
}

function findAnchor(node: unknown, path: (string | number)[]): { node: Node; path: FieldPath } | undefined {
  if (isAlias(node)) return { node, path };
  if (node !== null && typeof node === 'object' && typeof (node as Node).anchor === 'string')
    return { node: node as Node, path };
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const inKey = findAnchor(pair.key, path);
      if (inKey !== undefined) return inKey;
      const inValue = findAnchor(pair.value, [...path, typeof key === 'number' ? key : String(key)]);
      if (inValue !== undefined) return inValue;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = findAnchor(item, [...path, index]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** `['transfers', 0, 'mechanism']` → `transfers[0].mechanism`; a field name from the file is shown as `shorten` shows values. */
export const fieldName = (path: FieldPath): string =>
  path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? shorten(segment) : `.${shorten(segment)}`,
    )
    .join('');

interface Positions {
  doc: Document;
  lineAt(offset: number): number;
  locate(path: FieldPath): number;
}

function readPositions(source: string, firstLine: number): Positions {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    version: '1.2',
    schema: 'core',
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
  });
  // An error at the very end (an unclosed bracket) is reported on the last written line.
  const lastLine = source.replace(/\s+$/, '').split('\n').length;
  const lineAt = (offset: number) => Math.min(lineCounter.linePos(offset).line, lastLine) + firstLine - 1;
  return { doc, lineAt, locate: (path) => locate(doc, path, lineAt, firstLine) };
}

/** A file js-yaml rejects: ask the `yaml` parser where and why, for a message with a line. */
function explainSyntaxError(source: string, firstLine: number, cause: Error): YamlProblem {
  const { doc, lineAt } = readPositions(source, firstLine);
  const error = doc.errors[0];
  if (error?.code === 'DUPLICATE_KEY') {
    const key = /^\s*([^:\n]+):/.exec(source.slice(error.pos[0]))?.[1] ?? 'A field';
    return {
      ok: false,
      rule: 'yaml-duplicate-key',
      line: lineAt(error.pos[0]),
      message: `${quote(key)} appears twice, so it is unclear which value counts.`,
      hint: 'Keep one of the two lines and delete the other.',
    };
  }
  const mark = (cause as { mark?: { line?: number } }).mark;
  return {
    ok: false,
    rule: 'yaml-syntax',
    line: error !== undefined ? lineAt(error.pos[0]) : (mark?.line ?? 0) + firstLine,
    message: `The YAML cannot be read: ${firstSentence(error?.message ?? (cause as { reason?: string }).reason ?? cause.message)}.`,
    hint: 'Check the indentation and quote values that contain ": " or start with a special character such as @, *, & or [.',
  };
}

const fence = /^---[ \t]*\r?$/;

/** Split a Markdown file into its YAML frontmatter (between `---` lines) and its body, then parse it. */
export function parseMarkdownEntry(text: string): ParsedYaml | YamlProblem {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (!fence.test(lines[0] ?? '')) {
    return {
      ok: false,
      rule: 'frontmatter-missing',
      line: 1,
      message: "The file has no frontmatter: the entry's fields must come first, between two `---` lines.",
      hint: 'Start the file with a line `---`, then the fields (`name: …`), then another `---` line before any text.',
    };
  }
  const close = lines.findIndex((line, index) => index > 0 && fence.test(line));
  if (close === -1) {
    return {
      ok: false,
      rule: 'frontmatter-unclosed',
      line: 1,
      message: 'The frontmatter opened on line 1 is never closed.',
      hint: 'Add a line `---` after the last field, before the text of the entry.',
    };
  }
  const yaml = lines.slice(1, close).join('\n');
  const body = lines
    .slice(close + 1)
    .join('\n')
    .trim();
  return parseYaml(yaml, 2, body);
}

function locate(doc: Document, path: FieldPath, lineAt: (offset: number) => number, rootLine: number): number {
  let node: unknown = doc.contents;
  let line = rootLine;
  for (const segment of path) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (pair === undefined) break;
      if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
      next = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment] as Node | undefined;
      if (next?.range) line = lineAt(next.range[0]);
    }
    if (next === null || next === undefined) break;
    node = next;
  }
  return line;
}

const firstSentence = (message: string) =>
  message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/\.$/, '');
