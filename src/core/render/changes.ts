/**
 * One set of renderers for a change set: Markdown (the pull-request comment), plain text (the
 * text part of a notice) and HTML (the notice email, RSS items and the change log). All three
 * format the same `ChangeDescription`s, escaped for their medium.
 */
import type { Change, Notice } from '../changes/diff.ts';
import { describeChange, type ChangeDescription, type DescribeContext } from './describe.ts';
import { formatDate } from '../dates.ts';
import { escapeHtml, escapeMarkdown, markdownFence } from './escape.ts';
import type { RenderedNotice } from './notice.ts';

export const describeChanges = (changes: readonly Change[], context: DescribeContext): ChangeDescription[] =>
  changes.map((change) => describeChange(change, context));

/**
 * The four days of a change, in one sentence every medium shares (the same words in the preview,
 * the change log, the feed and the email); `day` formats one date for the medium.
 */
export function noticeSentence(notice: Notice, day: (date: string) => string = formatDate): string {
  const told =
    notice.given === notice.published
      ? `Published and notified on ${day(notice.published)}`
      : `Notified on ${day(notice.given)}, published on ${day(notice.published)}`;
  return notice.objectionDeadline === undefined
    ? `${told}; takes effect on ${day(notice.effective)}.`
    : `${told}; takes effect on ${day(notice.effective)}; objections until ${day(notice.objectionDeadline)}.`;
}

const materialNote = (description: ChangeDescription) =>
  description.notice && description.change.material
    ? noticeSentence(description.notice)
    : description.change.material
      ? ''
      : 'Editorial: recorded, no notice needed.';

const detailText = ({ label, before, after }: ChangeDescription['details'][number]) =>
  before === undefined ? `${label}: ${after}` : `${label}: ${before} → ${after}`;

export function renderChangesText(descriptions: readonly ChangeDescription[]): string {
  if (descriptions.length === 0) return 'No change to the register.';
  return descriptions
    .map((description) =>
      [
        `${description.headline}${description.change.material ? '' : ' (editorial)'}`,
        ...description.details.map((detail) => `  ${detailText(detail)}`),
        ...(description.notice && description.change.material ? [`  ${materialNote(description)}`] : []),
        `  ${description.url}`,
      ].join('\n'),
    )
    .join('\n\n');
}

export function renderChangesMarkdown(descriptions: readonly ChangeDescription[]): string {
  if (descriptions.length === 0) return 'No change to the register.';
  return descriptions
    .map((description) => {
      const badge = description.change.material ? '**material**' : 'editorial';
      const lines = description.details.map(({ label, before, after }) =>
        before === undefined
          ? `- ${escapeMarkdown(label)}: ${escapeMarkdown(after)}`
          : `- ${escapeMarkdown(label)}: ~~${escapeMarkdown(before)}~~ → ${escapeMarkdown(after)}`,
      );
      const note = materialNote(description);
      return [
        `#### ${escapeMarkdown(description.headline)} (${badge})`,
        '',
        ...lines,
        ...(note ? ['', `_${escapeMarkdown(note)}_`] : []),
      ].join('\n');
    })
    .join('\n\n');
}

export interface HtmlOptions {
  /** Level of each change's heading. */
  headingLevel?: 2 | 3 | 4;
  /** Where a change's heading links to; `undefined` for no link. Default: the entry's absolute URL. */
  href?: (description: ChangeDescription) => string | undefined;
  /** On the entry's own page: the heading says what happened, not to whom. */
  withinEntry?: boolean;
  /** Make heading ids unique within a page (the change log lists the same entry many times). */
  idPrefix?: string;
  /** Mark each change Material or Editorial (pointless in a notice, where every change is material). */
  tags?: boolean;
}

/**
 * HTML for notices, RSS items and the site's change log and entry histories: semantic markup that
 * reads without styles (email clients drop most), with classes the site styles.
 */
export function renderChangesHtml(descriptions: readonly ChangeDescription[], options: HtmlOptions = {}): string {
  if (descriptions.length === 0) return '<p>No change to the register.</p>';
  const {
    headingLevel = 3,
    href = (description) => description.url,
    withinEntry = false,
    idPrefix,
    tags = true,
  } = options;
  const h = `h${headingLevel}`;
  return descriptions
    .map((description) => {
      const { change, notice } = description;
      const rows = description.details
        .map(({ label, before, after }) =>
          before === undefined
            ? `<li><span class="change-label">${escapeHtml(label)}:</span> ${escapeHtml(after)}</li>`
            : `<li><span class="change-label">${escapeHtml(label)}:</span> <del><span class="sr-only">was </span>${escapeHtml(before)}</del> → <ins><span class="sr-only">now </span>${escapeHtml(after)}</ins></li>`,
        )
        .join('');
      const title = escapeHtml(withinEntry ? description.verb : description.headline);
      const link = href(description);
      const heading = link === undefined ? title : `<a href="${escapeHtml(link)}">${title}</a>`;
      const tag = tags
        ? ` <span class="${change.material ? 'tag tag-material' : 'tag'}">${change.material ? 'Material' : 'Editorial'}</span>`
        : '';
      const id = idPrefix === undefined ? '' : ` id="${escapeHtml(`${idPrefix}-${change.id}`)}"`;
      const time = (date: string) => `<time datetime="${date}">${formatDate(date)}</time>`;
      const when = notice && change.material ? `<p class="change-notice">${noticeSentence(notice, time)}</p>` : '';
      return `<article class="change"><${h}${id}>${heading}${tag}</${h}>${rows ? `<ul class="change-details">${rows}</ul>` : ''}${when}</article>`;
    })
    .join('');
}

export interface PreviewParts {
  changes: readonly Change[];
  descriptions: readonly ChangeDescription[];
  /** The notice subscribers will receive when this is merged; `undefined` when nothing is material. */
  notice: RenderedNotice | undefined;
  /** Files compared as written (old formats). */
  problems: readonly string[];
}

/**
 * The pull request's preview comment, in one place with one escaping rule: every text from content
 * goes through `escapeMarkdown` (an entry named `[Acme](https://evil.example)` stays plain text),
 * and whole texts (the email, the problems) sit in a fence nothing inside can close.
 */
export function renderPreviewMarkdown({ changes, descriptions, notice, problems }: PreviewParts): string {
  const material = changes.filter((change) => change.material);
  return [
    `### Register changes (${changes.length === 0 ? 'none' : `${changes.length}, ${material.length} material`})`,
    '',
    renderChangesMarkdown(descriptions),
    ...(notice
      ? [
          '',
          '### Notice subscribers will receive when this is merged',
          '',
          `**Subject:** ${escapeMarkdown(notice.subject)}`,
          '',
          '<details><summary>Text of the email</summary>',
          '',
          markdownFence(notice.text),
          '',
          '</details>',
        ]
      : changes.length > 0
        ? ['', '_No material change: subscribers will not be notified._']
        : []),
    ...(problems.length > 0
      ? [
          '',
          '<details><summary>Files compared as written</summary>',
          '',
          markdownFence(problems.join('\n')),
          '',
          '</details>',
        ]
      : []),
  ].join('\n');
}
