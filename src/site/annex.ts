/**
 * The annex of sub-processors a customer attaches to its data processing agreement: the list the
 * standard contractual clauses ask for (Commission Implementing Decision (EU) 2021/914, Annex III;
 * the Art. 28 clauses of Decision (EU) 2021/915, Annex IV): for each sub-processor its name,
 * address, contact person (name, position, contact details) and a description of the processing
 * with a clear delimitation of responsibilities — plus where the data is processed and the basis
 * of each transfer outside the EEA, in the site's words.
 *
 * Pure: one model (`buildAnnex`) rendered as Markdown and HTML here, and as DOCX in
 * `src/io/annex-docx.ts`. `/annex/` and `npm run annex` use the same model.
 */
import { formatDate } from '../core/dates.ts';
import { escapeHtml, escapeMarkdown } from '../core/render/escape.ts';
import type { Entry, Register } from '../core/schema.ts';
import { nonEeaDestinations } from '../core/destinations.ts';
import { entryStatus } from '../core/status.ts';
import { ACTIVITY_LABELS, countryName } from '../core/words.ts';
import { basisInWords } from './transfers.ts';
import { isInEea } from '../core/law/law.ts';

/** The legal texts the annex answers to, with their primary sources. */
export const ANNEX_SOURCES = [
  {
    name: 'Commission Implementing Decision (EU) 2021/914, Annex III (standard contractual clauses, list of sub-processors)',
    url: 'https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj',
  },
  {
    name: 'Commission Implementing Decision (EU) 2021/915, Annex IV (Art. 28 standard contractual clauses, list of sub-processors)',
    url: 'https://eur-lex.europa.eu/eli/dec_impl/2021/915/oj',
  },
] as const;

export interface AnnexVersion {
  /** The day the register last changed on or before the annex date, `YYYY-MM-DD`. */
  id: string;
  commit: string;
  /** SHA-256 of the version's JSON, when known. */
  sha256?: string;
}

export interface AnnexField {
  label: string;
  value: string;
}

export interface AnnexSection {
  id: string;
  name: string;
  fields: AnnexField[];
}

export interface Annex {
  title: string;
  publisher: string;
  asOf: string;
  version?: AnnexVersion;
  intro: string;
  sections: AnnexSection[];
  /** Sub-processors announced but not yet started on the annex date. */
  upcoming: { name: string; since: string }[];
  sources: readonly { name: string; url: string }[];
}

interface AnnexEntry {
  id: string;
  data: Entry;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });
const labels = (map: Record<string, string>, keys: readonly string[]) => keys.map((key) => map[key] ?? key).join(', ');

export function buildAnnex(
  entries: readonly AnnexEntry[],
  publisher: Register,
  options: { asOf: string; version?: AnnexVersion },
): Annex {
  const { asOf } = options;
  const current = entries
    .filter((entry) => entryStatus(entry.data, asOf) === 'current')
    .sort((a, b) => collator.compare(a.data.name, b.data.name));
  const upcoming = entries
    .filter((entry) => entryStatus(entry.data, asOf) === 'upcoming')
    .sort((a, b) => (a.data.since < b.data.since ? -1 : 1))
    .map(({ data }) => ({ name: data.name, since: data.since }));
  return {
    title: 'List of sub-processors',
    publisher: publisher.legalName,
    asOf,
    ...(options.version !== undefined ? { version: options.version } : {}),
    intro: `The sub-processors ${publisher.legalName} engages to process personal data on behalf of its customers, as of ${formatDate(asOf)}. For each: its identity and contact person, the processing it carries out and the responsibilities it bears, where the data is processed, and the legal basis of each transfer outside the European Economic Area.`,
    sections: current.map((entry) => section(entry, publisher)),
    upcoming,
    sources: ANNEX_SOURCES,
  };
}

function section({ id, data }: AnnexEntry, publisher: Register): AnnexSection {
  const person = data.contactPerson;
  const fields: AnnexField[] = [
    { label: 'Name', value: `${data.legalName}${data.name !== data.legalName ? ` (${data.name})` : ''}` },
    { label: 'Address', value: data.address },
    {
      label: 'Contact person',
      value:
        person === undefined
          ? 'Not named; use the contact details below.'
          : [person.name, person.position].filter((part) => part !== undefined).join(', '),
    },
    { label: 'Contact details', value: data.contact },
    {
      label: 'Description of the processing',
      value: `${data.purpose} Personal data: ${labels(publisher.dataCategories, data.dataCategories)}. Data subjects: ${labels(publisher.dataSubjects, data.dataSubjects)}. Services: ${data.services === undefined ? `all ${publisher.name} services` : labels(publisher.services, data.services)}.`,
    },
    {
      label: 'Responsibilities',
      value: `${data.legalName} processes the data as ${data.role === 'affiliate' ? `a company of the ${publisher.name} group acting as ` : ''}sub-processor of ${publisher.legalName}, only for the processing described above and on ${publisher.legalName}'s documented instructions, under a contract imposing the same data protection obligations (GDPR Art. 28(4)). ${publisher.legalName} remains fully liable to the customer for its performance.`,
    },
  ];
  if (data.retention !== undefined) fields.push({ label: 'Retention', value: data.retention });
  fields.push({
    label: 'Where the data is processed',
    value: data.locations
      .map(
        (location) =>
          `${countryName(location.country)}${location.region !== undefined ? ` (${location.region})` : ''}: ${ACTIVITY_LABELS[location.activity].toLowerCase()}`,
      )
      .join('; '),
  });
  const destinations = nonEeaDestinations(data);
  fields.push({
    label: 'Transfer basis',
    value:
      destinations.length === 0
        ? 'No transfer: the data stays in the European Economic Area.'
        : destinations
            .map(({ name, transfer }) => {
              const module = transfer?.sccModule !== undefined ? `, Module ${transfer.sccModule}` : '';
              return `${name}: ${basisInWords(transfer)}${module}`;
            })
            .join('; '),
  });
  const onward = data.onwardSubprocessors;
  if (onward !== undefined) {
    const named = (onward.entities ?? []).map(
      (entity) =>
        `${entity.name} (${countryName(entity.country)}${isInEea(entity.country) ? '' : ', outside the EEA'}): ${entity.purpose}`,
    );
    if (onward.list !== undefined) named.push(`full list: ${onward.list}`);
    fields.push({ label: 'Onward sub-processors', value: named.join('; ') });
  }
  return { id, name: data.name, fields };
}

/** "Version 2026-11-20 (commit 1a2b3c4d5e6f)". */
export const versionLine = (version: AnnexVersion | undefined): string =>
  version === undefined ? 'Version: not recorded' : `Version ${version.id} (commit ${version.commit.slice(0, 12)})`;

export function annexMarkdown(annex: Annex): string {
  const lines = [
    `# ${annex.title}`,
    '',
    `**${escapeMarkdown(annex.publisher)}** — as of ${formatDate(annex.asOf)} — ${versionLine(annex.version)}`,
    ...(annex.version?.sha256 !== undefined
      ? ['', `SHA-256 of the register version: \`${annex.version.sha256}\``]
      : []),
    '',
    escapeMarkdown(annex.intro),
    '',
  ];
  annex.sections.forEach((section, index) => {
    lines.push(`## ${index + 1}. ${escapeMarkdown(section.name)}`, '');
    for (const field of section.fields) lines.push(`- **${field.label}:** ${escapeMarkdown(field.value)}`);
    lines.push('');
  });
  if (annex.upcoming.length > 0) {
    lines.push('## Announced, not yet engaged', '');
    for (const item of annex.upcoming) lines.push(`- ${escapeMarkdown(item.name)}, from ${formatDate(item.since)}`);
    lines.push('');
  }
  lines.push('## Sources', '');
  for (const source of annex.sources) lines.push(`- ${source.name}: ${source.url}`);
  return `${lines.join('\n')}\n`;
}

/** The annex's body in HTML (escaped), for `/annex/` and the standalone document. */
export function annexBodyHtml(annex: Annex): string {
  const e = escapeHtml;
  const parts = [
    `<header class="annex-head"><h1>${e(annex.title)}</h1>`,
    `<p class="annex-meta"><strong>${e(annex.publisher)}</strong> · as of <time datetime="${e(annex.asOf)}">${e(formatDate(annex.asOf))}</time> · ${e(versionLine(annex.version))}</p>`,
    annex.version?.sha256 !== undefined
      ? `<p class="annex-meta">SHA-256 of the register version: <code>${e(annex.version.sha256)}</code></p>`
      : '',
    `<p>${e(annex.intro)}</p></header>`,
  ];
  annex.sections.forEach((section, index) => {
    parts.push(
      `<section class="annex-entry" id="annex-${e(section.id)}" aria-labelledby="annex-${e(section.id)}-heading">`,
      `<h2 id="annex-${e(section.id)}-heading">${index + 1}. ${e(section.name)}</h2><dl>`,
      ...section.fields.map((field) => `<dt>${e(field.label)}</dt><dd>${e(field.value)}</dd>`),
      '</dl></section>',
    );
  });
  if (annex.upcoming.length > 0) {
    parts.push(
      '<section aria-labelledby="annex-upcoming"><h2 id="annex-upcoming">Announced, not yet engaged</h2><ul>',
      ...annex.upcoming.map(
        (item) =>
          `<li>${e(item.name)}, from <time datetime="${e(item.since)}">${e(formatDate(item.since))}</time></li>`,
      ),
      '</ul></section>',
    );
  }
  parts.push(
    '<footer class="annex-sources"><h2>Sources</h2><ul>',
    ...annex.sources.map((source) => `<li>${e(source.name)}: <a href="${e(source.url)}">${e(source.url)}</a></li>`),
    '</ul></footer>',
  );
  return parts.join('\n');
}

/**
 * Print styles: A4, a running header with the publisher and version, page numbers in the footer
 * (CSS page margin boxes, printed by Chromium 131 and later), one sub-processor never split across
 * a heading.
 */
export function annexPrintCss(annex: Annex): string {
  const quote = (text: string) => `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`;
  return `@page { size: A4; margin: 22mm 18mm 20mm;
  @top-left { content: ${quote(`${annex.publisher} — ${annex.title}`)}; font: 8pt system-ui, sans-serif; color: #4d5766; }
  @top-right { content: ${quote(annex.version === undefined ? `as of ${annex.asOf}` : `Version ${annex.version.id}`)}; font: 8pt system-ui, sans-serif; color: #4d5766; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #4d5766; }
}
body { font: 10pt/1.45 system-ui, sans-serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 0.3rem; }
h2 { font-size: 12pt; margin: 1.2rem 0 0.4rem; break-after: avoid; }
.annex-meta { color: #333; margin: 0.2rem 0; }
.annex-entry { border-top: 1px solid #bbb; padding-top: 0.2rem; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: 0.15rem 0.8rem; margin: 0; }
dt { font-weight: 600; break-inside: avoid; }
dd { margin: 0; break-inside: avoid; }
code { font-size: 8.5pt; word-break: break-all; }
a { color: #0b4f9c; }
@media print { body { margin: 0; max-width: none; padding: 0; } }`;
}

/** A standalone HTML document (`npm run annex -- --format html`). */
export function annexHtmlDocument(annex: Annex): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${annex.title} — ${annex.publisher}`)}</title>
<style>${annexPrintCss(annex)}</style>
</head>
<body>
<main>
${annexBodyHtml(annex)}
</main>
</body>
</html>
`;
}
