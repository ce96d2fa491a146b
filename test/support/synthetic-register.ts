/**
 * A synthetic register of any size, for benchmarks and scale tests: a `register.yaml` with the
 * example's vocabularies and `count` entries shaped like real ones (EEA-only vendors, US vendors on
 * the DPF with SCCs behind, SCC transfers to India and Australia with an assessment and measures,
 * adequacy for the United Kingdom, Switzerland and New Zealand, former entries, Markdown bodies).
 *
 * Deterministic: the same count and seed give the same text, byte for byte. Every entry is valid,
 * without warnings, when the register is checked on {@link SYNTHETIC_TODAY} (and for about a year
 * after it, until the oldest transfer impact assessment turns 24 months old).
 *
 * Japan is deliberately not among the adequacy destinations: its decision is limited in scope, so
 * every such transfer earns an `adequacy-limited-scope` warning, and the register must have none.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { addDays, daysBetween } from '../../src/core/dates.ts';
import { ENTRIES_DIR, REGISTER_PATH, type SourceFile } from '../../src/core/validate.ts';

/** The date the synthetic register is valid on (the date the transfer law was prepared). */
export const SYNTHETIC_TODAY = '2026-11-23';
/** When the material updates of the synthetic history apply: 30 days and more after its last commit. */
const UPDATES_EFFECTIVE = '2025-12-01';

export interface SyntheticRegister {
  register: SourceFile;
  entries: SourceFile[];
}

export function syntheticRegister(count: number, options: { seed?: number } = {}): SyntheticRegister {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
  const random = new Random(options.seed ?? 1);
  const entries: SourceFile[] = [];
  for (let index = 1; index <= count; index++) {
    const id = `vendor-${String(index).padStart(5, '0')}`;
    entries.push({ path: `${ENTRIES_DIR}/${id}.md`, text: entryText(generateEntry(random, index)) });
  }
  return { register: { path: REGISTER_PATH, text: registerText() }, entries };
}

/** Write a synthetic register under `root` (`root/content/register.yaml`, `root/content/subprocessors/*.md`). */
export async function writeSyntheticRegister(
  root: string,
  count: number,
  options: { seed?: number } = {},
): Promise<void> {
  const { register, entries } = syntheticRegister(count, options);
  await mkdir(join(root, ENTRIES_DIR), { recursive: true });
  await mkdir(dirname(join(root, REGISTER_PATH)), { recursive: true });
  const files = [register, ...entries];
  // In batches, so 10,000 files do not exhaust the open-file limit.
  for (let start = 0; start < files.length; start += 256) {
    await Promise.all(
      files.slice(start, start + 256).map((file) => writeFile(join(root, file.path), file.text, 'utf8')),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a tiny seeded PRNG, good enough to vary test data. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` different items, in the order of `items`. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = Math.min(items.length, this.int(min, max));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * items.length));
    return items.filter((_, index) => chosen.has(index));
  }

  /** A date in [from, to]. */
  date(from: string, to: string): string {
    return addDays(from, this.int(0, daysBetween(from, to)));
  }

  /** One of `weighted`'s keys, chosen with its weight. */
  weighted<K extends string>(weighted: Record<K, number>): K {
    const entries = Object.entries(weighted) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabularies: the example register's (content/register.yaml)

const categories = {
  hosting: 'Hosting and infrastructure',
  email: 'Email delivery',
  payments: 'Payments',
  monitoring: 'Error and performance monitoring',
  analytics: 'Product analytics',
  support: 'Customer support',
  crm: 'CRM and contact enrichment',
  media: 'Audio, video and telephony infrastructure',
  localisation: 'Translation and localisation',
  automation: 'Workflow automation',
  ai: 'AI features',
};
type Category = keyof typeof categories;

const services = {
  meetings: 'Parlons Meetings',
  webinars: 'Parlons Webinars',
  rooms: 'Parlons Rooms (hardware)',
  api: 'Parlons Video API',
};

const dataCategories = {
  identity: 'Identity and contact details (name, email address)',
  account: 'Account and workspace data (roles, settings, sign-in records)',
  usage: 'Usage data (meetings and webinars joined, times, features used)',
  device: 'Device and connection data (IP address, browser, operating system)',
  content: 'Meeting content (chat messages, shared files, captions, transcripts)',
  recordings: 'Audio and video recordings and live media streams',
  phone: 'Telephone numbers and call records (dial-in and dial-out)',
  registration: 'Webinar registration details (job title, company, answers to registration questions)',
  payment: 'Payment card and bank account details',
  billing: 'Billing details (billing contact, address, VAT number, invoices)',
  support: 'Support requests and conversations',
};
type DataCategory = keyof typeof dataCategories;

const dataSubjects = {
  users: 'Users of customer accounts (hosts and signed-in participants)',
  admins: 'Customer administrators and billing contacts',
  attendees: 'Guests and webinar attendees invited by customers',
  contacts: "Customers' business contacts (prospects and account contacts)",
};

function registerText(): string {
  const map = (name: string, values: Record<string, string>) =>
    `${name}:\n${Object.entries(values)
      .map(([key, label]) => `  ${key}: ${yamlString(label)}`)
      .join('\n')}\n`;
  return [
    '# Synthetic register generated by test/support/synthetic-register.ts, for benchmarks and tests.\n',
    'name: Parlons\n',
    'legalName: Parlons SAS\n',
    'contact: privacy@parlons.example\n',
    'dpo: dpo@parlons.example\n',
    'site: https://parlons.example\n',
    'noticeDays: 30\n',
    'objectionDays: 30\n',
    'regimes: [eu]\n',
    'email:\n  from: Parlons Privacy <privacy@parlons.example>\n  replyTo: privacy@parlons.example\n',
    map('categories', categories),
    map('services', services),
    map('dataCategories', dataCategories),
    map('dataSubjects', dataSubjects),
  ].join('');
}

// ---------------------------------------------------------------------------------------------
// Places

interface Place {
  city: string;
  postcode: string;
  country: string;
  countryName: string;
  legalForm: string;
  regions: string[];
  streets: string[];
}

const place = (
  country: string,
  countryName: string,
  legalForm: string,
  cities: [string, string][],
  regions: string[],
  streets: string[],
): Place[] => cities.map(([city, postcode]) => ({ city, postcode, country, countryName, legalForm, regions, streets }));

const eeaPlaces = [
  ...place(
    'FR',
    'France',
    'SAS',
    [
      ['Paris', '75009'],
      ['Lyon', '69002'],
      ['Nantes', '44000'],
    ],
    ['Paris (fr-par)', 'Roubaix', 'Strasbourg'],
    ['rue de la République', 'avenue des Champs-Élysées', 'boulevard Haussmann'],
  ),
  ...place(
    'DE',
    'Germany',
    'GmbH',
    [
      ['Berlin', '10115'],
      ['München', '80331'],
      ['Köln', '50667'],
    ],
    ['Frankfurt (eu-central-1)', 'Nuremberg', 'Falkenstein'],
    ['Hauptstraße', 'Friedrichstraße', 'Maximilianstraße'],
  ),
  ...place(
    'IE',
    'Ireland',
    'Limited',
    [
      ['Dublin 2', 'D02 F205'],
      ['Cork', 'T12 X70A'],
    ],
    ['Dublin (eu-west-1)'],
    ['Grand Canal Street', 'Harcourt Road', 'South Mall'],
  ),
  ...place(
    'NL',
    'Netherlands',
    'B.V.',
    [
      ['Amsterdam', '1017 CE'],
      ['Utrecht', '3511 AB'],
    ],
    ['Amsterdam (nl-ams)', 'Eemshaven'],
    ['Keizersgracht', 'Herengracht', 'Oudegracht'],
  ),
  ...place('BE', 'Belgium', 'SA', [['Bruxelles', '1000']], ['St. Ghislain'], ['Avenue Louise', 'Rue de la Loi']),
  ...place(
    'ES',
    'Spain',
    'S.L.',
    [
      ['Madrid', '28001'],
      ['Barcelona', '08002'],
    ],
    ['Madrid (eu-south-2)'],
    ['Gran Vía', 'Paseo de Gracia'],
  ),
  ...place('IT', 'Italy', 'S.r.l.', [['Milano', '20121']], ['Milan (eu-south-1)'], ['Via Roma', 'Corso Buenos Aires']),
  ...place(
    'SE',
    'Sweden',
    'AB',
    [['Stockholm', '111 52']],
    ['Stockholm (eu-north-1)'],
    ['Sveavägen', 'Drottninggatan'],
  ),
  ...place('FI', 'Finland', 'Oy', [['Helsinki', '00100']], ['Hamina'], ['Mannerheimintie', 'Aleksanterinkatu']),
  ...place(
    'PL',
    'Poland',
    'sp. z o.o.',
    [['Warszawa', '00-001']],
    ['Warsaw (europe-central2)'],
    ['ul. Marszałkowska', 'ul. Prosta'],
  ),
  ...place('AT', 'Austria', 'GmbH', [['Wien', '1010']], ['Vienna'], ['Kärntner Straße', 'Mariahilfer Straße']),
  ...place('NO', 'Norway', 'AS', [['Oslo', '0150']], ['Oslo'], ['Karl Johans gate', 'Dronning Eufemias gate']),
];
const eeaCountries = [...new Set(eeaPlaces.map((where) => where.country))];
const usPlaces = place(
  'US',
  'United States',
  'Inc.',
  [
    ['San Francisco, CA', '94105'],
    ['New York, NY', '10001'],
    ['Austin, TX', '78701'],
    ['Seattle, WA', '98101'],
  ],
  ['us-east-1 (Virginia)', 'Oregon', 'Remote access'],
  ['Market Street', 'Broadway', 'Congress Avenue', 'Pine Street'],
);
const sccPlaces = [
  ...place(
    'IN',
    'India',
    'Private Limited',
    [
      ['Bengaluru', '560001'],
      ['Chennai', '600002'],
      ['Pune', '411001'],
    ],
    ['Chennai', 'Bengaluru', 'Remote access from Pune'],
    ['MG Road', 'Anna Salai', 'FC Road'],
  ),
  ...place(
    'AU',
    'Australia',
    'Pty Ltd',
    [
      ['Sydney NSW', '2000'],
      ['Melbourne VIC', '3000'],
    ],
    ['Sydney', 'Melbourne'],
    ['George Street', 'Collins Street'],
  ),
];
const adequatePlaces = [
  ...place(
    'GB',
    'United Kingdom',
    'Ltd',
    [
      ['London', 'EC2A 4NE'],
      ['Manchester', 'M1 1AE'],
      ['Edinburgh', 'EH2 2ER'],
    ],
    ['London', 'Slough'],
    ['Kingsway', 'Deansgate', 'George Street'],
  ),
  ...place(
    'CH',
    'Switzerland',
    'AG',
    [
      ['Zürich', '8001'],
      ['Lausanne', '1003'],
      ['Geneva', '1204'],
    ],
    ['Geneva (CH-GVA-2)', 'Zurich (CH-DK-2)'],
    ['Bahnhofstrasse', 'Rue du Rhône', 'Avenue de Rhodanie'],
  ),
  ...place(
    'NZ',
    'New Zealand',
    'Limited',
    [
      ['Wellington', '6011'],
      ['Auckland', '1010'],
    ],
    ['Auckland'],
    ['Lambton Quay', 'Queen Street'],
  ),
];

// ---------------------------------------------------------------------------------------------
// Entries

interface Location {
  country: string;
  region?: string;
  activity: 'hosting' | 'storage' | 'processing' | 'backup' | 'support';
}

interface Transfer {
  country: string;
  mechanism: 'adequacy' | 'dpf' | 'scc';
  fallback?: 'scc';
  sccModule?: 3;
  tia?: string;
  measures?: string[];
}

interface GeneratedEntry {
  name: string;
  legalName: string;
  address: string;
  country: string;
  contact: string;
  contactPosition: string;
  website?: string;
  role?: 'affiliate';
  purpose: string;
  category: Category;
  services?: string[];
  dataCategories: DataCategory[];
  dataSubjects: string[];
  locations: Location[];
  transfers: Transfer[];
  dpa?: string;
  since: string;
  noticeGiven?: string;
  updateEffective?: string;
  until?: string;
  body: string;
}

type Shape = 'eea' | 'us' | 'scc' | 'adequacy' | 'mixed';
const shapeWeights: Record<Shape, number> = { eea: 40, us: 25, scc: 13, adequacy: 14, mixed: 8 };

const purposes: Record<Category, string[]> = {
  hosting: [
    'Hosts the application servers and databases of the Parlons platform.',
    'Stores recordings and transcripts in object storage.',
    'Keeps encrypted off-site backups, used only to restore service after a disaster.',
  ],
  email: [
    'Sends transactional email - invitations, reminders, password resets and account notices.',
    'Delivers webinar confirmation and follow-up emails.',
  ],
  payments: [
    'Processes card and SEPA Direct Debit payments for self-serve subscriptions.',
    'Issues invoices and collects payments from business customers.',
  ],
  monitoring: [
    'Collects crash reports and performance traces so engineers can find and fix errors.',
    'Monitors uptime and latency of the Parlons apps from several regions.',
  ],
  analytics: [
    'Measures how the Parlons web apps are used so we can improve them, without advertising trackers.',
    'Aggregates feature usage into product dashboards.',
  ],
  support: [
    'Runs the in-app support chat and help centre.',
    'Provides second-line technical support for escalated tickets.',
  ],
  crm: [
    'Holds the records of customer accounts and their business contacts for sales and account management.',
    'Enriches company records with public firmographic data.',
  ],
  media: [
    'Relays encrypted audio and video (TURN) for participants whose network blocks a direct connection.',
    'Connects phone dial-in and dial-out to meetings and webinars.',
  ],
  localisation: [
    'Translates live captions and chat messages when a host turns on translated captions.',
    'Translates the help centre and product interface.',
  ],
  automation: [
    'Runs the webinar integrations customers switch on, passing registrations to their own tools.',
    'Synchronises attendance reports with customer workflows.',
  ],
  ai: [
    'Generates meeting summaries and action items from transcripts when a host turns on AI summaries.',
    'Produces live captions from meeting audio.',
  ],
};

const typicalData: Record<Category, DataCategory[]> = {
  hosting: ['identity', 'account', 'usage', 'device', 'content', 'recordings', 'phone', 'registration'],
  email: ['identity', 'usage'],
  payments: ['identity', 'billing', 'payment'],
  monitoring: ['identity', 'usage', 'device'],
  analytics: ['usage', 'device'],
  support: ['identity', 'account', 'support', 'usage'],
  crm: ['identity', 'billing'],
  media: ['phone', 'device', 'usage', 'recordings'],
  localisation: ['content'],
  automation: ['identity', 'registration', 'usage'],
  ai: ['content', 'recordings'],
};

const syllables = [
  'nor',
  'vel',
  'tra',
  'lum',
  'quo',
  'zen',
  'kai',
  'mar',
  'sol',
  'dex',
  'ori',
  'pax',
  'bri',
  'cor',
  'fen',
  'lyn',
  'ast',
  'ver',
  'ion',
  'tek',
];
const nameEndings = ['io', 'ly', 'ware', 'cloud', 'hub', 'flow', 'stack', 'data', 'mail', 'desk', 'pay', 'cast'];
const measuresList = [
  'encryption-in-transit',
  'encryption-at-rest',
  'exporter-held-keys',
  'pseudonymisation',
  'access-logging',
  'transparency-reporting',
  'request-challenge',
  'data-minimisation',
];
const bodies = [
  "Data stays in the regions listed above; the vendor's staff have no access to the content of our servers.",
  "Parlons strips message text, file names and email addresses before events leave the user's device.",
  'The vendor deletes data within 30 days of the end of the contract and confirms deletion in writing.',
  "Access by the vendor's support staff is time-limited, logged and reviewed every quarter.",
  'Customers on the EU data-residency plan can ask for this sub-processor to be switched off for their workspace.',
  'This feature is off by default and switched on per workspace by an administrator.',
];

function generateEntry(random: Random, index: number): GeneratedEntry {
  const shape = random.weighted(shapeWeights);
  const category = random.pick(Object.keys(categories) as Category[]);
  const baseName = capitalise(random.pick(syllables) + random.pick(syllables) + random.pick(nameEndings));
  const name = `${baseName} ${index}`;
  const former = random.chance(0.1);
  const { since, until } = period(random, former);
  const evaluatedOn = until ?? SYNTHETIC_TODAY;

  const { home, locations, transfers } = geography(random, shape, evaluatedOn);
  const domain = `${baseName.toLowerCase()}${index}.example`;
  const entry: GeneratedEntry = {
    name,
    legalName: `${name} ${home.legalForm}`,
    address: `${random.int(1, 240)} ${random.pick(home.streets)}, ${home.postcode} ${home.city}, ${home.countryName}`,
    country: home.country,
    contact: random.chance(0.6) ? `privacy@${domain}` : `https://www.${domain}/privacy`,
    contactPosition: 'Data Protection Officer',
    purpose: random.pick(purposes[category]),
    category,
    dataCategories: random.some(typicalData[category], 1, 4),
    dataSubjects: random.some(Object.keys(dataSubjects), 1, 3),
    locations,
    transfers,
    since,
    until,
    body: former ? `Former sub-processor. It stopped processing Parlons data on ${until}.` : '',
  };
  if (random.chance(0.85)) entry.website = `https://www.${domain}`;
  if (random.chance(0.03)) entry.role = 'affiliate';
  if (random.chance(0.35)) entry.services = random.some(Object.keys(services), 1, 3);
  if (random.chance(0.8)) entry.dpa = random.chance(0.7) ? `https://www.${domain}/legal/dpa` : 'on-request';
  if (random.chance(0.6)) entry.noticeGiven = addDays(since, -random.int(30, 75));
  // Entries starting from 2025 may be upcoming when a synthetic history publishes the register (its
  // first commit is 2025-01-06): a careful register records when their notice was given.
  else if (since >= '2025-01-01') entry.noticeGiven = addDays(since, -45);
  if (random.chance(0.5))
    entry.body = [entry.body, ...random.some(bodies, 1, 2)].filter((text) => text !== '').join('\n\n');
  // Every second entry in use records a material update (the synthetic history makes it): the day
  // it applied, after the history's last commit. Drawn from no random number, so the rest is unchanged.
  if (!former && index % 2 === 0) entry.updateEffective = since > UPDATES_EFFECTIVE ? since : UPDATES_EFFECTIVE;
  return entry;
}

/** Since 2019–2025; a former entry ended between August 2023 and October 2026, while the DPF and the 2021 SCCs were in force. */
function period(random: Random, former: boolean): { since: string; until?: string } {
  if (!former) return { since: random.date('2019-01-01', '2025-12-31') };
  const until = random.date('2023-08-01', '2026-10-31');
  const since = random.date('2019-01-01', minDate('2025-12-31', addDays(until, -90)));
  return { since, until };
}

function geography(
  random: Random,
  shape: Shape,
  evaluatedOn: string,
): { home: Place; locations: Location[]; transfers: Transfer[] } {
  const locations = eeaLocations(random);
  const abroad = (home: Place | undefined, places: Place[], activities: Location['activity'][]) => {
    const destination = home ?? random.pick(places);
    locations.push(location(random, destination, random.pick(activities)));
    return destination.country;
  };
  switch (shape) {
    case 'eea':
      return { home: random.pick(eeaPlaces), locations, transfers: [] };
    case 'us': {
      // A US company may host everything in the EEA (its own country is still a destination); an
      // EEA company needs a location in the US for the transfer to be used.
      const inUs = random.chance(0.7);
      const home = inUs ? random.pick(usPlaces) : random.pick(eeaPlaces);
      if (!inUs || random.chance(0.8)) abroad(undefined, usPlaces, ['support', 'processing', 'processing', 'storage']);
      return { home, locations, transfers: [dpfTransfer(random, evaluatedOn)] };
    }
    case 'scc': {
      const inScc = random.chance(0.3);
      const home = inScc ? random.pick(sccPlaces) : random.pick(eeaPlaces);
      const country = abroad(inScc ? home : undefined, sccPlaces, ['support', 'support', 'processing']);
      return { home, locations, transfers: [sccTransfer(random, country, evaluatedOn)] };
    }
    case 'adequacy': {
      const inAdequate = random.chance(0.5);
      const home = inAdequate ? random.pick(adequatePlaces) : random.pick(eeaPlaces);
      const country = abroad(inAdequate ? home : undefined, adequatePlaces, [
        'hosting',
        'backup',
        'support',
        'processing',
      ]);
      return { home, locations, transfers: [adequacyTransfer(random, country)] };
    }
    case 'mixed': {
      // Like an EU-hosted support tool whose staff in several countries can access it.
      const gb = abroad(
        undefined,
        adequatePlaces.filter((p) => p.country === 'GB'),
        ['support'],
      );
      abroad(undefined, usPlaces, ['support']);
      const far = abroad(undefined, sccPlaces, ['support']);
      const us = random.chance(0.5) ? dpfTransfer(random, evaluatedOn) : sccTransfer(random, 'US', evaluatedOn);
      return {
        home: random.pick(eeaPlaces),
        locations,
        transfers: [adequacyTransfer(random, gb), us, sccTransfer(random, far, evaluatedOn)],
      };
    }
  }
}

/** One to three locations in different EEA countries: the first where the service runs, the others storage or backup. */
function eeaLocations(random: Random): Location[] {
  return random.some(eeaCountries, 1, 3).map((country, index) => {
    const where = random.pick(eeaPlaces.filter((candidate) => candidate.country === country));
    const activity =
      index === 0
        ? random.pick(['hosting', 'processing', 'storage'] as const)
        : random.pick(['storage', 'backup', 'processing'] as const);
    return location(random, where, activity);
  });
}

function location(random: Random, where: Place, activity: Location['activity']): Location {
  return random.chance(0.6)
    ? { country: where.country, region: random.pick(where.regions), activity }
    : { country: where.country, activity };
}

function dpfTransfer(random: Random, evaluatedOn: string): Transfer {
  const transfer: Transfer = { country: 'US', mechanism: 'dpf', fallback: 'scc', sccModule: 3 };
  if (random.chance(0.5)) Object.assign(transfer, assessment(random, evaluatedOn));
  return transfer;
}

function sccTransfer(random: Random, country: string, evaluatedOn: string): Transfer {
  return { country, mechanism: 'scc', sccModule: 3, ...assessment(random, evaluatedOn) };
}

function adequacyTransfer(random: Random, country: string): Transfer {
  return random.chance(0.4)
    ? { country, mechanism: 'adequacy', measures: random.some(measuresList, 1, 2) }
    : { country, mechanism: 'adequacy' };
}

/** A transfer impact assessment 1 week to 11 months before the date the entry is judged on: never stale. */
function assessment(random: Random, evaluatedOn: string): Pick<Transfer, 'tia' | 'measures'> {
  return {
    tia: random.date(addDays(evaluatedOn, -335), addDays(evaluatedOn, -7)),
    measures: random.some(measuresList, 2, 4),
  };
}

// ---------------------------------------------------------------------------------------------
// Text

function entryText(entry: GeneratedEntry): string {
  const lines = ['---'];
  const field = (key: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`${key}: ${value}`);
  };
  const list = (values: readonly string[] | undefined) => (values === undefined ? undefined : `[${values.join(', ')}]`);
  field('name', yamlString(entry.name));
  field('legalName', yamlString(entry.legalName));
  field('address', yamlString(entry.address));
  field('country', entry.country);
  field('contact', entry.contact);
  field('contactPerson', `{ position: ${entry.contactPosition} }`);
  field('website', entry.website);
  field('role', entry.role);
  field('purpose', yamlString(entry.purpose));
  field('category', entry.category);
  field('services', list(entry.services));
  field('dataCategories', list(entry.dataCategories));
  field('dataSubjects', list(entry.dataSubjects));
  lines.push('locations:');
  for (const { country, region, activity } of entry.locations) {
    lines.push(`  - country: ${country}`);
    if (region !== undefined) lines.push(`    region: ${yamlString(region)}`);
    lines.push(`    activity: ${activity}`);
  }
  if (entry.transfers.length > 0) lines.push('transfers:');
  for (const transfer of entry.transfers) {
    lines.push(`  - country: ${transfer.country}`, `    mechanism: ${transfer.mechanism}`);
    if (transfer.fallback !== undefined) lines.push(`    fallback: ${transfer.fallback}`);
    if (transfer.sccModule !== undefined) lines.push(`    sccModule: ${transfer.sccModule}`);
    if (transfer.tia !== undefined) lines.push(`    tia: ${transfer.tia}`);
    if (transfer.measures !== undefined) lines.push(`    measures: ${list(transfer.measures)}`);
  }
  field('dpa', entry.dpa);
  field('since', entry.since);
  field('noticeGiven', entry.noticeGiven);
  field('updateEffective', entry.updateEffective);
  field('until', entry.until);
  lines.push('---');
  if (entry.body !== '') lines.push(entry.body);
  return `${lines.join('\n')}\n`;
}

/** Plain when YAML reads it back as the same text, double-quoted otherwise. */
const yamlString = (text: string) => (/^[A-Za-z][^:#"\n]*$/.test(text) ? text : JSON.stringify(text));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const minDate = (a: string, b: string) => (a < b ? a : b);
