/**
 * Reads the register's files from disk for the pure validator (`src/validate.ts`). Problems with the
 * files themselves — a missing register.yaml, a folder where a file should be — become findings
 * like any other, so the user sees one list and no stack trace.
 *
 * A symbolic link anywhere in content/ is an error and is never followed: a link in a pull request
 * could point at a file outside the repository (whose values the check would echo) or at /dev/zero
 * (which never ends). Only regular files are read, opened with O_NOFOLLOW so that a link made
 * between listing and reading is refused too.
 */
import { constants, type Dirent } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Finding } from '../core/findings.ts';
import { ENTRIES_DIR, REGISTER_PATH, type RegisterSources, type SourceFile } from '../core/validate.ts';

export interface ContentFiles {
  sources: RegisterSources;
  /** Problems found while reading: they come before any validation. */
  findings: Finding[];
}

const READ_BATCH = 64;

export async function readContentFiles(root: string): Promise<ContentFiles> {
  const findings: Finding[] = [];
  const problem = (
    file: string,
    rule: string,
    message: string,
    hint: string,
    severity: Finding['severity'] = 'error',
  ) => findings.push({ severity, rule, file, line: 1, field: '', message, hint });

  // The folders on the way are links too, possibly: content/ or content/subprocessors/ made a link.
  const linkedFolder = await firstLinkedFolder(root, ENTRIES_DIR);
  if (linkedFolder !== undefined) problem(linkedFolder, 'file-is-symlink', ...symlinkMessage(linkedFolder));
  const register =
    linkedFolder === 'content'
      ? undefined
      : await readTextFile(root, REGISTER_PATH, (rule, message, hint) => problem(REGISTER_PATH, rule, message, hint));
  const entriesDir = join(root, ENTRIES_DIR);
  let found: Dirent[] = [];
  try {
    if (linkedFolder === undefined) found = await readdir(entriesDir, { recursive: true, withFileTypes: true });
  } catch {
    problem(
      ENTRIES_DIR,
      'folder-missing',
      `The folder ${ENTRIES_DIR} does not exist, so the register has no entries.`,
      `Create ${ENTRIES_DIR}/ with one <id>.md file per sub-processor.`,
    );
  }
  const pathOf = (dirent: Dirent) => relative(root, join(dirent.parentPath, dirent.name)).split(sep).join('/');
  const markdown: string[] = [];
  for (const dirent of found) {
    const path = pathOf(dirent);
    if (path.slice(0, path.lastIndexOf('/')).endsWith('.md')) continue; // inside a folder reported below
    if (dirent.isSymbolicLink()) {
      problem(path, 'file-is-symlink', ...symlinkMessage(path));
    } else if (dirent.name.endsWith('.md')) {
      if (dirent.isDirectory())
        problem(
          path,
          'file-is-folder',
          `${path} is a folder, not a file.`,
          `Move what it contains elsewhere and replace it with a file named ${dirent.name}.`,
        );
      else markdown.push(path);
    } else if (dirent.isFile()) {
      problem(
        path,
        'file-ignored',
        'This file is not a Markdown file, so it is not part of the register.',
        'Rename it to <id>.md if it is an entry, or move it out of content/subprocessors/.',
        'warning',
      );
    }
  }
  markdown.sort();
  const entries: SourceFile[] = [];
  // Read in batches: all at once would open thousands of files at the same time.
  for (let start = 0; start < markdown.length; start += READ_BATCH) {
    const batch = markdown.slice(start, start + READ_BATCH);
    const texts = await Promise.all(
      batch.map((path) => readTextFile(root, path, (rule, message, hint) => problem(path, rule, message, hint))),
    );
    batch.forEach((path, index) => {
      const text = texts[index];
      if (text !== undefined) entries.push({ path, text });
    });
  }
  return {
    sources: { register: register === undefined ? undefined : { path: REGISTER_PATH, text: register }, entries },
    findings,
  };
}

const symlinkMessage = (path: string): [message: string, hint: string] => [
  `${path} is a symbolic link. Links are not followed: one could make the register read a file outside the repository, or one that never ends.`,
  `Replace the link with the ${path.endsWith('.md') || path.endsWith('.yaml') ? 'file' : 'folder'} itself (copy its content), or delete it.`,
];

/** `content` or `content/subprocessors` when that folder is a symbolic link. */
async function firstLinkedFolder(root: string, path: string): Promise<string | undefined> {
  const parts = path.split('/');
  for (let end = 1; end <= parts.length; end++) {
    const folder = parts.slice(0, end).join('/');
    const stats = await lstat(join(root, folder)).catch(() => undefined);
    if (stats === undefined) return undefined;
    if (stats.isSymbolicLink()) return folder;
  }
  return undefined;
}

/** A regular file's text; a link, a device or a pipe is a problem, never read. */
async function readRegularFile(path: string): Promise<string> {
  const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stats = await file.stat();
    if (stats.isDirectory()) throw Object.assign(new Error(path), { code: 'EISDIR' });
    if (!stats.isFile()) throw Object.assign(new Error(path), { code: 'ENOTREGULAR' });
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}

async function readTextFile(
  root: string,
  path: string,
  problem: (rule: string, message: string, hint: string) => void,
): Promise<string | undefined> {
  try {
    return await readRegularFile(join(root, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW: opening a symbolic link fails with ELOOP (EMLINK on some BSDs).
    if (code === 'ELOOP' || code === 'EMLINK') problem('file-is-symlink', ...symlinkMessage(path));
    else if (code === 'ENOTREGULAR')
      problem(
        'file-not-regular',
        `${path} is not a regular file (a device, a pipe or a socket), so it is not read.`,
        'Replace it with a plain text file.',
      );
    else if (code === 'EISDIR')
      problem(
        'file-is-folder',
        `${path} is a folder, not a file.`,
        `Move what it contains elsewhere and replace it with a file named ${path.slice(path.lastIndexOf('/') + 1)}.`,
      );
    else if (code === 'ENOENT')
      problem('file-missing', `${path} does not exist.`, `Create it; see the example in the README.`);
    else
      problem('file-unreadable', `${path} cannot be read (${code ?? String(error)}).`, "Check the file's permissions.");
    return undefined;
  }
}
