/**
 * The pull request's preview comment is rendered in one place with one escaping rule: text from
 * content never becomes a link, a mention or markup there, in the change set or in the notice's subject.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes/diff.ts';
import { parseYaml } from '../../src/core/frontmatter.ts';
import { describeChanges, renderPreviewMarkdown } from '../../src/core/render/changes.ts';
import { renderNotice } from '../../src/core/render/notice.ts';
import { RegisterSchema } from '../../src/core/schema.ts';
import { fixtureText } from '../support/helpers.ts';

const parsed = parseYaml(fixtureText('register.yaml'));
const register = RegisterSchema.parse(parsed.ok ? parsed.data : {});
const name = '[Acme](https://evil.example) @everyone';
const added: Change = {
  kind: 'added',
  id: 'acme',
  name,
  material: true,
  fields: [],
  entry: { legalName: name, country: 'FR', since: '2027-01-04' },
  notice: { published: '2026-12-01', given: '2026-12-01', effective: '2027-01-04', objectionDeadline: '2027-01-03' },
};

describe('renderPreviewMarkdown', () => {
  const siteUrl = 'https://acme.example/';
  const markdown = renderPreviewMarkdown({
    changes: [added],
    descriptions: describeChanges([added], { labels: register, siteUrl }),
    notice: renderNotice([added], { register, siteUrl, unsubscribeUrl: `${siteUrl}subscribe/` }),
    problems: [],
  });

  it('shows an entry named like a Markdown link as plain text, in the heading and in the subject', () => {
    // Inside a code fence (the email's text) nothing renders; everywhere else it must be escaped.
    const outsideFences = markdown.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(outsideFences).not.toContain('](https://evil.example)');
    expect(markdown).toContain('#### Added: \\[Acme\\]\\(https://evil\\.example\\) &#64;everyone (**material**)');
    expect(markdown).toContain(
      '**Subject:** Acme Meetings: Added \\[Acme\\]\\(https://evil\\.example\\) &#64;everyone as sub\\-processor \\(object by 2027\\-01\\-03\\)',
    );
  });

  it('gives the four days of the notice model', () => {
    expect(markdown).toContain(
      '_Published and notified on 1 December 2026; takes effect on 4 January 2027; objections until 3 January 2027\\._',
    );
  });
});
