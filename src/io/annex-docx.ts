/**
 * The annex as a Word document, written with the `docx` library (no hand-written XML): A4, the
 * publisher and version in the page header, "Page N of M" in the footer, one heading per
 * sub-processor and one line per field, the same model as the Markdown and HTML annex.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { formatDate } from '../core/dates.ts';
import { type Annex, versionLine } from '../site/annex.ts';

/** A4 in twentieths of a point, and 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;

export function annexDocument(annex: Annex): Document {
  const small = (text: string) => new TextRun({ text, size: 16, color: '4D5766' });
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(annex.title)] }),
    new Paragraph({
      children: [
        new TextRun({ text: annex.publisher, bold: true }),
        new TextRun(` — as of ${formatDate(annex.asOf)} — ${versionLine(annex.version)}`),
      ],
    }),
    ...(annex.version?.sha256 !== undefined
      ? [new Paragraph({ children: [new TextRun(`SHA-256 of the register version: ${annex.version.sha256}`)] })]
      : []),
    new Paragraph({ children: [new TextRun(annex.intro)], spacing: { after: 200 } }),
  ];
  annex.sections.forEach((section, index) => {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${index + 1}. ${section.name}`)] }),
    );
    for (const field of section.fields)
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${field.label}: `, bold: true }), new TextRun(field.value)],
          spacing: { after: 80 },
        }),
      );
  });
  if (annex.upcoming.length > 0) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Announced, not yet engaged')] }),
    );
    for (const item of annex.upcoming)
      children.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(`${item.name}, from ${formatDate(item.since)}`)],
        }),
      );
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Sources')] }));
  for (const source of annex.sources)
    children.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun(`${source.name}: `),
          new ExternalHyperlink({
            link: source.url,
            children: [new TextRun({ text: source.url, style: 'Hyperlink' })],
          }),
        ],
      }),
    );

  return new Document({
    title: `${annex.title} — ${annex.publisher}`,
    creator: annex.publisher,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [small(`${annex.publisher} — ${annex.title} — ${versionLine(annex.version)}`)],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

export const annexDocx = (annex: Annex): Promise<Buffer> => Packer.toBuffer(annexDocument(annex));
