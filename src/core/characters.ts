/**
 * Characters no text field may hold. Control characters are invisible, and break what the text
 * goes into: a NUL or an ESC makes the RSS feed invalid XML, a carriage return closes the code
 * fence of the pull-request comment, a line break in a name starts a new line in the notifier's
 * log (where `::add-mask::` is a GitHub workflow command) and in an email subject. Bidirectional
 * overrides and isolates make a text display in another order than it is written, so "Stripe"
 * can be shown for a name that reads otherwise ("Trojan Source", CVE-2021-42574).
 *
 * Line feeds are allowed in the prose fields a customer reads as a paragraph (an address on
 * several lines, a purpose); every other field is one line. Marks that only hint a direction
 * (U+200E, U+200F, U+061C) are allowed: Arabic and Hebrew names need them and they reorder nothing.
 */
import type { FieldPath } from './frontmatter.ts';
import type { RuleFinding } from './rules.ts';

/** C0 controls and DEL, C1 controls, bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
export const FORBIDDEN_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Fields whose last segment is one of these may hold line feeds (U+000A), and nothing else of the above. */
export const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(['address', 'purpose', 'emergency']);

/** `U+202E` */
export const codePoint = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

const names: Record<string, string> = {
  '\u0000': 'null',
  '\u0009': 'tab',
  '\u000a': 'line feed',
  '\u000d': 'carriage return',
  '\u001b': 'escape',
  '\u007f': 'delete',
  '\u0085': 'next line',
  '\u202a': 'left-to-right embedding',
  '\u202b': 'right-to-left embedding',
  '\u202c': 'pop directional formatting',
  '\u202d': 'left-to-right override',
  '\u202e': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
};

const isBidi = (character: string) => /[\u202a-\u202e\u2066-\u2069]/.test(character);

/** Every forbidden character of every text in `data` (values and keys), one finding per text. */
export function forbiddenCharacterFindings(data: unknown): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const visit = (value: unknown, path: FieldPath) => {
    if (typeof value === 'string') {
      const finding = checkText(value, path);
      if (finding !== undefined) findings.push(finding);
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, [...path, index]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const inKey = checkText(key, [...path, key], 'key');
        if (inKey !== undefined) findings.push(inKey);
        else visit(item, [...path, key]);
      }
    }
  };
  visit(data, []);
  return findings;
}

function checkText(text: string, path: FieldPath, what: 'text' | 'key' = 'text'): RuleFinding | undefined {
  const last = path.at(-1);
  const lineFeedAllowed = what === 'text' && typeof last === 'string' && MULTI_LINE_FIELDS.has(last);
  const pattern = lineFeedAllowed
    ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
    : FORBIDDEN_CHARACTER;
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const character = match[0];
  // Positions count characters as a reader does (an emoji is one), from 1.
  const position = [...text.slice(0, match.index)].length + 1;
  const name =
    names[character] ??
    (character < '\u0080' || character > '\u009f' ? 'a control character' : 'a C1 control character');
  const where = `${codePoint(character)} (${name}) at character ${position} of ${what === 'key' ? 'the field name' : 'the text'}`;
  if (isBidi(character))
    return {
      severity: 'error',
      rule: 'text-bidi-control',
      path,
      message: `${where}: it makes the text display in another order than it is written, so readers may see something else than what is checked and recorded.`,
      hint: 'Delete the character (retype the text if it was pasted); write the text in its normal reading order.',
    };
  return {
    severity: 'error',
    rule: 'text-control-character',
    path,
    message: `${where}: control characters are invisible and break the feed, the exports, the email subject and the logs.`,
    hint:
      character === '\n'
        ? 'Write this field on one line.'
        : character === '\r'
          ? lineFeedAllowed
            ? 'Delete it; write line breaks as plain line breaks (\\n), or the text on one line.'
            : 'Delete it and write this field on one line.'
          : 'Delete the character (retype the text if it was pasted).',
  };
}
