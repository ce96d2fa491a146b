/** Escaping for each medium content reaches. Every value from content/ is untrusted text. */

export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * Text inside GitHub Markdown, rendered as literal text: no formatting, links, HTML, mentions
 * (`@team` would notify people) or issue references; line breaks become spaces.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/\s*\n\s*/g, ' ')
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

/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export const isSafeUrl = (url: string): boolean => /^https?:\/\//i.test(url);
