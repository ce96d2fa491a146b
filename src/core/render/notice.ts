/**
 * The notice subscribers receive for material changes (GDPR Art. 28(2)): what changes, when each
 * takes effect, until when and how to object, with absolute links. Subject, plain text and HTML
 * from the same descriptions; the HTML needs no image or remote resource to be read.
 */
import type { Change } from '../changes/diff.ts';
import type { Register } from '../schema.ts';
import { describeChanges, noticeSentence } from './changes.ts';
import type { ChangeDescription } from './describe.ts';
import { formatDate } from '../dates.ts';
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
  const links = { register: siteUrl, changes: `${siteUrl}changes/` };
  const { version } = context;
  const versionText =
    version === undefined
      ? undefined
      : `This notice announces register version ${version.id} (commit ${version.commit.slice(0, 12)}), SHA-256 ${version.sha256}: ${siteUrl}versions/${version.id.slice(0, 7)}/#v${version.id}`;
  const summary = summarise(descriptions, register, deadline);
  const blocks = descriptions.map((description) => changeBlock(description));

  const text = [
    `${summary.title}`,
    '',
    ...summary.lines.map(([label, value]) => `${`${label}:`.padEnd(14)}${value}`),
    '',
    howToObject,
    '',
    ...blocks.flatMap((block, index) => [
      `${index + 1}. ${block.headline}`,
      ...block.facts.map((fact) => `   ${fact}`),
      `   ${block.when}`,
      `   Details and how to object: ${block.url}`,
      '',
    ]),
    intro,
    '',
    `The full register: ${links.register}`,
    `All changes: ${links.changes}`,
    ...(versionText !== undefined ? [versionText] : []),
    `Change your services or unsubscribe: ${context.unsubscribeUrl}`,
  ].join('\n');

  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const cell = 'style="text-align:left;vertical-align:top;padding:.15rem 1rem .15rem 0"';
  const labelCell =
    'style="text-align:left;vertical-align:top;padding:.15rem 1rem .15rem .5rem;white-space:nowrap;width:1%"';
  const html = [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem;margin:0 auto;padding:1rem">',
    `<h1 style="font-size:1.25rem;margin:0 0 .5rem">${escapeHtml(summary.title)}</h1>`,
    '<table role="none" style="border-collapse:collapse;margin:0 0 .75rem;background:#f4f6f9;width:100%"><tbody>',
    ...summary.lines.map(
      ([label, value]) =>
        `<tr><th scope="row" ${labelCell}>${escapeHtml(label)}</th><td ${cell}>${escapeHtml(value)}</td></tr>`,
    ),
    '</tbody></table>',
    `<p style="margin:0 0 1rem"><strong>${escapeHtml(howToObject)}</strong></p>`,
    ...blocks.map(
      (block) =>
        `<div style="border-top:1px solid #d5dbe3;padding:.5rem 0"><h2 style="font-size:1rem;margin:0">${link(block.url, block.headline)}</h2>` +
        block.facts.map((fact) => `<p style="margin:0">${escapeHtml(fact)}</p>`).join('') +
        `<p style="margin:0;color:#4d5766">${escapeHtml(block.when)}</p></div>`,
    ),
    `<p style="font-size:.875rem;color:#4d5766;border-top:1px solid #d5dbe3;padding-top:.5rem">${escapeHtml(intro)}</p>`,
    `<p style="font-size:.875rem">${link(links.register, 'The full register')} · ${link(links.changes, 'All changes')}</p>`,
    ...(versionText !== undefined ? [`<p style="font-size:.875rem;color:#4d5766">${escapeHtml(versionText)}</p>`] : []),
    `<p style="font-size:.875rem;color:#4d5766">You receive this because you subscribed to changes of this register. ${link(context.unsubscribeUrl, 'Change your services or unsubscribe')}.</p>`,
    '</body></html>',
  ].join('\n');

  return { subject, text, html };
}

/**
 * The lines a subscriber reads first: what changes, for which services, from when, and until when
 * they can object. A notice for fifteen changes still opens with these four lines.
 */
function summarise(
  descriptions: readonly ChangeDescription[],
  register: NoticeContext['register'],
  deadline: string | undefined,
): { title: string; lines: [string, string][] } {
  const count = (kind: string, one: string, many: string) => {
    const n = descriptions.filter((description) => description.change.kind === kind).length;
    return n === 0 ? [] : [`${n} ${n === 1 ? one : many}`];
  };
  const what = [
    ...count('added', 'new sub-processor', 'new sub-processors'),
    ...count('updated', 'changed sub-processor', 'changed sub-processors'),
    ...count('removed', 'sub-processor leaving', 'sub-processors leaving'),
  ].join(', ');
  const scopes = descriptions.map((description) => servicesOf(description));
  const all = Object.keys(register.services);
  const services =
    scopes.some((scope) => scope === 'unknown') || all.length === 0
      ? undefined
      : [...new Set(scopes.flatMap((scope) => (scope === 'all' ? all : (scope as string[]))))];
  const effective = descriptions
    .flatMap((description) => (description.notice ? [description.notice.effective] : []))
    .sort();
  const lines: [string, string][] = [['What changes', what]];
  if (services !== undefined)
    lines.push([
      'For',
      services.length === all.length ? 'all services' : services.map((key) => register.services[key] ?? key).join(', '),
    ]);
  if (effective.length > 0)
    lines.push([
      'From',
      effective[0] === effective.at(-1)
        ? formatDate(effective[0]!)
        : `${formatDate(effective[0]!)} (the first; each change below has its date)`,
    ]);
  if (deadline !== undefined) lines.push(['Object by', formatDate(deadline)]);
  return { title: `Changes to the sub-processors of ${register.name}`, lines };
}

/** The services a change concerns: its entry's list, every service when it lists none, or unknown. */
function servicesOf({ change }: ChangeDescription): string[] | 'all' | 'unknown' {
  const moved = change.fields.find((field) => field.field === 'services');
  const services = change.entry !== undefined ? change.entry.services : moved?.after;
  if (change.entry === undefined && moved === undefined) return 'unknown';
  return Array.isArray(services) && services.length > 0 ? services.map(String) : 'all';
}

/** One change in three short lines: what, the one or two facts that matter, and when. */
function changeBlock(description: ChangeDescription): {
  headline: string;
  facts: string[];
  when: string;
  url: string;
} {
  const important =
    description.change.kind === 'added' ? ['Purpose', 'Established in', 'Transfers outside the EEA'] : [];
  const details =
    important.length > 0
      ? description.details.filter(
          // "none (the data stays in the EEA)" is the reassuring default: not worth a line.
          (detail) => important.includes(detail.label) && !detail.after.startsWith('none'),
        )
      : description.details.slice(0, 3);
  const more = description.details.length - details.length;
  const facts = details.map(({ label, before, after }) =>
    before === undefined ? `${label}: ${after}` : `${label}: ${before} → ${after}`,
  );
  if (more > 0 && description.change.kind !== 'added') facts.push(`and ${more} more on its page`);
  const notice = description.notice;
  // The notice model's four days, in the sentence the preview, the change log and the feed share.
  const when = notice === undefined ? 'Recorded in the register' : noticeSentence(notice);
  return { headline: description.headline, facts, when, url: description.url };
}
