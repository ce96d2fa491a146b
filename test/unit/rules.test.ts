/**
 * The transfer and notice rules, one behaviour per test, each with a fixture entry in
 * test/fixtures/entries/ and the exact line `npm run check` prints for it. docs/rules.md lists each
 * rule with its legal source and the test here that covers it. The register is judged on
 * 2026-11-23 unless a test says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { evaluationDate } from '../../src/core/rules.ts';
import { checkFixture, checkFixtureUnder } from '../support/helpers.ts';

describe('destinations outside the EEA need a transfer', () => {
  it('rejects a non-EEA location without a transfer', () => {
    expect(checkFixture('transfer-missing')).toEqual([
      'content/subprocessors/transfer-missing.md:14: error: locations[1].country: Data goes to United States (US), outside the EEA, but no transfer says on what legal basis (GDPR Art. 44). Add under transfers: { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('rejects an entity established outside the EEA without a transfer', () => {
    expect(checkFixture('entity-outside-eea')).toEqual([
      'content/subprocessors/entity-outside-eea.md:5: error: country: Data goes to United States (US), outside the EEA, but no transfer says on what legal basis (GDPR Art. 44). Add under transfers: { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('accepts an entry whose data stays in the EEA', () => {
    expect(checkFixture('valid-eea-only')).toEqual([]);
  });

  it('treats Norway (NO) as EEA, not as the YAML 1.1 boolean false', () => {
    expect(checkFixture('norway')).toEqual([]);
  });
});

describe('invalid mechanisms are rejected with their date', () => {
  it('rejects the Privacy Shield', () => {
    expect(checkFixture('privacy-shield')).toEqual([
      'content/subprocessors/privacy-shield.md:18: error: transfers[0].mechanism: EU-US Privacy Shield (privacy-shield) was a lawful basis for transfers only until 2020-07-15, before 2026-11-23, the date this entry is judged on: Declared invalid by the CJEU (Grand Chamber) on 16 July 2020 in Schrems II, Case C-311/18. Write { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('rejects Safe Harbor', () => {
    expect(checkFixture('safe-harbor')).toEqual([
      'content/subprocessors/safe-harbor.md:18: error: transfers[0].mechanism: EU-US Safe Harbor (safe-harbor) was a lawful basis for transfers only until 2015-10-05, before 2026-11-23, the date this entry is judged on: Declared invalid by the CJEU (Grand Chamber) on 6 October 2015 in Schrems I, Case C-362/14, ECLI:EU:C:2015:650. Write { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('rejects the 2010 standard contractual clauses', () => {
    expect(checkFixture('scc-2010')).toEqual([
      'content/subprocessors/scc-2010.md:18: error: transfers[0].mechanism: Standard contractual clauses (controller to processor, 2010) (scc-2010-87) was a lawful basis for transfers only until 2022-12-27, before 2026-11-23, the date this entry is judged on: Repealed by Art. 4 of Implementing Decision (EU) 2021/914 with effect from 27 September 2021; contracts concluded before then remained appropriate safeguards until 27 December 2022, provided the processing was unchanged. Write { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('accepts the Privacy Shield for a sub-processor that left before it fell', () => {
    expect(checkFixture('privacy-shield-former')).toEqual([]);
  });
});

describe('adequacy', () => {
  it('rejects adequacy for a country without a decision', () => {
    expect(checkFixture('adequacy-without-decision')).toEqual([
      'content/subprocessors/adequacy-without-decision.md:18: error: transfers[0].mechanism: Australia (AU) has no EU adequacy decision, so data cannot go there on that basis. Write { country: AU, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('rejects adequacy for the United States and points to the DPF', () => {
    expect(checkFixture('adequacy-us')).toEqual([
      'content/subprocessors/adequacy-us.md:18: error: transfers[0].mechanism: United States (US) has no general adequacy decision: only organisations certified under the EU-US Data Privacy Framework are covered. Write { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('rejects adequacy before the decision applied', () => {
    expect(checkFixture('adequacy-before-decision')).toEqual([
      'content/subprocessors/adequacy-before-decision.md:18: error: transfers[0].mechanism: The adequacy decision for Brazil (BR) (Commission Implementing Decision (EU) 2026/179 (C(2026) 373), OJ L 2026/179, 28.1.2026) applies only from 2026-01-26, so it does not cover this transfer on 2025-12-31. For the time the decision does not cover, write { country: BR, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('accepts adequacy for Switzerland', () => {
    expect(checkFixture('adequacy-general')).toEqual([]);
  });

  it('accepts adequacy for the United Kingdom', () => {
    expect(checkFixture('adequacy-gb')).toEqual([]);
  });

  it('warns that the Canadian decision covers only PIPEDA organisations', () => {
    expect(checkFixture('adequacy-limited-scope')).toEqual([
      'content/subprocessors/adequacy-limited-scope.md:18: warning: transfers[0].mechanism: The adequacy decision for Canada (CA) covers only some recipients: Only recipients subject to the Personal Information Protection and Electronic Documents Act (PIPEDA): private-sector organisations processing in the course of commercial activities. Not federal public bodies, provincial public sector, non-commercial non-profits, or (most) employee data outside federally regulated undertakings. Confirm the recipient is within that scope; if it is not, write scc with sccModule: 3.',
    ]);
  });
});

describe('mechanism scope', () => {
  it('rejects the DPF outside the United States', () => {
    expect(checkFixture('dpf-outside-us')).toEqual([
      'content/subprocessors/dpf-outside-us.md:18: error: transfers[0].mechanism: EU-US Data Privacy Framework (dpf) covers only recipients in United States (US), not in Japan (JP). Write { country: JP, mechanism: adequacy }.',
    ]);
  });

  it('rejects SCCs without a module', () => {
    expect(checkFixture('scc-without-module')).toEqual([
      'content/subprocessors/scc-without-module.md:18: error: transfers[0].mechanism: Standard contractual clauses come in four modules, and which one was signed is not said. Add "sccModule: 3" to this transfer (processor to processor, the usual module with a sub-processor), or 1, 2 or 4 if the roles differ.',
    ]);
  });

  it('rejects SCCs as fallback without a module', () => {
    expect(checkFixture('fallback-scc-without-module')).toEqual([
      'content/subprocessors/fallback-scc-without-module.md:19: error: transfers[0].fallback: Standard contractual clauses come in four modules, and which one was signed is not said. Add "sccModule: 3" to this transfer (processor to processor, the usual module with a sub-processor), or 1, 2 or 4 if the roles differ.',
    ]);
  });

  it('rejects a UK instrument in a register that exports under the GDPR only', () => {
    expect(checkFixture('uk-instrument-in-eu-register')).toEqual([
      'content/subprocessors/uk-instrument-in-eu-register.md:14: error: locations[1].country: Data goes to United States (US), which only uk-idta covers; that is not a tool of the GDPR, and data leaving the EEA needs one (GDPR Art. 44). Add under transfers: { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
      'content/subprocessors/uk-instrument-in-eu-register.md:18: error: transfers[0].mechanism: UK International Data Transfer Agreement (uk-idta) is a tool of UK GDPR, but this register exports only under the GDPR. For exports from the EEA write { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia; list uk in regimes in content/register.yaml only if you also export under UK GDPR.',
    ]);
  });

  it('rejects a mechanism relied on before it applied', () => {
    expect(checkFixture('mechanism-before-valid')).toEqual([
      'content/subprocessors/mechanism-before-valid.md:18: error: transfers[0].mechanism: Standard contractual clauses (2021) (scc) applies only from 2021-06-27, after 2020-12-31, the date this entry is judged on. Write { country: IN, mechanism: scc-2010-87 }. Or, if the dates are wrong, correct since and until.',
    ]);
  });

  it('suggests the mechanism meant by a typo', () => {
    expect(checkFixture('unknown-mechanism')).toEqual([
      'content/subprocessors/unknown-mechanism.md:18: error: transfers[0].mechanism: "sccs" is not a transfer mechanism this register knows. Did you mean "scc"?',
    ]);
  });
});

describe('country codes', () => {
  it('suggests GB for UK', () => {
    expect(checkFixture('country-uk')).toEqual([
      'content/subprocessors/country-uk.md:5: error: country: "UK" is not an ISO 3166-1 country code. Write GB (United Kingdom).',
    ]);
  });

  it('suggests GR for EL', () => {
    expect(checkFixture('country-el')).toEqual([
      'content/subprocessors/country-el.md:12: error: locations[0].country: "EL" is not an ISO 3166-1 country code. Write GR (Greece).',
    ]);
  });

  it('rejects EU as a country', () => {
    expect(checkFixture('country-eu')).toEqual([
      'content/subprocessors/country-eu.md:12: error: locations[0].country: "EU" names no single country. List each country where data goes, e.g. DE or FR, as its own item.',
    ]);
  });
});

describe('notice before a new sub-processor starts', () => {
  it('rejects a start fewer than noticeDays after the notice', () => {
    expect(checkFixture('notice-too-short')).toEqual([
      "content/subprocessors/notice-too-short.md:14: error: since: Example Processor starts on 2026-12-01, only 11 days after customers were told on 2026-11-20; the register promises 30 days' notice so customers can object first (GDPR Art. 28(2)). Set since to 2026-12-20 or later (the day it starts processing), or write the reason for the short notice in emergency.",
    ]);
  });

  it('rejects a start before the notice', () => {
    expect(checkFixture('notice-after-start')).toEqual([
      'content/subprocessors/notice-after-start.md:14: error: since: Example Processor starts on 2026-11-01, before customers were told on 2026-11-20: customers had no chance to object before it started, and an emergency does not change that (GDPR Art. 28(2)). Set since to 2026-12-20 or later (the day it starts processing); if customers were told earlier, write that day in noticeGiven.',
    ]);
  });

  it('counts from today when an upcoming entry records no notice', () => {
    expect(checkFixture('upcoming-without-notice')).toEqual([
      "content/subprocessors/upcoming-without-notice.md:14: error: since: Example Processor starts on 2026-12-10, only 17 days after it is published (2026-11-23), the first day customers can be told; the register promises 30 days' notice so customers can object first (GDPR Art. 28(2)). Set since to 2026-12-23 or later (the day it starts processing), or write the reason for the short notice in emergency.",
    ]);
  });

  it('downgrades short notice to a warning when an emergency is given', () => {
    expect(checkFixture('notice-short-emergency')).toEqual([
      'content/subprocessors/notice-short-emergency.md:16: warning: emergency: Example Processor starts on 2026-12-01, 11 days after customers were told on 2026-11-20, instead of the 30 days promised; the reason given is: Our previous host ends service on 2026-11-30. Make sure the notice explains the urgency and still lets customers object.',
    ]);
  });

  it('accepts a start noticeDays or more after the notice', () => {
    expect(checkFixture('notice-sufficient')).toEqual([]);
  });

  it('rejects an end before the start', () => {
    expect(checkFixture('until-before-since')).toEqual([
      'content/subprocessors/until-before-since.md:15: error: until: The last day of processing (2023-12-31) is before the first (2024-01-15). Correct since or until.',
    ]);
  });
});

describe('warnings', () => {
  it('warns when the DPF has no SCC fallback', () => {
    expect(checkFixture('dpf-without-fallback')).toEqual([
      'content/subprocessors/dpf-without-fallback.md:18: warning: transfers[0].mechanism: This transfer relies on the EU-US Data Privacy Framework alone. Its adequacy decision is challenged before the Court of Justice (appeal in Case C-703/25 P, Latombe v Commission, OJ C/2025/6610); if the Court annuls it, transfers relying on it alone stop being lawful at once. Sign the standard contractual clauses (2021) with the recipient and add "fallback: scc" and "sccModule: 3" to this transfer.',
    ]);
  });

  it('accepts the DPF with an SCC fallback', () => {
    expect(checkFixture('dpf-with-fallback')).toEqual([]);
  });

  it("rejects an Art. 49 derogation as a sub-processor's standing basis", () => {
    expect(checkFixture('derogation')).toEqual([
      'content/subprocessors/derogation.md:18: error: transfers[0].mechanism: Art. 49 derogations are exceptions for occasional transfers in specific situations, interpreted restrictively; a sub-processor transfers data regularly, so a derogation cannot be its standing basis (GDPR Art. 49; EDPB Guidelines 2/2018). Write { country: US, mechanism: dpf, fallback: scc, sccModule: 3 } if the recipient is certified under the EU-US Data Privacy Framework, otherwise { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('warns when an SCC transfer has no impact assessment', () => {
    expect(checkFixture('tia-missing')).toEqual([
      'content/subprocessors/tia-missing.md:17: warning: transfers[0]: A transfer to India (IN) on Standard contractual clauses (2021) needs a transfer impact assessment (SCC Clause 14; EDPB Recommendations 01/2020), and none is recorded. Assess the transfer and add its completion date, e.g. "tia: 2026-03-31".',
    ]);
  });

  it('warns when the impact assessment is over 24 months old', () => {
    expect(checkFixture('tia-stale')).toEqual([
      'content/subprocessors/tia-stale.md:20: warning: transfers[0].tia: The transfer impact assessment of 2023-05-02 is more than 24 months old; laws and practices in India may have changed. Review the assessment and write the date of the review in tia.',
    ]);
  });

  it('warns when the SCC module is not processor-to-processor', () => {
    expect(checkFixture('scc-module-unusual')).toEqual([
      'content/subprocessors/scc-module-unusual.md:19: warning: transfers[0].sccModule: SCC module 2 is for controller-to-processor transfers, but Example Processor acts as a sub-processor of a processor. Check the clauses signed; module 3 (processor to processor) is expected here.',
    ]);
  });

  it('warns about a transfer to an EEA country', () => {
    expect(checkFixture('transfer-inside-eea')).toEqual([
      'content/subprocessors/transfer-inside-eea.md:15: warning: transfers[0].country: Germany (DE) is in the EEA: data goes there without any transfer mechanism. Remove this transfer; the location alone is enough.',
    ]);
  });

  it('warns about a transfer to a country the entry never sends data to', () => {
    expect(checkFixture('transfer-unused')).toEqual([
      'content/subprocessors/transfer-unused.md:15: warning: transfers[0].country: There is a transfer to Japan (JP), but no location there and the entity is not established there. Add the location in JP with its activity, or remove this transfer.',
      "content/subprocessors/transfer-unused.md:16: warning: transfers[0].mechanism: The adequacy decision for Japan (JP) covers only some recipients: Only 'Personal Information Handling Business Operators' under the Act on the Protection of Personal Information (APPI), subject to the Supplementary Rules; public-sector processing is not covered by the finding. Confirm the recipient is within that scope; if it is not, write scc with sccModule: 3.",
    ]);
  });
});

describe('the annex needs a contact person', () => {
  it('warns when an entry names no contact person', () => {
    expect(checkFixture('contact-person-missing')).toEqual([
      'content/subprocessors/contact-person-missing.md:6: warning: contact: The annex of sub-processors (SCC Annex III, Art. 28 clauses Annex IV) asks for a contact person with name and position; this entry names none, so the annex shows only the contact details. Add contactPerson: { name: Jane Doe, position: Data Protection Officer } with the person the sub-processor names in its DPA.',
    ]);
  });

  it('does not warn for a former sub-processor, which no current annex lists', () => {
    expect(checkFixture('contact-person-former')).toEqual([]);
  });
});

describe('transfers list', () => {
  it('rejects two transfers to the same country under the same regime', () => {
    expect(checkFixture('transfer-duplicate')).toEqual([
      'content/subprocessors/transfer-duplicate.md:21: error: transfers[1]: A second transfer to United States (US) under the GDPR: it is unclear which one applies. Merge the two into one transfer; a second mechanism goes in fallback.',
    ]);
  });
});

describe('the date an entry is judged on', () => {
  it('warns six months before an adequacy decision expires', () => {
    expect(checkFixture('adequacy-gb', '2031-10-01')).toEqual([
      'content/subprocessors/adequacy-gb.md:16: warning: transfers[0].mechanism: The adequacy decision for United Kingdom (GB) expires on 2031-12-27 unless renewed. Prepare a safeguard as a fallback for this transfer, e.g. scc with sccModule: 3.',
    ]);
  });

  it('rejects adequacy once the decision has expired', () => {
    expect(checkFixture('adequacy-gb', '2032-01-10')).toEqual([
      'content/subprocessors/adequacy-gb.md:16: error: transfers[0].mechanism: The adequacy decision for United Kingdom (GB) (Commission Implementing Decision (EU) 2021/1772 of 28 June 2021, as amended by Implementing Decision (EU) 2025/2574 of 19 December 2025 (OJ L 2025/2574, 23.12.2025)) expired on 2031-12-27, so it does not cover this transfer on 2032-01-10. For the time the decision does not cover, write { country: GB, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('is today for a current entry', () => {
    expect(evaluationDate({ since: '2024-01-15', until: undefined }, '2026-11-23')).toBe('2026-11-23');
  });

  it('is the start for an upcoming entry', () => {
    expect(evaluationDate({ since: '2027-01-04', until: undefined }, '2026-11-23')).toBe('2027-01-04');
  });

  it('is the last day for a former entry', () => {
    expect(evaluationDate({ since: '2017-03-01', until: '2019-12-31' }, '2026-11-23')).toBe('2019-12-31');
  });
});

describe('validity windows are inclusive', () => {
  it('accepts the 2010 SCCs for a sub-processor that left on their last valid day, 2022-12-27', () => {
    expect(checkFixture('scc-2010-last-day')).toEqual([]);
  });

  it('rejects the 2010 SCCs the day after, and proposes the 2021 clauses', () => {
    expect(checkFixture('scc-2010-day-after')).toEqual([
      'content/subprocessors/scc-2010-day-after.md:18: error: transfers[0].mechanism: Standard contractual clauses (controller to processor, 2010) (scc-2010-87) was a lawful basis for transfers only until 2022-12-27, before 2022-12-28, the date this entry is judged on: Repealed by Art. 4 of Implementing Decision (EU) 2021/914 with effect from 27 September 2021; contracts concluded before then remained appropriate safeguards until 27 December 2022, provided the processing was unchanged. Write { country: US, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('accepts Safe Harbor through 2015-10-05, the day before Schrems I', () => {
    expect(checkFixture('safe-harbor-last-day')).toEqual([]);
  });

  it('rejects the Privacy Shield before its decision of 2016-07-12, and proposes what applied then', () => {
    expect(checkFixture('privacy-shield-before-adoption')).toEqual([
      'content/subprocessors/privacy-shield-before-adoption.md:18: error: transfers[0].mechanism: EU-US Privacy Shield (privacy-shield) applies only from 2016-07-12, after 2016-06-30, the date this entry is judged on. Write { country: US, mechanism: scc-2010-87 }. Or, if the dates are wrong, correct since and until.',
    ]);
  });

  it('accepts the UK transitional SCCs through 2024-03-21 in a register exporting under UK GDPR', () => {
    expect(checkFixtureUnder('uk-transitional-last-day', 'eu, uk')).toEqual([]);
  });

  it('rejects the UK transitional SCCs the day after, and proposes a UK tool', () => {
    expect(checkFixtureUnder('uk-transitional-day-after', 'eu, uk')).toEqual([
      "content/subprocessors/uk-transitional-day-after.md:22: error: transfers[1].mechanism: Old EU SCCs used under UK GDPR (Transitional Standard Clauses) (uk-transitional-scc) was a lawful basis for transfers only until 2024-03-21, before 2024-03-22, the date this entry is judged on: Replaced by the ICO's IDTA and UK Addendum (in force 21 March 2022); contracts concluded on or before 21 September 2022 could be relied on until 21 March 2024. Write { country: US, mechanism: uk-dpf, fallback: uk-addendum, sccModule: 3 } if the recipient is certified under the UK Extension to the EU-US Data Privacy Framework, otherwise { country: US, mechanism: uk-addendum, sccModule: 3 } with the date of its transfer impact assessment in tia.",
    ]);
  });
});

describe('the United Kingdom before its adequacy decision', () => {
  it('needs no transfer while the UK was treated as a member state (through 2020-12-31)', () => {
    expect(checkFixture('uk-member-state-2020')).toEqual([]);
  });

  it('needs no transfer under the trade agreement bridge (2021-01-01 to 2021-06-27)', () => {
    expect(checkFixture('uk-bridge-2021')).toEqual([]);
  });

  it('needs a transfer once the adequacy decision applies (2021-06-28)', () => {
    expect(checkFixture('uk-after-bridge-without-transfer')).toEqual([
      'content/subprocessors/uk-after-bridge-without-transfer.md:5: error: country: Data goes to United Kingdom (GB), outside the EEA, but no transfer says on what legal basis (GDPR Art. 44). Add under transfers: { country: GB, mechanism: adequacy }.',
    ]);
  });
});

describe('international organisations', () => {
  it('accepts adequacy for the European Patent Organisation from its decision of 2025-07-15', () => {
    expect(checkFixture('international-organisation-adequate')).toEqual([]);
  });

  it('rejects adequacy for the European Patent Organisation before its decision', () => {
    expect(checkFixture('international-organisation-before-decision')).toEqual([
      'content/subprocessors/international-organisation-before-decision.md:17: error: transfers[0].mechanism: The adequacy decision for European Patent Organisation (Commission Implementing Decision (EU) 2025/1382 of 15 July 2025) applies only from 2025-07-15, so it does not cover this transfer on 2025-07-14. For the time the decision does not cover, write { country: DE, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });

  it('needs a transfer to an organisation seated inside the EEA', () => {
    expect(checkFixture('international-organisation-without-transfer')).toEqual([
      'content/subprocessors/international-organisation-without-transfer.md:5: error: country: Data goes to an international organisation (european-patent-organisation) seated in Germany (DE), but no transfer says on what legal basis (GDPR Art. 44). Add under transfers: { country: DE, mechanism: adequacy }.',
    ]);
  });

  it("does not cover an organisation by the adequacy decision of its seat's country", () => {
    expect(checkFixture('international-organisation-in-adequate-country')).toEqual([
      'content/subprocessors/international-organisation-in-adequate-country.md:17: error: transfers[0].mechanism: The recipient is an international organisation (world-intellectual-property-organization), and there is no EU adequacy decision for it; a decision for Switzerland (CH), where it is seated, does not cover an international organisation. Write { country: CH, mechanism: scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
    ]);
  });
});

describe('declared regimes are enforced', () => {
  it('rejects a destination without UK adequacy and without a UK tool in a register exporting under UK GDPR', () => {
    expect(checkFixtureUnder('regime-uk-missing', 'eu, uk')).toEqual([
      'content/subprocessors/regime-uk-missing.md:14: error: locations[1].country: Data goes to United States (US), which UK GDPR does not recognise as adequate, and this register also exports under UK GDPR (regimes in content/register.yaml), but no transfer names a tool of UK GDPR for it. Add under transfers: { country: US, mechanism: uk-dpf, fallback: uk-addendum, sccModule: 3 } if the recipient is certified under the UK Extension to the EU-US Data Privacy Framework, otherwise { country: US, mechanism: uk-addendum, sccModule: 3 } with the date of its transfer impact assessment in tia.',
      "content/subprocessors/regime-uk-missing.md:24: warning: transfers[1].mechanism: The adequacy decision for Japan (JP) covers only some recipients: Only 'Personal Information Handling Business Operators' under the Act on the Protection of Personal Information (APPI), subject to the Supplementary Rules; public-sector processing is not covered by the finding. Confirm the recipient is within that scope; if it is not, write scc with sccModule: 3.",
    ]);
  });

  it('accepts the UK Extension for the United States and UK adequacy for Japan', () => {
    expect(checkFixtureUnder('regime-uk-covered', 'eu, uk')).toEqual([
      "content/subprocessors/regime-uk-covered.md:26: warning: transfers[2].mechanism: The adequacy decision for Japan (JP) covers only some recipients: Only 'Personal Information Handling Business Operators' under the Act on the Protection of Personal Information (APPI), subject to the Supplementary Rules; public-sector processing is not covered by the finding. Confirm the recipient is within that scope; if it is not, write scc with sccModule: 3.",
    ]);
  });

  it('rejects a destination the Swiss list does not name in a register exporting under the Swiss FADP', () => {
    expect(checkFixtureUnder('regime-ch-missing', 'eu, ch')).toEqual([
      'content/subprocessors/regime-ch-missing.md:16: error: locations[2].country: Data goes to Japan (JP), which the Swiss FADP does not recognise as adequate, and this register also exports under the Swiss FADP (regimes in content/register.yaml), but no transfer names a tool of the Swiss FADP for it. Add under transfers: { country: JP, mechanism: swiss-scc, sccModule: 3 } with the date of its transfer impact assessment in tia.',
      "content/subprocessors/regime-ch-missing.md:26: warning: transfers[2].mechanism: The adequacy decision for Japan (JP) covers only some recipients: Only 'Personal Information Handling Business Operators' under the Act on the Protection of Personal Information (APPI), subject to the Supplementary Rules; public-sector processing is not covered by the finding. Confirm the recipient is within that scope; if it is not, write scc with sccModule: 3.",
    ]);
  });
});

describe('derogations, codes and certifications', () => {
  it('warns about an Art. 49 derogation as fallback', () => {
    expect(checkFixture('derogation-fallback')).toEqual([
      "content/subprocessors/derogation-fallback.md:19: warning: transfers[0].fallback: An Art. 49 derogation as fallback covers only occasional transfers in specific situations: if the EU-US Data Privacy Framework falls, the sub-processor's regular transfers have no basis (EDPB Guidelines 2/2018). Make the fallback a safeguard signed with the recipient, e.g. scc with sccModule: 3.",
    ]);
  });

  it('warns when a certification does not name the approved instrument', () => {
    expect(checkFixture('certification-without-instrument')).toEqual([
      'content/subprocessors/certification-without-instrument.md:18: warning: transfers[0].mechanism: Approved certification is a transfer tool only through a specific approved instrument and the recipient\'s binding commitments under it (GDPR Art. 46(2)(f), Art. 42); this transfer does not say which. Add "instrument:" with the name of the approved code or certification and the authority that approved it.',
    ]);
  });

  it('accepts a certification that names its instrument', () => {
    expect(checkFixture('certification-with-instrument')).toEqual([]);
  });
});

describe('impact assessments', () => {
  it('rejects an impact assessment dated after today', () => {
    expect(checkFixture('tia-in-future')).toEqual([
      'content/subprocessors/tia-in-future.md:20: error: transfers[0].tia: The transfer impact assessment is dated 2027-01-15, after today (2026-11-23): tia records when an assessment was completed, so this one has not been done yet. Write the date the assessment was completed; until it is, leave tia out.',
    ]);
  });
});
