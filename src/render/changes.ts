/**
 * One set of renderers for a change set: Markdown (the pull-request comment), plain text (the
 * text part of a notice) and HTML (the notice email, RSS items and the change log). All three
 * format the same `ChangeDescription`s, escaped for their medium.
 */
import type { Change } from '../changes/diff.ts';
import { describeChange, type ChangeDescription, type DescribeContext } from './describe.ts';
import { escapeHtml, escapeMarkdown } from './escape.ts';

export const describeChanges = (changes: readonly Change[], context: DescribeContext): ChangeDescription[] =>
  changes.map((change) => describeChange(change, context));

const materialNote = (description: ChangeDescription) =>
  description.notice
    ? `Takes effect ${description.notice.effective}; objections until ${description.notice.objectionDeadline}.`
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
        ...(description.notice ? [`  ${materialNote(description)}`] : []),
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
        before === undefined ? `- ${escapeMarkdown(label)}: ${escapeMarkdown(after)}` : `- ${escapeMarkdown(label)}: ~~${escapeMarkdown(before)}~~ → ${escapeMarkdown(after)}`,
      );
      const note = materialNote(description);
      return [`#### ${escapeMarkdown(description.headline)} (${badge})`, '', ...lines, ...(note ? ['', `_${escapeMarkdown(note)}_`] : [])].join('\n');
    })
    .join('\n\n');
}

export function renderChangesHtml(descriptions: readonly ChangeDescription[], headingLevel = 3): string {
  if (descriptions.length === 0) return '<p>No change to the register.</p>';
  const h = `h${headingLevel}`;
  return descriptions
    .map((description) => {
      const rows = description.details
        .map(({ label, before, after }) =>
          before === undefined
            ? `<li>${escapeHtml(label)}: ${escapeHtml(after)}</li>`
            : `<li>${escapeHtml(label)}: <del>${escapeHtml(before)}</del> → <ins>${escapeHtml(after)}</ins></li>`,
        )
        .join('');
      const note = materialNote(description);
      return `<section><${h}><a href="${escapeHtml(description.url)}">${escapeHtml(description.headline)}</a></${h}><ul>${rows}</ul>${note ? `<p>${escapeHtml(note)}</p>` : ''}</section>`;
    })
    .join('');
}
