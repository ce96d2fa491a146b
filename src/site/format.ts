/** Small formatting helpers shared by the pages. Pure. */

export { formatDate } from '../core/dates.ts';
export { joinWords } from '../core/words.ts';

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** A site path under the base the site is served from: `withBase('/register/', 'map/')` → `/register/map/`. */
export function withBase(base: string, path = ''): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\/+/, '')}`;
}

/** The first http(s) URL in a free-text source note, if any. */
export function firstUrl(text: string): string | undefined {
  return /https?:\/\/[^\s;,)]+/.exec(text)?.[0];
}

/** `mailto:` link for an address, with an optional subject. */
export function mailto(address: string, subject?: string, body?: string): string {
  const params = [
    subject === undefined ? '' : `subject=${encodeURIComponent(subject)}`,
    body === undefined ? '' : `body=${encodeURIComponent(body)}`,
  ].filter(Boolean);
  return `mailto:${address}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

/** A contact is an email address or an https URL: the href to reach it. */
export const contactHref = (contact: string) => (contact.startsWith('https://') ? contact : mailto(contact));
