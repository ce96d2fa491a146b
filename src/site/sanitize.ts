/**
 * The entry's Markdown body is written by people, and Markdown lets raw HTML through: Astro's
 * renderer keeps `<script>`, `onerror=` and `javascript:` links as written. Everything it renders
 * passes through hast-util-sanitize's GitHub schema before it reaches a page: no scripts, no event
 * handlers, no styles, only http(s)/mailto links, and ids prefixed so they cannot clobber the page's.
 * Images are dropped too: one from another origin would be a request leaving the site.
 */
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';

type Node = { type: string; tagName?: string; children?: Node[] };

const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'img' && name !== 'picture' && name !== 'source'),
};

/**
 * Safe HTML from rendered Markdown. Headings move down `headingOffset` levels (at most to h6), so a
 * `# Title` in a body shown under the page's h2 becomes an h3 and keeps the outline in order.
 */
export function sanitizeHtml(html: string, headingOffset = 0): string {
  const tree = sanitize(fromHtml(html, { fragment: true }), schema);
  if (headingOffset > 0) {
    const walk = (node: Node) => {
      const level = node.type === 'element' ? /^h([1-6])$/.exec(node.tagName ?? '')?.[1] : undefined;
      if (level !== undefined) node.tagName = `h${Math.min(6, Number(level) + headingOffset)}`;
      node.children?.forEach(walk);
    };
    walk(tree as Node);
  }
  return toHtml(tree);
}
