/**
 * `register.jsonld`: the register as JSON-LD with the W3C Data Privacy Vocabulary (DPV,
 * https://w3id.org/dpv#) and its GDPR extension (https://w3id.org/dpv/legal/eu/gdpr#). Pure: the
 * page passes in the entries, the publisher and the site's absolute URL.
 *
 * The `@context` is written inside the file, so a reader needs no network to expand it. Each
 * transfer mechanism maps to its DPV term in the law data (`mechanisms.*.dpv`); a mechanism DPV
 * lacks (the DPF, the UK and Swiss tools, the invalidated ones) gets an IRI of ours, defined in this
 * same file: `<site>register.jsonld#mechanism-<id>`, with the decision's source and the GDPR terms
 * it falls under. The README ("Linked data") explains each term.
 */
import { isInEea, mechanisms } from '../core/law/law.ts';
import type { Entry, Register } from '../core/schema.ts';
import { entryCountries } from '../core/destinations.ts';
import { entryStatus } from '../core/status.ts';
import { firstUrl } from './format.ts';

export const DPV = 'https://w3id.org/dpv#';
export const EU_GDPR = 'https://w3id.org/dpv/legal/eu/gdpr#';
/** DPV's location extension: one concept per ISO 3166 country, `loc:US`. */
export const DPV_LOC = 'https://w3id.org/dpv/loc#';

/** The `@context`, written into the file; `reg:` is ours, terms defined in this same document. */
export const linkedDataContext = (siteUrl: string) => ({
  dpv: DPV,
  'eu-gdpr': EU_GDPR,
  loc: DPV_LOC,
  dcterms: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  reg: `${siteUrl}register.jsonld#`,
  'dpv:hasThirdCountry': { '@type': '@id' },
  'dpv:hasCountry': { '@type': '@id' },
  'dpv:hasLegalBasis': { '@type': '@id' },
  'skos:broader': { '@type': '@id' },
  'dcterms:source': { '@type': '@id' },
  'dcterms:modified': { '@type': 'xsd:date' },
  'reg:since': { '@type': 'xsd:date' },
  'reg:until': { '@type': 'xsd:date' },
  'reg:onwardList': { '@type': '@id' },
});

interface LinkedEntry {
  id: string;
  data: Entry;
}

export interface LinkedDataOptions {
  /** Absolute URL of the site's root, ending in `/`: the base every IRI of ours is relative to. */
  siteUrl: string;
  /** The day statuses are judged on. */
  today: string;
  /** The register version the file describes. */
  version?: { id: string; commit: string; sha256: string };
}

/** The IRI of a mechanism: its DPV term, or ours when DPV has none. */
export function mechanismIri(id: string): string {
  const term = mechanisms.get(id)?.dpv.term;
  return term ?? `reg:mechanism-${id}`;
}

export function registerJsonLd(entries: readonly LinkedEntry[], publisher: Register, options: LinkedDataOptions) {
  const { siteUrl } = options;
  const document = `${siteUrl}register.jsonld`;
  const vocabulary = (kind: string, map: Record<string, string>, type: string) =>
    Object.entries(map).map(([key, label]) => ({
      '@id': `reg:${kind}-${key}`,
      '@type': type,
      'skos:prefLabel': label,
    }));
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Set<string>();

  const subprocessors = sorted.map(({ id, data }) => {
    const page = `${siteUrl}subprocessors/${encodeURIComponent(id)}/`;
    const thirdCountries = entryCountries(data).filter((country) => !isInEea(country));
    const transfers = thirdCountries.map((country) => {
      const transfer = data.transfers.find((candidate) => candidate.country === country);
      const bases =
        transfer === undefined ? [] : [transfer.mechanism, transfer.fallback].filter((m) => m !== undefined);
      for (const basis of bases) used.add(basis);
      return {
        '@id': `${page}#transfer-${country.toLowerCase()}`,
        '@type': 'dpv:Transfer',
        'dpv:hasThirdCountry': `loc:${country}`,
        'dpv:hasLegalBasis': bases.map(mechanismIri),
        ...(transfer?.sccModule !== undefined ? { 'reg:sccModule': transfer.sccModule } : {}),
      };
    });
    return {
      '@id': page,
      '@type': data.role === 'affiliate' ? ['dpv:DataSubProcessor', 'reg:Affiliate'] : 'dpv:DataSubProcessor',
      'dcterms:identifier': id,
      'dpv:hasName': data.legalName,
      'skos:prefLabel': data.name,
      'dpv:hasAddress': data.address,
      'dpv:hasCountry': `loc:${data.country}`,
      'dpv:hasContact': data.contact,
      ...(data.contactPerson !== undefined
        ? {
            'reg:contactPerson': {
              '@type': 'dpv:Contact',
              ...(data.contactPerson.name !== undefined ? { 'dpv:hasName': data.contactPerson.name } : {}),
              'reg:position': data.contactPerson.position,
            },
          }
        : {}),
      'dpv:hasPurpose': { '@type': 'dpv:Purpose', 'dcterms:description': data.purpose },
      'dpv:hasPersonalData': data.dataCategories.map((key) => ({ '@id': `reg:data-${key}` })),
      'dpv:hasDataSubject': data.dataSubjects.map((key) => ({ '@id': `reg:subject-${key}` })),
      'dpv:hasLocation': [...new Set(data.locations.map((location) => location.country))].map((country) => ({
        '@id': `loc:${country}`,
      })),
      ...(thirdCountries.length > 0
        ? { 'dpv:hasThirdCountry': thirdCountries.map((country) => `loc:${country}`) }
        : {}),
      ...(transfers.length > 0 ? { 'reg:transfer': transfers } : {}),
      ...(data.retention !== undefined ? { 'reg:retention': data.retention } : {}),
      ...(data.onwardSubprocessors !== undefined
        ? {
            'reg:onwardList': data.onwardSubprocessors.list,
            'reg:onward': (data.onwardSubprocessors.entities ?? []).map((entity) => ({
              '@type': 'dpv:DataSubProcessor',
              'dpv:hasName': entity.name,
              'dpv:hasCountry': `loc:${entity.country}`,
              'dpv:hasPurpose': { '@type': 'dpv:Purpose', 'dcterms:description': entity.purpose },
            })),
          }
        : {}),
      'reg:since': data.since,
      ...(data.until !== undefined ? { 'reg:until': data.until } : {}),
      'reg:status': entryStatus(data, options.today),
    };
  });

  const ours = [...used]
    .filter((id) => mechanisms.get(id)?.dpv.term === undefined)
    .sort()
    .map((id) => {
      const mechanism = mechanisms.get(id)!;
      const source = firstUrl(mechanism.source);
      return {
        '@id': mechanismIri(id),
        '@type': 'dpv:LegalBasis',
        'skos:prefLabel': mechanism.name,
        'dcterms:description': `${mechanism.article}${mechanism.explanation ? `. ${mechanism.explanation}` : ''}`,
        ...(source !== undefined ? { 'dcterms:source': source } : {}),
        ...(mechanism.dpv.broader !== undefined ? { 'skos:broader': mechanism.dpv.broader } : {}),
      };
    });

  return {
    '@context': linkedDataContext(siteUrl),
    '@graph': [
      {
        '@id': document,
        '@type': 'dcterms:Dataset',
        'dcterms:title': `Sub-processors of ${publisher.name}`,
        'dcterms:publisher': { '@id': `${siteUrl}#publisher` },
        ...(options.version !== undefined
          ? {
              'dcterms:modified': options.version.id,
              'reg:commit': options.version.commit,
              'reg:sha256': options.version.sha256,
            }
          : {}),
      },
      {
        '@id': `${siteUrl}#publisher`,
        '@type': 'dpv:DataProcessor',
        'dpv:hasName': publisher.legalName,
        'skos:prefLabel': publisher.name,
        'dpv:hasContact': publisher.contact,
      },
      ...subprocessors,
      ...vocabulary('data', publisher.dataCategories, 'dpv:PersonalData'),
      ...vocabulary('subject', publisher.dataSubjects, 'dpv:DataSubject'),
      ...ours,
    ],
  };
}
