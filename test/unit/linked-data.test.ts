/**
 * register.jsonld read by a JSON-LD processor (the `jsonld` package), offline: the context is in
 * the file, and the document loader refuses every fetch, so a remote context would fail the test.
 */
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { isInEea, mechanisms } from '../../src/core/law/law.ts';
import { validateRegister } from '../../src/core/validate.ts';
import { readContentFiles } from '../../src/io/content-files.ts';
import { DPV, EU_GDPR, DPV_LOC, registerJsonLd } from '../../src/site/linked-data.ts';
import { entryCountries } from '../../src/core/destinations.ts';
import { TODAY } from '../support/helpers.ts';
import { PROJECT_ROOT } from '../support/project.ts';

const SITE = 'https://parlons.example/subprocessors/';
const { sources } = await readContentFiles(PROJECT_ROOT);
const { entries, register } = validateRegister(sources, { today: TODAY });
const document = registerJsonLd(entries, register!, { siteUrl: SITE, today: TODAY });

const offline = async (url: string): Promise<never> => {
  throw new Error(`the document loader was asked for ${url}: the context must be inside the file`);
};
type Node = Record<string, unknown[] | string | undefined> & { '@id': string };
const expanded = (await jsonld.expand(structuredClone(document) as jsonld.JsonLdDocument, {
  documentLoader: offline,
})) as Node[];
const graph = (expanded[0]?.['@graph'] ?? expanded) as Node[];
const ids = (node: Node, property: string) =>
  ((node[property] as { '@id'?: string }[] | undefined) ?? []).map((value) => value['@id']);
const values = (node: Node, property: string) =>
  ((node[property] as { '@value'?: unknown }[] | undefined) ?? []).map((value) => value['@value']);
const nodeById = new Map(graph.map((node) => [node['@id'], node]));
const subprocessors = graph.filter((node) =>
  (node['@type'] as string[] | undefined)?.includes(`${DPV}DataSubProcessor`),
);

describe('register.jsonld', () => {
  it('expands offline, every entry typed dpv:DataSubProcessor with its name, address and contact', () => {
    expect(subprocessors.map((node) => values(node, 'http://purl.org/dc/terms/identifier')[0]).sort()).toEqual(
      entries.map((entry) => entry.id).sort(),
    );
    const stripe = subprocessors.find((node) => node['@id'] === `${SITE}subprocessors/stripe/`)!;
    expect(values(stripe, `${DPV}hasName`)).toEqual(['Stripe Payments Europe, Limited']);
    expect(values(stripe, `${DPV}hasContact`)).toEqual(['dpo@stripe.com']);
    expect(ids(stripe, `${DPV}hasCountry`)).toEqual([`${DPV_LOC}IE`]);
    expect(ids(stripe, `${DPV}hasPersonalData`).length).toBeGreaterThan(0);
  });

  it('gives every destination outside the EEA a legal basis, the DPV GDPR term where DPV has one', () => {
    for (const entry of entries) {
      const node = nodeById.get(`${SITE}subprocessors/${entry.id}/`)!;
      const thirdCountries = entryCountries(entry.data).filter((country) => !isInEea(country));
      expect(ids(node, `${DPV}hasThirdCountry`).sort()).toEqual(thirdCountries.map((c) => `${DPV_LOC}${c}`).sort());
      const transfers = (node[`${SITE}register.jsonld#transfer`] as Node[] | undefined) ?? [];
      for (const country of thirdCountries) {
        const transfer = transfers.find((t) => ids(t, `${DPV}hasThirdCountry`).includes(`${DPV_LOC}${country}`));
        expect(transfer, `${entry.id} → ${country}`).toBeDefined();
        expect(ids(transfer!, `${DPV}hasLegalBasis`).length, `${entry.id} → ${country}`).toBeGreaterThan(0);
      }
      expect(transfers.length).toBe(thirdCountries.length);
    }
    const cloudflareUs = (
      nodeById.get(`${SITE}subprocessors/cloudflare/`)![`${SITE}register.jsonld#transfer`] as Node[]
    )[0]!;
    expect(ids(cloudflareUs, `${DPV}hasLegalBasis`)).toEqual([
      `${SITE}register.jsonld#mechanism-dpf`,
      `${EU_GDPR}A46-2-c`,
    ]);
  });

  it('defines each mechanism DPV lacks in the file, linked to its source and the GDPR term it falls under', () => {
    const dpf = nodeById.get(`${SITE}register.jsonld#mechanism-dpf`)!;
    expect(dpf['@type']).toEqual([`${DPV}LegalBasis`]);
    expect(ids(dpf, 'http://purl.org/dc/terms/source')).toEqual([mechanisms.get('dpf')!.source]);
    expect(ids(dpf, 'http://www.w3.org/2004/02/skos/core#broader')).toEqual([`${EU_GDPR}A45-3`]);
  });
});
