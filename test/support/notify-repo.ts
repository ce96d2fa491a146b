/**
 * The notifier's test bench: a real git repository with a one-entry register, the real command in
 * a child process, and the changes the tests merge (Gamma added, Acme widened), with pinned dates.
 */
import { expect } from 'vitest';
import { FAKE_RESEND_KEY, type FakeResend } from './fakes/resend.ts';
import { fixtureText } from './helpers.ts';
import { makeRepo, type TestRepo } from './git-repo.ts';
import { childEnv, runScript, type CommandRun } from './project.ts';

export const ACME = 'content/subprocessors/acme.md';
export const GAMMA = 'content/subprocessors/gamma.md';
export const SUBSCRIBERS = ['ana@customer-one.example', 'ben@customer-two.example', 'chloe@customer-three.example'];

export interface NotifyEnv {
  /** Another segment of the fake's account (default: its first). */
  segmentId?: string;
  /** More environment, e.g. CI=true or RESEND_TOPICS. */
  env?: Record<string, string>;
}

export function notify(
  repo: TestRepo,
  fake: FakeResend | undefined,
  args: string[] = [],
  options: NotifyEnv = {},
): Promise<CommandRun> {
  const env = childEnv({
    REGISTER_TODAY: '2026-11-23',
    ...(fake
      ? {
          RESEND_API_KEY: FAKE_RESEND_KEY,
          RESEND_SEGMENT_ID: options.segmentId ?? fake.segmentId,
          RESEND_BASE_URL: fake.url,
        }
      : {}),
    ...options.env,
  });
  if (!fake) delete env.RESEND_API_KEY;
  if (!options.env?.CI) delete env.CI;
  if (!options.env?.GITHUB_STEP_SUMMARY) delete env.GITHUB_STEP_SUMMARY;
  return runScript('scripts/notify.ts', args, { cwd: repo.root, env });
}

/** The register's first commit: one entry, published on `site`. */
export function startRegister(repo: TestRepo, site = 'https://acme.example'): string {
  return repo.commit('Start the register', '2026-01-05', {
    'content/register.yaml': fixtureText('register.yaml').replace('site: https://acme.example', `site: ${site}`),
    [ACME]: fixtureText('entries/valid-eea-only.md'),
  });
}

/** A repository whose register has one entry, already notified up to its start (the baseline). */
export async function notifiedRepo(fake: FakeResend | undefined, options: NotifyEnv = {}): Promise<TestRepo> {
  const repo = makeRepo();
  startRegister(repo);
  const first = await notify(repo, fake, [], options);
  expect(first.stdout, first.stderr).toContain('First run: recorded');
  return repo;
}

export const gammaText = (services?: string) =>
  fixtureText('entries/notice-sufficient.md')
    .replace(/Example Processor/g, 'Gamma Cloud')
    .replace('category: hosting', `category: hosting${services ? `\nservices: ${services}` : ''}`);

export const addGamma = (repo: TestRepo, date = '2026-11-20', services?: string) =>
  repo.commit('Add Gamma', date, { [GAMMA]: gammaText(services) });
export const removeGamma = (repo: TestRepo, date = '2026-11-21') =>
  repo.commit('Remove Gamma again', date, { [GAMMA]: null });
export const widenAcme = (repo: TestRepo, date = '2026-11-21') =>
  repo.commit('Acme processes usage data', date, {
    [ACME]: fixtureText('entries/valid-eea-only.md').replace(
      'dataCategories: [identity]',
      'dataCategories: [identity, usage]',
    ),
  });
export const restoreAcme = (repo: TestRepo, date = '2026-11-22') =>
  repo.commit('Acme no longer processes usage data', date, { [ACME]: fixtureText('entries/valid-eea-only.md') });

/** How many emails each of SUBSCRIBERS received. */
export const perSubscriber = (fake: FakeResend, subscribers = SUBSCRIBERS) =>
  Object.fromEntries(
    subscribers.map((email) => [email, fake.deliveries.filter((delivery) => delivery.email === email).length]),
  );
export const onceEach = (subscribers = SUBSCRIBERS, times = 1) =>
  Object.fromEntries(subscribers.map((email) => [email, times]));
