/**
 * The register's content format: `content/register.yaml` and `content/subprocessors/<id>.md`.
 *
 * This module is the single source of truth: the TypeScript types are inferred from it, the
 * published JSON Schema is generated from it (`json-schema.ts`) and the README's field reference
 * is generated from the `.describe()` texts. Entry fields that name a vocabulary (`category`,
 * `services`, …) are checked against the keys `register.yaml` defines, so the entry schema is
 * built per register by `createEntrySchema`.
 */
import { z } from 'zod';
import { countryCodes, mechanismIds } from './law/law.ts';

const date = z.iso
  .date()
  .describe('A calendar date, YYYY-MM-DD (quoted or not). Impossible dates such as 2025-02-30 are errors.');
const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL' });
const email = z.email({ error: 'expected an email address' });
const vocabularyKey = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a lower-case key: letters, digits and hyphens' });
const vocabulary = (what: string) =>
  z
    .record(vocabularyKey, z.string().min(1))
    .describe(`${what}, as \`key: label\`. Entries refer to the keys; the site shows the labels.`);

export const regimes = ['eu', 'uk', 'ch'] as const;

/** Days of notice before a new sub-processor starts when register.yaml says nothing (the market norm). */
export const DEFAULT_NOTICE_DAYS = 30;

export const RegisterSchema = z.strictObject({
  name: z.string().min(1).describe('The publisher\'s display name, as customers know it ("Parlons").'),
  legalName: z
    .string()
    .min(1)
    .describe('The publisher\'s legal entity, the processor customers contract with ("Parlons SAS").'),
  contact: email.describe("Where customers send questions and objections: the privacy team's email address."),
  dpo: email.optional().describe("The data protection officer's email address, if one is appointed."),
  site: httpsUrl.describe('The public address of this register (used for absolute links in feeds and notices).'),
  noticeDays: z
    .int()
    .min(0)
    .default(DEFAULT_NOTICE_DAYS)
    .describe(
      `Days of notice customers get before a new or replacing sub-processor starts (default ${DEFAULT_NOTICE_DAYS}).`,
    ),
  objectionDays: z
    .int()
    .min(1)
    .optional()
    .describe('Days customers have to object after a notice; when absent, until the change takes effect.'),
  adopted: date
    .optional()
    .describe(
      "The day this register was adopted, for a repository with an earlier history: the register as published on that day is the starting point (its entries are not announced as additions). When absent, the register's first version is.",
    ),
  regimes: z
    .array(z.enum(regimes))
    .default(['eu'])
    .describe(
      'Data protection laws the publisher exports under: eu (GDPR), uk (UK GDPR), ch (Swiss FADP). UK and Swiss transfer tools are accepted only when their regime is listed.',
    ),
  email: z
    .strictObject({
      from: z.string().min(3).describe('Sender of notices, e.g. "Parlons Privacy <privacy@parlons.example>".'),
      replyTo: email.optional().describe('Where replies to notices go (objections by email).'),
    })
    .describe('How change notices are sent.'),
  categories: vocabulary('Kinds of sub-processor (hosting, email, payments, …)'),
  services: vocabulary("The publisher's products or services an entry can be scoped to").default({}),
  dataCategories: vocabulary('Kinds of personal data processed'),
  dataSubjects: vocabulary('Whose personal data is processed'),
});

export type Register = z.output<typeof RegisterSchema>;
export type Vocabularies = Pick<Register, 'categories' | 'services' | 'dataCategories' | 'dataSubjects'>;

export const countryCode = z.enum(countryCodes as [string, ...string[]]);
export const locationActivities = ['hosting', 'storage', 'processing', 'backup', 'support'] as const;
export const supplementaryMeasures = [
  'encryption-in-transit',
  'encryption-at-rest',
  'exporter-held-keys',
  'pseudonymisation',
  'split-processing',
  'eea-personnel-access',
  'access-logging',
  'transparency-reporting',
  'request-challenge',
  'data-minimisation',
] as const;

const mechanism = z.enum(mechanismIds);

const LocationSchema = z.strictObject({
  country: countryCode.describe('ISO 3166-1 alpha-2 code of the country (GB for the United Kingdom, GR for Greece).'),
  region: z.string().min(1).optional().describe('Region, city or data centre, in words ("Frankfurt (eu-central-1)").'),
  activity: z
    .enum(locationActivities)
    .describe(
      'What happens there: hosting, storage, processing, backup, or support (remote access counts as a transfer).',
    ),
});

const TransferSchema = z.strictObject({
  country: countryCode.describe('The destination outside the EEA this transfer covers.'),
  mechanism: mechanism.describe(
    'The legal basis relied on: adequacy, dpf (US only), scc, bcr, code-of-conduct, certification, derogation; under the UK and Swiss regimes uk-adequacy, uk-dpf, uk-idta, uk-addendum, swiss-adequacy, swiss-dpf, swiss-scc. Ones that ended (privacy-shield, safe-harbor, the pre-2021 SCCs) are accepted only for the days they applied.',
  ),
  fallback: mechanism
    .optional()
    .describe('A second mechanism relied on if the first one falls, typically scc behind dpf.'),
  sccModule: z
    .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
    .optional()
    .describe(
      'SCC module, required with scc: 1 controller→controller, 2 controller→processor, 3 processor→processor (a sub-processor), 4 processor→controller.',
    ),
  instrument: z
    .string()
    .min(1)
    .optional()
    .describe(
      'With code-of-conduct or certification: the approved code or certification relied on and who approved it ("EU Cloud Code of Conduct, approved by the Belgian DPA").',
    ),
  tia: date
    .optional()
    .describe('Date the transfer impact assessment was last completed (expected for SCCs and other Art. 46 tools).'),
  measures: z
    .array(z.enum(supplementaryMeasures))
    .optional()
    .describe('Supplementary measures protecting the transfer.'),
});

export const roles = ['subprocessor', 'affiliate'] as const;

const ContactPersonSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .describe('Full name of the contact person ("Jane Doe"), when the sub-processor names one.'),
    position: z.string().min(1).describe('Their position or function ("Data Protection Officer", "Privacy team").'),
  })
  .describe(
    'The person to contact at the sub-processor about data protection (SCC Annex III asks for name, position and contact details; the details are `contact`).',
  );

const OnwardEntitySchema = z.strictObject({
  name: z.string().min(1).describe('Name of the onward sub-processor.'),
  country: countryCode.describe('ISO 3166-1 alpha-2 code of the country where it processes the data.'),
  purpose: z.string().min(1).describe('What it does with the data.'),
});

const OnwardSchema = z
  .strictObject({
    list: httpsUrl.optional().describe("The URL of the sub-processor's own list of sub-processors."),
    entities: z
      .array(OnwardEntitySchema)
      .min(1)
      .optional()
      .describe('Named onward sub-processors: name, country, purpose.'),
  })
  .describe(
    "The sub-processor's own sub-processors (EDPB Opinion 22/2024: the whole chain): the URL of its list, named entities, or both.",
  );

/** Entry fields in schema order: the order of `fields` in a change set. */
function entryShape(vocabularies: Vocabularies | undefined) {
  const keyOf = (map: Record<string, string> | undefined, what: string) => {
    const keys = map === undefined ? [] : Object.keys(map);
    // Without a valid register.yaml the vocabularies are unknown: accept any key rather than
    // reporting every entry as wrong because of one error elsewhere.
    return keys.length > 0 ? z.enum(keys as [string, ...string[]]) : vocabularyKey.describe(what);
  };
  return {
    name: z.string().min(1).describe('Display name ("Amazon Web Services").'),
    legalName: z.string().min(1).describe('The contracting legal entity ("Amazon Web Services EMEA SARL").'),
    address: z
      .string()
      .min(1)
      .describe('Registered address of that entity (EDPB Opinion 22/2024: name, address, contact).'),
    country: countryCode.describe('ISO 3166-1 alpha-2 code of the country where that entity is established.'),
    internationalOrganisation: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected an id in lower case with hyphens' })
      .optional()
      .describe(
        "When the recipient is an international organisation (GDPR Art. 4(26)), its id (european-patent-organisation). Data sent to it is a transfer wherever its seat is, and only a decision about the organisation itself makes it adequate: its seat's country decision does not.",
      ),
    contact: z
      .union([email, httpsUrl], { error: 'expected an email address or an https:// URL' })
      .describe('Privacy contact of the sub-processor: an email address or an https:// URL.'),
    contactPerson: ContactPersonSchema.optional(),
    website: httpsUrl.optional().describe("The sub-processor's website, https://."),
    role: z
      .enum(roles)
      .default('subprocessor')
      .describe("subprocessor (default) or affiliate (a company of the publisher's group)."),
    purpose: z.string().min(1).describe("What it does with the data, in a customer's words."),
    category: keyOf(vocabularies?.categories, 'category key').describe('One key of `categories` in register.yaml.'),
    services: z
      .array(keyOf(vocabularies?.services, 'service key'))
      .min(1)
      .optional()
      .describe('Keys of `services` in register.yaml: the products that use it. Leave out when all do.'),
    dataCategories: z
      .array(keyOf(vocabularies?.dataCategories, 'data category key'))
      .min(1)
      .describe('Keys of `dataCategories` in register.yaml: the kinds of personal data processed.'),
    dataSubjects: z
      .array(keyOf(vocabularies?.dataSubjects, 'data subject key'))
      .min(1)
      .describe('Keys of `dataSubjects` in register.yaml: whose data.'),
    locations: z.array(LocationSchema).min(1).describe('Where data is stored, processed or accessed: at least one.'),
    transfers: z
      .array(TransferSchema)
      .default([])
      .describe(
        "The legal basis for each destination outside the EEA: every non-EEA location and the entity's own country when outside the EEA.",
      ),
    onwardSubprocessors: OnwardSchema.optional(),
    retention: z
      .string()
      .min(1)
      .optional()
      .describe(
        'How long the sub-processor keeps the data, in words ("for the term of the contract, then deleted within 30 days").',
      ),
    dpa: z
      .union([httpsUrl, z.literal('on-request')], { error: 'expected an https:// URL or on-request' })
      .optional()
      .describe('The data processing agreement: an https:// URL, or on-request.'),
    since: date.describe('When it started, or will start, processing: the effective date.'),
    noticeGiven: date
      .optional()
      .describe(
        'When customers were told, if before the change was published (the day it reached the default branch, which counts when absent).',
      ),
    updateEffective: date
      .optional()
      .describe(
        'When the latest material update applies (new entity or country, purpose, data, places, transfer basis): at least noticeDays after it is published. Write a new date with each material update.',
      ),
    until: date.optional().describe('Last day of processing. A removed sub-processor stays listed as former.'),
    emergency: z.string().min(1).optional().describe('Why this change was made with less notice than noticeDays.'),
  };
}

export const createEntrySchema = (vocabularies?: Vocabularies) => z.strictObject(entryShape(vocabularies));

/** The entry schema without vocabulary checks: the shape every entry has, whatever the register. */
export const EntrySchema = createEntrySchema();
export type Entry = z.output<typeof EntrySchema>;
export type Transfer = Entry['transfers'][number];
export type Location = Entry['locations'][number];
export type OnwardEntity = NonNullable<NonNullable<Entry['onwardSubprocessors']>['entities']>[number];
export const entryFields = Object.keys(EntrySchema.shape) as (keyof Entry)[];

/** The id of an entry is its file name: lower-case letters, digits and hyphens. */
export const entryIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface Subprocessor {
  id: string;
  data: Entry;
  body: string;
}
