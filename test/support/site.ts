/**
 * Helpers for the site's tests: build a temporary copy of the site once per test file, list and
 * read what it built, validate its HTML with the project's html-validate configuration, and parse
 * its HTML and CSV the way a browser and a spreadsheet would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { HtmlValidate } from 'html-validate';
import { TODAY } from './helpers.ts';
import { buildSite, pagesDir, PROJECT_ROOT, tempSite, type TempProject } from './project.ts';

export interface BuiltSite {
  site: TempProject;
  /** The built pages: dist/client/ with the server (default), dist/ for the static build. */
  dist: string;
  status: number | null;
  output: string;
  read(path: string): string;
  /** Every built file, relative to dist/, with forward slashes. */
  files(): string[];
}

/** A temporary copy of the site, changed by `prepare`, built once with the given environment. */
export function buildTempSite(env: Record<string, string> = {}, prepare?: (site: TempProject) => void): BuiltSite {
  const site = tempSite();
  prepare?.(site);
  const result = buildSite(site, { REGISTER_TODAY: TODAY, ...env });
  const dist = pagesDir(site.root);
  return {
    site,
    dist,
    status: result.status,
    output: result.output,
    read: (path) => readFileSync(join(dist, path), 'utf8'),
    files: () => listFiles(dist).map((file) => relative(dist, file).split('\\').join('/')),
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory() ? listFiles(join(dir, item.name)) : [join(dir, item.name)],
  );
}

/** html-validate with the repository's .htmlvalidate.json: one line per error, `file:line:col rule message`. */
export async function htmlErrors(built: BuiltSite): Promise<string[]> {
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8'));
  const validator = new HtmlValidate(config);
  const errors: string[] = [];
  for (const file of built.files().filter((name) => name.endsWith('.html'))) {
    const report = await validator.validateString(built.read(file), file);
    for (const result of report.results) {
      for (const message of result.messages)
        if (message.severity === 2)
          errors.push(`${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`);
    }
  }
  return errors;
}

export interface Element {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: Node[];
}
type Node = Element | { type: string; value?: string; children?: Node[] };

/** Every element of an HTML document, in document order (templates and SVG included). */
export function elements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if (node.type === 'element') found.push(node as Element);
    for (const child of (node as { children?: Node[] }).children ?? []) walk(child);
    const content = (node as { content?: Node }).content;
    if (content !== undefined) walk(content);
  };
  walk(fromHtml(html) as Node);
  return found;
}

export const textOf = (node: Node): string =>
  node.type === 'text' ? (node.value ?? '') : ((node as { children?: Node[] }).children ?? []).map(textOf).join('');

/** Every URL an HTML document refers to: href, src, srcset, action, poster, xlink:href. */
export function urlsIn(html: string): { tag: string; attribute: string; url: string }[] {
  const urls: { tag: string; attribute: string; url: string }[] = [];
  for (const element of elements(html)) {
    for (const attribute of ['href', 'src', 'action', 'poster', 'xLinkHref', 'formAction']) {
      const value = element.properties[attribute];
      if (typeof value === 'string') urls.push({ tag: element.tagName, attribute, url: value });
    }
  }
  return urls;
}

/** RFC 4180 records, strictly: fields separated by commas, records by CRLF, quotes doubled inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        field += text[index++];
      }
    } else {
      while (index < text.length && text[index] !== ',' && text[index] !== '\r' && text[index] !== '\n') {
        if (text[index] === '"') throw new Error(`quote inside an unquoted field at ${index}`);
        field += text[index++];
      }
    }
    if (text[index] === ',') {
      record.push(field);
      field = '';
      index++;
    } else if (text.startsWith('\r\n', index)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 2;
    } else if (index < text.length) {
      throw new Error(`bare ${JSON.stringify(text[index])} at ${index}: records must end with CRLF`);
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}
