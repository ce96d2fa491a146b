/**
 * The notice subscribers receive for material changes (GDPR Art. 28(2)): what changes, when each
 * takes effect, until when and how to object, with absolute links. Subject, plain text and HTML
 * from the same descriptions; the HTML needs no image or remote resource to be read.
 */
import type { Change } from '../changes/diff.ts';
import type { Register } from '../schema.ts';
import { describeChanges, renderChangesHtml, renderChangesText } from './changes.ts';
import { escapeHtml } from './escape.ts';

export interface NoticeContext {
  register: Pick<
    Register,
    'name' | 'legalName' | 'contact' | 'categories' | 'services' | 'dataCategories' | 'dataSubjects'
  > & { email: Pick<Register['email'], 'replyTo'> };
  /** Absolute URL of the site's root, ending in `/`. */
  siteUrl: string;
  /** Where a subscriber unsubscribes: a URL, or the provider's placeholder for one. */
  unsubscribeUrl: string;
  /** The register version the notice announces: its day, commit and the SHA-256 of its JSON (/versions/). */
  version?: { id: string; commit: string; sha256: string };
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

export function renderNotice(changes: readonly Change[], context: NoticeContext): RenderedNotice {
  const material = changes.filter((change) => change.material);
  const { register, siteUrl } = context;
  const descriptions = describeChanges(material, { labels: register, siteUrl });
  const deadlines = material.flatMap((change) => change.notice?.objectionDeadline ?? []).sort();
  const deadline = deadlines[0];
  const objectTo = register.email.replyTo ?? register.contact;
  const subject = `${register.name}: ${material.length === 1 ? `${descriptions[0]!.headline.replace(/:/, '')} as sub-processor` : `${material.length} changes to our sub-processors`}${deadline ? ` (object by ${deadline})` : ''}`;

  const intro = `${register.legalName} is changing the sub-processors that process personal data on your behalf. We tell you before the changes take effect so that you can object (GDPR Art. 28(2) and our data processing agreement).`;
  const howToObject = `To object, reply to this email or write to ${objectTo}${deadline ? ` by ${deadline}` : ''}, naming the sub-processor and your reasons.`;
  const links = { register: siteUrl, changes: `${siteUrl}changes/`, subscribe: `${siteUrl}subscribe/` };
  const { version } = context;
  const versionText =
    version === undefined
      ? undefined
      : `This notice announces register version ${version.id} (commit ${version.commit.slice(0, 12)}), SHA-256 ${version.sha256}: ${siteUrl}versions/${version.id.slice(0, 7)}/#v${version.id}`;

  const text = [
    intro,
    '',
    renderChangesText(descriptions),
    '',
    howToObject,
    '',
    `The full register: ${links.register}`,
    `All changes: ${links.changes}`,
    ...(versionText !== undefined ? [versionText] : []),
    `Unsubscribe: ${context.unsubscribeUrl}`,
  ].join('\n');

  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const html = [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem;margin:0 auto;padding:1rem">',
    `<h1 style="font-size:1.25rem">${escapeHtml(`Changes to the sub-processors of ${register.name}`)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
    renderChangesHtml(descriptions, { headingLevel: 2, tags: false }),
    `<p><strong>${escapeHtml(howToObject)}</strong></p>`,
    `<p>${link(links.register, 'The full register')} · ${link(links.changes, 'All changes')}</p>`,
    ...(versionText !== undefined ? [`<p style="font-size:.875rem;color:#555">${escapeHtml(versionText)}</p>`] : []),
    `<p style="font-size:.875rem;color:#555">You receive this because you subscribed to changes of this register. ${link(context.unsubscribeUrl, 'Unsubscribe')}.</p>`,
    '</body></html>',
  ].join('\n');

  return { subject, text, html };
}
