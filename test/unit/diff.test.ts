/**
 * The diff core: two versions of the register in, a change set out, compared by parsed values.
 */
import { describe, expect, it } from 'vitest';
import { diffEntries, isMaterialFieldChange, type EntryVersion } from '../../src/core/changes/diff.ts';
import { readEntryVersion } from '../../src/core/changes/snapshot.ts';
import { RegisterSchema } from '../../src/core/schema.ts';
import { parseYaml } from '../../src/core/frontmatter.ts';
import { fixtureText } from '../support/helpers.ts';

const parsedRegister = parseYaml(fixtureText('register.yaml'));
const register = RegisterSchema.parse(parsedRegister.ok ? parsedRegister.data : {});
const options = { register, published: '2026-11-23' };

/** A fixture entry, optionally edited, as the version of id `id`. */
function version(fixture: string, id = 'acme', edit: (text: string) => string = (text) => text): EntryVersion {
  const { version: read, problem } = readEntryVersion(
    `content/subprocessors/${id}.md`,
    edit(fixtureText(`entries/${fixture}.md`)),
    register,
  );
  if (read === undefined || problem !== undefined) throw new Error(`fixture ${fixture} does not parse: ${problem}`);
  return read;
}
const register_ = (...versions: EntryVersion[]) => new Map(versions.map((entry) => [entry.id, entry]));
const diff = (before: EntryVersion[], after: EntryVersion[]) =>
  diffEntries(register_(...before), register_(...after), options);

describe('diffEntries', () => {
  it('reports a new entry as added and material, with its notice', () => {
    const [change] = diff([], [version('notice-sufficient')]);
    expect(change).toMatchObject({
      kind: 'added',
      id: 'acme',
      name: 'Example Processor',
      material: true,
      fields: [],
      notice: { given: '2026-11-20', effective: '2026-12-28', objectionDeadline: '2026-12-27' },
    });
  });

  it('gives objectionDays after the notice to object when the register sets them', () => {
    const [change] = diffEntries(new Map(), register_(version('notice-sufficient')), {
      ...options,
      register: { ...register, objectionDays: 14 },
    });
    expect(change?.notice).toEqual({
      published: '2026-11-23',
      given: '2026-11-20',
      effective: '2026-12-28',
      objectionDeadline: '2026-12-04',
    });
  });

  it('uses the publication date as the notice date when noticeGiven is absent', () => {
    const [change] = diff([], [version('valid-eea-only')]);
    expect(change?.notice).toEqual({
      published: '2026-11-23',
      given: '2026-11-23',
      effective: '2024-01-15',
      objectionDeadline: '2026-12-23',
    });
  });

  it('reports a deleted file as removed', () => {
    expect(diff([version('valid-eea-only')], [])).toEqual([
      {
        kind: 'removed',
        id: 'acme',
        name: 'Example Processor',
        material: false,
        fields: [],
        notice: { published: '2026-11-23', given: '2026-11-23', effective: '2026-11-23' },
      },
    ]);
  });

  it('reports an entry whose until is set as removed, with the field', () => {
    const ended = version('valid-eea-only', 'acme', (text) =>
      text.replace('since: 2024-01-15', 'since: 2024-01-15\nuntil: 2026-12-31'),
    );
    expect(diff([version('valid-eea-only')], [ended])).toEqual([
      {
        kind: 'removed',
        id: 'acme',
        name: 'Example Processor',
        material: false,
        fields: [{ field: 'until', before: null, after: '2026-12-31' }],
        notice: { published: '2026-11-23', given: '2026-11-23', effective: '2027-01-01' },
      },
    ]);
  });

  it('finds no change in reformatting: key order, quoting, flow or block lists, list order, whitespace', () => {
    const reformatted = version('valid-eea-only', 'acme', () =>
      [
        '---',
        'since: "2024-01-15"',
        "name: 'Example Processor'",
        'legalName:    Example Processor SAS',
        'address: "1 rue de l\'Exemple, 75001 Paris, France"',
        'country: FR',
        'contact: privacy@processor.example',
        'purpose: >-',
        '  Hosts the application.',
        'category: hosting',
        'dataCategories:',
        '  - identity',
        'dataSubjects: [ users ]',
        'locations: [{ activity: hosting, country: FR }]',
        'role: subprocessor',
        'transfers: []',
        "contactPerson: { position: 'Privacy team' }",
        '---',
        '',
      ].join('\n'),
    );
    expect(diff([version('valid-eea-only')], [reformatted])).toEqual([]);
  });

  it('finds no change when a list is reordered', () => {
    const two = (order: string) =>
      version('valid-eea-only', 'acme', (text) =>
        text.replace('dataCategories: [identity]', `dataCategories: [${order}]`),
      );
    expect(diff([two('identity, usage')], [two('usage, identity')])).toEqual([]);
  });

  it('reports a renamed file of the same legal entity as one update with the previous id', () => {
    const renamed = version('valid-eea-only', 'example-processor', (text) =>
      text.replace('purpose: Hosts the application.', 'purpose: Hosts the application and its backups.'),
    );
    expect(diff([version('valid-eea-only')], [renamed])).toMatchObject([
      { kind: 'updated', id: 'example-processor', previousId: 'acme', material: true, fields: [{ field: 'purpose' }] },
    ]);
  });

  it('reports a new file of another legal entity as an addition and a removal, not a rename', () => {
    const other = version('valid-eea-only', 'other', (text) =>
      text.replace('legalName: Example Processor SAS', 'legalName: Other Processor GmbH'),
    );
    expect(diff([version('valid-eea-only')], [other]).map((change) => `${change.kind} ${change.id}`)).toEqual([
      'added other',
      'removed acme',
    ]);
  });

  it('sorts changes by kind (added, updated, removed), then id', () => {
    const edited = (id: string) =>
      version('valid-eea-only', id, (text) =>
        text.replace('Hosts', 'Runs').replace('Example Processor SAS', `${id} SAS`),
      );
    const plain = (id: string) =>
      version('valid-eea-only', id, (text) => text.replace('Example Processor SAS', `${id} SAS`));
    const changes = diff(
      [plain('b'), plain('a'), plain('z'), plain('y')],
      [edited('b'), edited('a'), plain('d'), plain('c')],
    );
    expect(changes.map((change) => `${change.kind} ${change.id}`)).toEqual([
      'added c',
      'added d',
      'updated a',
      'updated b',
      'removed y',
      'removed z',
    ]);
  });

  it('lists changed fields in schema order with parsed values before and after', () => {
    const edited = version('transfer-duplicate', 'acme', (text) =>
      text
        .replace('purpose: Hosts the application.', 'purpose: Hosts the application and backups.')
        .replace('name: Example Processor', 'name: Example'),
    );
    expect(diff([version('transfer-duplicate')], [edited])[0]?.fields).toEqual([
      { field: 'name', before: 'Example Processor', after: 'Example' },
      { field: 'purpose', before: 'Hosts the application.', after: 'Hosts the application and backups.' },
    ]);
  });
});

describe('material changes', () => {
  const material = (field: Parameters<typeof isMaterialFieldChange>[0]['field'], before: unknown, after: unknown) =>
    isMaterialFieldChange({ field, before, after });

  it.each([
    ['legalName', 'Acme SAS', 'Acme Holdings SAS'],
    ['country', 'FR', 'US'],
    ['purpose', 'Hosting', 'Hosting and analytics'],
    ['dataCategories', ['identity'], ['identity', 'usage']],
    ['dataSubjects', ['users'], ['users', 'admins']],
    ['services', ['meetings'], ['meetings', 'webinars']],
    ['services', ['meetings'], undefined],
    [
      'locations',
      [{ country: 'FR', activity: 'hosting' }],
      [
        { country: 'FR', activity: 'hosting' },
        { country: 'US', activity: 'support' },
      ],
    ],
    [
      'transfers',
      [{ country: 'US', mechanism: 'scc', sccModule: 3 }],
      [{ country: 'US', mechanism: 'dpf', sccModule: 3 }],
    ],
    [
      'onwardSubprocessors',
      { list: 'https://a.example/subprocessors' },
      {
        list: 'https://a.example/subprocessors',
        entities: [{ name: 'Amazon Web Services, Inc.', country: 'US', purpose: 'Hosting' }],
      },
    ],
  ] as const)('a change of %s from %j to %j is material', (field, before, after) => {
    expect(material(field, before, after)).toBe(true);
  });

  it.each([
    ['name', 'AWS', 'Amazon Web Services'],
    ['address', '1 Main St', '1 Main Street'],
    ['contact', 'privacy@a.example', 'dpo@a.example'],
    ['website', 'https://a.example', 'https://www.a.example'],
    ['dpa', 'on-request', 'https://a.example/dpa'],
    ['dataCategories', ['identity', 'usage'], ['identity']],
    ['services', undefined, ['meetings']],
    ['locations', [{ country: 'FR', activity: 'hosting' }], [{ country: 'DE', activity: 'hosting' }]],
    [
      'locations',
      [{ country: 'US', activity: 'support', region: 'Virginia' }],
      [{ country: 'US', activity: 'support', region: 'Oregon' }],
    ],
    [
      'transfers',
      [{ country: 'US', mechanism: 'scc', sccModule: 3 }],
      [{ country: 'US', mechanism: 'scc', sccModule: 3, tia: '2026-01-01' }],
    ],
    ['body', 'Old text.', 'New text.'],
    ['retention', '30 days', '90 days'],
    ['contactPerson', { position: 'Privacy team' }, { name: 'Jane Doe', position: 'Data Protection Officer' }],
    [
      'onwardSubprocessors',
      { list: 'https://a.example/subprocessors', entities: [{ name: 'AWS', country: 'US', purpose: 'Hosting' }] },
      { list: 'https://a.example/legal/subprocessors', entities: [{ name: 'AWS', country: 'US', purpose: 'Storage' }] },
    ],
  ] as const)('a change of %s from %j to %j is editorial', (field, before, after) => {
    expect(material(field, before, after)).toBe(false);
  });
});

describe('readEntryVersion', () => {
  it('reads an entry that fits the schema as a validated entry', () => {
    const { version: read } = readEntryVersion(
      'content/subprocessors/acme.md',
      fixtureText('entries/notice-sufficient.md'),
      register,
    );
    expect(read).toMatchObject({
      id: 'acme',
      fitsSchema: true,
      data: { name: 'Example Processor', role: 'subprocessor' },
    });
  });

  it('keeps an entry that no longer fits the schema as written, flagged, with its defaults filled in', () => {
    const { version: read, problem } = readEntryVersion(
      'content/subprocessors/acme.md',
      fixtureText('entries/missing-field.md'),
      register,
    );
    expect(problem).toMatch(/^content\/subprocessors\/acme\.md does not fit today's format/);
    expect(read).toMatchObject({ id: 'acme', fitsSchema: false, data: { role: 'subprocessor', transfers: [] } });
  });
});
