/**
 * The response headers every answer of the register's server carries, static files included: a
 * Content-Security-Policy that allows this origin only (no inline script; inline styles only by hash; no third-party
 * request, forms post only here, no framing), no MIME sniffing, and a referrer policy under which
 * browsers still send the Origin header Astro's cross-site form check needs.
 */
import { createHash } from 'node:crypto';
/**
 * `styleHashes`: the SHA-256 of each inline <style> the built pages carry (the annex's print
 * styles), allowed by hash so no other inline style runs.
 */
export const contentSecurityPolicy = (styleHashes: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    ["style-src 'self'", ...styleHashes.map((hash) => `'sha256-${hash}'`)].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');

/** The SHA-256 (base64) of every inline <style> element's content in these HTML pages, each once. */
export function inlineStyleHashes(pages: Iterable<string>): string[] {
  const hashes = new Set<string>();
  for (const html of pages)
    for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g))
      hashes.add(createHash('sha256').update(match[1]!, 'utf8').digest('base64'));
  return [...hashes].sort();
}

export const securityHeaders = (styleHashes: readonly string[] = []): Readonly<Record<string, string>> => ({
  'Content-Security-Policy': contentSecurityPolicy(styleHashes),
  'X-Content-Type-Options': 'nosniff',
  // `no-referrer` would make Chromium send `Origin: null` with a form POST, which Astro refuses.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
});
