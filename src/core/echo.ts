/**
 * How a finding shows a value taken from a file. A value is untrusted and may be huge: a finding
 * repeats at most ECHO_LIMIT characters of it, and shows invisible characters (controls, bidi
 * overrides) as U+XXXX, so a message is always one short, readable line whatever the file holds.
 */
import { codePoint, FORBIDDEN_CHARACTER } from './characters.ts';

/** The most characters of a value a finding repeats. */
export const ECHO_LIMIT = 80;

/** `"Amazon Web Services"`, `"A very long…" (12,000 characters)`, `"AcmeU+0000"`; lists and maps are described. */
export function quote(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  const text = String(value);
  return text.length > ECHO_LIMIT
    ? `"${shorten(text)}" (${text.length.toLocaleString('en-US')} characters)`
    : `"${shorten(text)}"`;
}

/** The text cut to ECHO_LIMIT characters (… marks the cut), invisible characters shown as U+XXXX. */
export function shorten(text: string): string {
  if (text.length <= ECHO_LIMIT) return showInvisible(text);
  // Never cut a character written as two UTF-16 units in half.
  const end = /[\ud800-\udbff]/.test(text.charAt(ECHO_LIMIT - 1)) ? ECHO_LIMIT - 1 : ECHO_LIMIT;
  return `${showInvisible(text.slice(0, end))}…`;
}

const invisible = new RegExp(FORBIDDEN_CHARACTER.source, 'g');

const showInvisible = (text: string) => text.replace(invisible, codePoint);
