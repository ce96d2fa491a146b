/** Escaping for each medium content reaches. Every value from content/ is untrusted text. */

/**
 * Text XML 1.0 can hold: the characters it forbids even escaped (C0 controls but tab, line feed and
 * carriage return; U+FFFE, U+FFFF; unpaired surrogates) become U+FFFD. The check refuses them in
 * content/, but the feed also shows old revisions from the git history, which nothing checked.
 */
export const xmlText = (text: string): string =>
  text.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );

export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * Text inside GitHub Markdown, rendered as literal text: no formatting, links, HTML, mentions
 * (`@team` would notify people) or issue references; line breaks (LF, a bare CR) become spaces.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/\s*[\r\n\u2028\u2029]\s*/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/@/g, '&#64;');

/** A fenced code block that no backtick run inside the text can close early. */
export function markdownFence(text: string, language = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Text for a GitHub Actions log, where the runner reads a line that starts with `::` (after
 * spaces) as a workflow command (`::add-mask::`, `::warning::`, `::stop-commands::`) and `##[`
 * anywhere in a line as one of the older form. Text from content/ must never be one: such a line
 * gets a `\` before its `::`, and `##[` becomes `#\#[`; everything else is printed as it is.
 */
export const inertInActionsLog = (text: string): string =>
  text.replace(/^([ \t]*)::/gm, '$1\\::').replace(/##\[/g, '#\\#[');

/**
 * A value from content/ inside a log line: quoted as a JSON string, so a line break shows as `\n`
 * and cannot start a new line (or a workflow command); controls and bidi overrides show as `\uXXXX`.
 */
export const quoteForLog = (text: string): string =>
  JSON.stringify(text).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
