/**
 * Objecting to a material update, not only to a new sub-processor: a notice announces both with an
 * objection deadline, so the entry page, /changes/ and /subscribe/ link the form for both, and the
 * server — which has no git history — opens it with the days the build worked out from the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.ts';
import { fixtureText } from '../support/helpers.ts';
import { FAKE_RESEND_KEY, startFakeResend, type FakeResend } from '../support/fakes/resend.ts';
import { startFormServer, TEST_SECRET, type FormServer } from '../support/form-server.ts';
import type { TempProject } from '../support/project.ts';
import { buildTempSite, htmlErrors, type BuiltSite } from '../support/site.ts';

const ENTRY = 'content/subprocessors/acme-host.md';

/** acme-host has processed data since 2024; on 20 November 2026 it is to process usage data from 21 December. */
function withUpdate(site: TempProject): void {
  site.remove('content');
  const repo = makeRepo(site.root);
  const entry = fixtureText('entries/valid-eea-only.md');
  repo.commit('Start the register', '2026-10-01', {
    'content/register.yaml': fixtureText('register.yaml'),
    [ENTRY]: entry,
  });
  repo.commit('acme-host will process usage data', '2026-11-20', {
    [ENTRY]: entry
      .replace('dataCategories: [identity]', 'dataCategories: [identity, usage]')
      .replace('since: 2024-01-15', 'since: 2024-01-15\nupdateEffective: 2026-12-21'),
  });
}

let built: BuiltSite;
let fake: FakeResend;
const servers: FormServer[] = [];
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

async function server(today: string): Promise<FormServer> {
  const started = await startFormServer(built.site.root, {
    RESEND_API_KEY: FAKE_RESEND_KEY,
    RESEND_SEGMENT_ID: fake.segmentId,
    RESEND_BASE_URL: fake.url,
    SUBSCRIBE_SECRET: TEST_SECRET,
    REGISTER_TODAY: today,
  });
  servers.push(started);
  return started;
}

beforeAll(async () => {
  built = buildTempSite({}, withUpdate);
  if (built.status !== 0) throw new Error(built.output);
  fake = await startFakeResend();
});

afterAll(async () => {
  await Promise.all(servers.map((one) => one.close()));
  await fake?.close();
  built?.site[Symbol.dispose]();
});

describe('the pages built with the update pending', () => {
  it('link the objection form from the entry page, with the day the update applies', () => {
    const page = built.read('subprocessors/acme-host/index.html');
    expect(text(page)).toContain(
      'An update of this entry takes effect on 21 December 2026 (see its history). Customers can object until 20 December 2026. Object to this change.',
    );
    expect(page).toContain('href="/subprocessors/acme-host/object/"');
  });

  it('list the update among the changes open to objection on /changes/ and /subscribe/', () => {
    expect(text(built.read('changes/index.html'))).toContain(
      'Object to the update of Example Processor (until 20 December 2026)',
    );
    expect(text(built.read('subscribe/index.html'))).toContain(
      'An update of Example Processor takes effect on 21 December 2026: object by 20 December 2026 (object to this change).',
    );
  });

  it('are valid HTML (html-validate)', async () => {
    expect(await htmlErrors(built)).toEqual([]);
  });
});

describe('the objection form for the update', () => {
  it('is open until the deadline and sends the objection and a receipt that name the update', async () => {
    const site = await server('2026-12-03');
    expect(text(await (await site.get('subprocessors/acme-host/object/')).text())).toContain(
      'An update of Example Processor (Example Processor SAS) takes effect on 21 December 2026: its page shows what changes. You can object until 20 December 2026.',
    );
    const sent = fake.emails.length;
    const answer = await site.post('subprocessors/acme-host/object/', {
      company: 'Globex',
      email: 'dpo@globex.example',
      reasons: 'Our contract excludes usage analytics.',
    });
    expect(answer.status).toBe(303);
    const [toPrivacy, receipt] = fake.emails.slice(sent);
    expect(toPrivacy!.text).toContain(
      'Change: The update of Example Processor (Example Processor SAS) takes effect on 21 December 2026',
    );
    expect(receipt!.text).toContain(
      'The change: the update of Example Processor (Example Processor SAS) takes effect on 21 December 2026. Objections are open until 20 December 2026.',
    );
  });

  it('after the deadline, says the period ended and refuses a late objection', async () => {
    const site = await server('2026-12-21');
    expect(text(await (await site.get('subprocessors/acme-host/object/')).text())).toContain(
      'The objection period for this change ended on 20 December 2026.',
    );
    const sent = fake.emails.length;
    const late = await site.post('subprocessors/acme-host/object/', {
      company: 'Globex',
      email: 'dpo@globex.example',
      reasons: 'Too late.',
    });
    expect(late.status).toBe(409);
    expect(fake.emails.length).toBe(sent);
  });
});
