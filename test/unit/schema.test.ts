/**
 * What `check` says about entries that do not fit the content format: each message names the
 * field, what is wrong and what to write instead.
 */
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/core/findings.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { checkFixture, fixtureText, TODAY, validateFixtures } from '../support/helpers.ts';

describe('unknown and missing fields', () => {
  it('names the field meant by a misspelt key, once', () => {
    expect(checkFixture('unknown-field')).toEqual([
      'content/subprocessors/unknown-field.md:7: error: purpse: "purpse" is not a field of this file, so its value would be ignored. Did you mean "purpose"? Rename it.',
    ]);
  });

  it('lists the known fields when no field is close', () => {
    expect(checkFixture('unknown-field-no-guess')).toEqual([
      'content/subprocessors/unknown-field-no-guess.md:14: error: reviewedBy: "reviewedBy" is not a field of this file, so its value would be ignored. Remove it, or use one of: name, legalName, address, country, internationalOrganisation, contact, contactPerson, website, role, purpose, category, services, dataCategories, dataSubjects, locations, transfers, onwardSubprocessors, retention, dpa, since, noticeGiven, updateEffective, until, emergency.',
    ]);
  });

  it('names a missing required field and what it means', () => {
    expect(checkFixture('missing-field')).toEqual([
      'content/subprocessors/missing-field.md:2: error: purpose: The required field "purpose" is missing. Add "purpose: …" — what it does with the data, in a customer\'s words.',
    ]);
  });
});

describe('types and values', () => {
  it('asks for a list where a list is expected', () => {
    expect(checkFixture('wrong-type-list')).toEqual([
      'content/subprocessors/wrong-type-list.md:9: error: dataCategories: "dataCategories" must be a list, but it is the text "identity". Write it as a list: dataCategories: [identity]',
    ]);
  });

  it('asks for text where text is expected', () => {
    expect(checkFixture('wrong-type-text')).toEqual([
      'content/subprocessors/wrong-type-text.md:7: error: purpose: "purpose" must be text, but it is the number 42. Write the value as text; put it in quotes if it looks like a number or date.',
    ]);
  });

  it('suggests the category meant by a typo', () => {
    expect(checkFixture('unknown-category')).toEqual([
      'content/subprocessors/unknown-category.md:8: error: category: "hostng" is not one of the categories defined in content/register.yaml. Did you mean "hosting"? Write one of: hosting, email; or add "hostng: <label>" under categories in content/register.yaml.',
    ]);
  });

  it('lists the data subjects of register.yaml', () => {
    expect(checkFixture('unknown-data-subject')).toEqual([
      'content/subprocessors/unknown-data-subject.md:10: error: dataSubjects[1]: "patients" is not one of the dataSubjects defined in content/register.yaml. Write one of: users; or add "patients: <label>" under dataSubjects in content/register.yaml.',
    ]);
  });

  it('rejects an http contact URL', () => {
    expect(checkFixture('contact-invalid')).toEqual([
      'content/subprocessors/contact-invalid.md:6: error: contact: "http://processor.example/privacy" is not valid for contact: expected an email address or an https:// URL. Write an email address or an https:// URL.',
    ]);
  });

  it('requires at least one location', () => {
    expect(checkFixture('empty-locations')).toEqual([
      'content/subprocessors/empty-locations.md:11: error: locations: "locations" needs at least 1 item. Add an item under locations.',
    ]);
  });
});

describe('dates', () => {
  it('rejects 2025-02-30 instead of rolling it over', () => {
    expect(checkFixture('impossible-date')).toEqual([
      'content/subprocessors/impossible-date.md:14: error: since: "2025-02-30" is not a real date: February 2025 has 28 days. Write the date as YYYY-MM-DD, e.g. 2026-01-31.',
    ]);
  });

  it('rejects 2025-13-45 instead of rolling it over', () => {
    expect(checkFixture('impossible-month')).toEqual([
      'content/subprocessors/impossible-month.md:14: error: since: "2025-13-45" is not a real date: there is no month 13. Write the date as YYYY-MM-DD, e.g. 2026-01-31.',
    ]);
  });

  it('rejects a date not written YYYY-MM-DD', () => {
    expect(checkFixture('date-wrong-format')).toEqual([
      'content/subprocessors/date-wrong-format.md:14: error: since: "15/01/2024" is not a date written YYYY-MM-DD. Write the date as YYYY-MM-DD, e.g. 2026-01-31.',
    ]);
  });
});

describe('the file itself', () => {
  it('reports malformed YAML at its line without a stack trace', () => {
    expect(checkFixture('malformed-yaml')).toEqual([
      'content/subprocessors/malformed-yaml.md:7: error: The YAML cannot be read: Nested mappings are not allowed in compact mappings. Check the indentation and quote values that contain ": " or start with a special character such as @, *, & or [.',
    ]);
  });

  it('names a field written twice', () => {
    expect(checkFixture('duplicate-key')).toEqual([
      'content/subprocessors/duplicate-key.md:15: error: "since" appears twice, so it is unclear which value counts. Keep one of the two lines and delete the other.',
    ]);
  });

  it('reports a file without frontmatter', () => {
    expect(checkFixture('no-frontmatter')).toEqual([
      "content/subprocessors/no-frontmatter.md:1: error: The file has no frontmatter: the entry's fields must come first, between two `---` lines. Start the file with a line `---`, then the fields (`name: …`), then another `---` line before any text.",
    ]);
  });

  it('reports frontmatter that is never closed', () => {
    expect(checkFixture('unclosed-frontmatter')).toEqual([
      'content/subprocessors/unclosed-frontmatter.md:1: error: The frontmatter opened on line 1 is never closed. Add a line `---` after the last field, before the text of the entry.',
    ]);
  });

  it('reports an empty file', () => {
    expect(checkFixture('empty-file')).toEqual([
      'content/subprocessors/empty-file.md:1: error: The file is empty. Write the entry\'s fields between two `---` lines (see README, "Editing an entry"), or delete the file.',
    ]);
  });

  it('rejects a file name that cannot be an id', () => {
    expect(checkFixture('Bad Name')).toEqual([
      'content/subprocessors/Bad Name.md:1: error: "Bad Name" cannot be an id: the file name is the entry\'s permanent id and may contain only lower-case letters, digits and hyphens. Rename the file to bad-name.md.',
    ]);
  });

  it('accepts a Markdown body after the frontmatter', () => {
    expect(checkFixture('with-body')).toEqual([]);
  });
});

describe('ids', () => {
  it('rejects two entries with the same id in different folders', () => {
    const text = fixtureText('entries/valid-eea-only.md');
    const result = validateRegister(
      {
        register: { path: 'content/register.yaml', text: fixtureText('register.yaml') },
        entries: [
          { path: 'content/subprocessors/eu/acme.md', text },
          { path: 'content/subprocessors/us/acme.md', text },
        ],
      },
      { today: TODAY },
    );
    expect(result.findings.map(formatText)).toEqual([
      'content/subprocessors/us/acme.md:1: error: The id "acme" is already used by content/subprocessors/eu/acme.md; ids must be unique because links, feeds and notices refer to them. Rename one of the two files, or delete the copy.',
    ]);
    expect(result.entries.map((entry) => entry.id)).toEqual(['acme']);
  });
});

describe('register.yaml', () => {
  it('reports an unknown vocabulary key format with its line', () => {
    const register = fixtureText('register.yaml').replace('  email: Email delivery', '  E-mail: Email delivery');
    expect(validateFixtures(['valid-eea-only'], TODAY, register).findings.map(formatText)).toEqual([
      'content/register.yaml:11: error: categories.E-mail: "E-mail" is not a valid key: expected a lower-case key: letters, digits and hyphens. Write keys in lower case with hyphens, e.g. customer-support.',
    ]);
  });

  it('still checks entries against the vocabularies when another field of register.yaml is wrong', () => {
    const register = fixtureText('register.yaml').replace('noticeDays: 30', 'noticeDays: thirty');
    expect(validateFixtures(['unknown-category'], TODAY, register).findings.map(formatText)).toEqual([
      'content/register.yaml:5: error: noticeDays: "noticeDays" must be a number, but it is the text "thirty". Write a whole number without quotes.',
      'content/subprocessors/unknown-category.md:8: error: category: "hostng" is not one of the categories defined in content/register.yaml. Did you mean "hosting"? Write one of: hosting, email; or add "hostng: <label>" under categories in content/register.yaml.',
    ]);
  });

  it('warns when the notice period is under 14 days', () => {
    const register = fixtureText('register.yaml').replace('noticeDays: 30', 'noticeDays: 7');
    expect(validateFixtures([], TODAY, register).findings.map(formatText)).toEqual([
      "content/register.yaml:5: warning: noticeDays: Customers get only 7 days' notice of a new sub-processor; GDPR sets no minimum, but 30 days is the market norm and fewer than 14 leaves little time to object. Check the notice period your data processing agreement promises and write it here, e.g. noticeDays: 30.",
    ]);
  });
  it('warns when customers could object only after the change takes effect (objectionDays above noticeDays)', () => {
    const register = fixtureText('register.yaml').replace('noticeDays: 30', 'noticeDays: 30\nobjectionDays: 45');
    expect(validateFixtures([], TODAY, register).findings.map(formatText)).toEqual([
      'content/register.yaml:6: warning: objectionDays: Customers get 45 days to object, but a change may take effect 30 days after the notice: an objection would come after the sub-processor already has the data (GDPR Art. 28(2) gives the opportunity to object before the change). Write objectionDays: 30 or fewer, or raise noticeDays to 45.',
    ]);
  });
});

describe('valid entries', () => {
  it('keep the parsed data and body of entries without errors, sorted by id', () => {
    const result = validateFixtures(['with-body', 'valid-eea-only', 'transfer-missing']);
    expect(result.entries.map((entry) => entry.id)).toEqual(['valid-eea-only', 'with-body']);
    expect(result.entries[1]!.body).toBe('Customers on the **EU plan** are hosted in Paris only.');
    expect(result.entries[0]!.data).toMatchObject({ since: '2024-01-15', role: 'subprocessor', transfers: [] });
  });
});
