/**
 * Which notice is due, from the register at the watermark and the register at the head (pure):
 * net changes only, and the service a notice is scoped to when every change concerns that one.
 */
import { describe, expect, it } from 'vitest';
import type { Revision } from '../../src/core/changes/history.ts';
import { readSnapshot } from '../../src/core/changes/snapshot.ts';
import { noticeKey, planNotice, rangeSince, registerIdOf } from '../../src/core/notices/plan.ts';
import { fixtureText } from '../support/helpers.ts';

const REGISTER = 'content/register.yaml';
const ACME = 'content/subprocessors/acme.md';
const GAMMA = 'content/subprocessors/gamma.md';
const acme = fixtureText('entries/valid-eea-only.md');
const gamma = (services?: string) =>
  fixtureText('entries/notice-sufficient.md')
    .replace(/Example Processor/g, 'Gamma Cloud')
    .replace('category: hosting', `category: hosting${services ? `\nservices: ${services}` : ''}`);
const withServices = (text: string, services: string) =>
  text.replace('category: hosting', `category: hosting\nservices: ${services}`);

const snapshot = (files: Record<string, string>) =>
  readSnapshot(new Map(Object.entries({ [REGISTER]: fixtureText('register.yaml'), ...files })));
const revision = (commit: string): Revision => ({
  commit: commit.repeat(40).slice(0, 40),
  date: '2026-11-20T12:00:00Z',
  published: '2026-11-20',
  subject: commit,
  changes: [],
  problems: [],
});
const [a, b, c] = [revision('a'), revision('b'), revision('c')];
const range = { from: a.commit, to: c.commit, revisions: [b, c] };
const plan = (from: Record<string, string>, to: Record<string, string>) =>
  planNotice(range, { from: snapshot(from), to: snapshot(to) }, 'acme.example', '2026-11-23');

describe('rangeSince', () => {
  it('is the revisions after the watermark, up to the head or the revision asked for', () => {
    expect(rangeSince([a, b, c], a.commit)).toEqual({ status: 'range', range });
    expect(rangeSince([a, b, c], a.commit, b.commit)).toEqual({
      status: 'range',
      range: { from: a.commit, to: b.commit, revisions: [b] },
    });
    expect(rangeSince([a, b, c], c.commit)).toEqual({ status: 'up-to-date' });
    expect(rangeSince([b, c], a.commit)).toEqual({ status: 'watermark-missing', watermark: a.commit });
  });
});

describe('planNotice', () => {
  it('announces nothing when the register at the head is the register at the watermark', () => {
    expect(plan({ [ACME]: acme }, { [ACME]: acme })).toBeUndefined();
  });

  it('announces the net material changes, named after the register and the range', () => {
    const due = plan({ [ACME]: acme }, { [ACME]: acme, [GAMMA]: gamma() });
    expect(due?.changes.map((change) => [change.kind, change.id])).toEqual([['added', 'gamma']]);
    expect(due?.key).toBe(`register-notice acme.example ${'a'.repeat(12)}..${'c'.repeat(12)}`);
    expect(due?.service).toBeUndefined();
  });

  it('scopes a notice to a service when every change, before and after, concerns that service alone', () => {
    expect(plan({ [ACME]: acme }, { [ACME]: acme, [GAMMA]: gamma('[meetings]') })?.service).toBe('meetings');
  });

  it('does not scope a notice that widens an entry to a second service', () => {
    const before = withServices(acme, '[meetings]');
    const after = withServices(acme, '[meetings, webinars]');
    expect(plan({ [ACME]: before }, { [ACME]: after })?.service).toBeUndefined();
  });

  it('does not scope a notice about an entry that served a second service before the change', () => {
    const before = withServices(acme, '[meetings, webinars]');
    const after = withServices(acme.replace('Hosts the application.', 'Hosts and analyses recordings.'), '[meetings]');
    const due = plan({ [ACME]: before }, { [ACME]: after });
    expect(due?.changes.map((change) => change.id)).toEqual(['acme']);
    expect(due?.service).toBeUndefined();
  });

  it('does not scope a notice whose changes concern two services', () => {
    const due = plan(
      { [ACME]: withServices(acme, '[webinars]') },
      {
        [ACME]: withServices(
          acme.replace('dataCategories: [identity]', 'dataCategories: [identity, usage]'),
          '[webinars]',
        ),
        [GAMMA]: gamma('[meetings]'),
      },
    );
    expect(due?.changes).toHaveLength(2);
    expect(due?.service).toBeUndefined();
  });
});

describe('notice names', () => {
  it('name the register by the host and path it is published at', () => {
    expect(registerIdOf('https://privacy.acme.example/register/')).toBe('privacy.acme.example/register');
    expect(noticeKey('acme.example', 'a'.repeat(40), 'b'.repeat(40))).toBe(
      `register-notice acme.example ${'a'.repeat(12)}..${'b'.repeat(12)}`,
    );
  });
});
