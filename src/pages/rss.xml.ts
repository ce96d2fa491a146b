/**
 * `/rss.xml`: one item per change of the register, newest first, from the change engine. Links
 * are absolute and keep the base path; each item's guid is stable (commit, kind, id) so a reader
 * never shows a change twice. The feed carries the latest FEED_ITEMS changes: readers poll it, and
 * /changes/ keeps the whole history.
 */
import rss from '@astrojs/rss';
import { absoluteUrl, registerData } from '../site/register-data.ts';
import { renderChangesHtml } from '../core/render/changes.ts';
import type { LoggedChange, LoggedRevision } from '../site/change-log.ts';
import { escapeHtml, xmlText } from '../core/render/escape.ts';
import { changeLogData } from '../site/change-log-data.ts';

const FEED_ITEMS = 200;

export async function GET() {
  const { publisher, siteUrl } = await registerData();
  const { log } = await changeLogData();
  const changesUrl = absoluteUrl('changes/');

  return rss({
    title: `${publisher.name}: sub-processor changes`,
    description: `Additions, removals and changes to the sub-processors ${publisher.legalName} uses to process personal data for its customers.`,
    site: siteUrl,
    trailingSlash: false,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>en</language><atom:link href="${escapeHtml(absoluteUrl('rss.xml'))}" rel="self" type="application/rss+xml"/>`,
    items: log.revisions
      .flatMap((revision) => [
        ...revision.changes.map((item) => ({ revision, item })),
        ...(revision.adoption !== undefined ? [{ revision, adoption: revision.adoption }] : []),
      ])
      .slice(0, FEED_ITEMS)
      .map((entry) =>
        'adoption' in entry
          ? adoptionItem(entry.revision, entry.adoption, changesUrl)
          : changeItem(entry.revision, entry.item, changesUrl),
      ),
  });
}

/** The register's starting point: one item, not one "Added" per entry it listed. */
const adoptionItem = (revision: LoggedRevision, sentence: string, changesUrl: string) => ({
  title: sentence.replace(/\.$/, ''),
  link: `${changesUrl}#rev-${revision.commit.slice(0, 12)}`,
  pubDate: new Date(`${revision.date}T00:00:00Z`),
  description: escapeHtml(sentence),
  categories: ['adopted'],
  customData: `<guid isPermaLink="false">${escapeHtml(`${revision.commit}/adopted`)}</guid>`,
});

function changeItem(revision: LoggedRevision, item: LoggedChange, changesUrl: string) {
  return {
    // Every text goes through xmlText: an old revision may hold characters XML cannot.
    title: xmlText(`${item.headline}${item.change.material ? '' : ' (editorial)'}`),
    link: item.linked ? item.url : `${changesUrl}#rev-${revision.commit.slice(0, 12)}`,
    pubDate: new Date(`${revision.date}T00:00:00Z`),
    // Readers render a description as HTML: the one-line summary is escaped to stay text.
    description: xmlText(escapeHtml(summary(item))),
    content: xmlText(renderChangesHtml([item])),
    categories: [item.change.kind, item.change.material ? 'material' : 'editorial'],
    // customData is raw XML: only the sha and escaped id go in.
    customData: `<guid isPermaLink="false">${xmlText(escapeHtml(`${revision.commit}/${item.change.kind}/${item.change.id}`))}</guid>`,
  };
}

/** "Updated: Stripe (Purpose, Transfers outside the EEA)", "Added: Mistral AI", "Removed: Mailgun". */
const summary = (item: LoggedChange) =>
  item.change.kind === 'updated' && item.details.length > 0
    ? `${item.headline} (${item.details.map((detail) => detail.label).join(', ')})`
    : item.headline;
