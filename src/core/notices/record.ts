/**
 * The record of a notice: the proof that customers were told. When, which changes (revisions and
 * ids), how many recipients, the provider's ids — and never a subscriber's address.
 */
import type { DueNotice } from './plan.ts';

export interface NoticeRecord {
  key: string;
  /** `notice` for a notice sent; `baseline` for the first run, which sets the watermark and sends nothing. */
  kind: 'notice' | 'baseline';
  /** When it was handed to the provider, ISO 8601. */
  sentAt: string;
  /** The watermark before this notice (`null` for the baseline). */
  from: string | null;
  /** The watermark after it: the newest revision it covers. */
  to: string;
  subject?: string;
  revisions: {
    commit: string;
    date: string;
    changes: { kind: string; id: string; name: string; material: boolean }[];
  }[];
  /** How many subscribed contacts the provider was asked to deliver to. */
  recipients: number;
  provider: 'resend' | 'outbox' | 'none';
  providerIds: string[];
}

export interface Delivered {
  provider: NoticeRecord['provider'];
  providerIds: string[];
  recipients: number;
  sentAt: string;
}

export function noticeRecord(notice: DueNotice, subject: string, delivered: Delivered): NoticeRecord {
  return {
    key: notice.key,
    kind: 'notice',
    sentAt: delivered.sentAt,
    from: notice.from,
    to: notice.to,
    subject,
    revisions: notice.revisions.map((revision) => ({
      commit: revision.commit,
      date: revision.date,
      changes: revision.changes.map(({ kind, id, name, material }) => ({ kind, id, name, material })),
    })),
    recipients: delivered.recipients,
    provider: delivered.provider,
    providerIds: delivered.providerIds,
  };
}

export const baselineRecord = (to: string, sentAt: string): NoticeRecord => ({
  key: `baseline ${to.slice(0, 12)}`,
  kind: 'baseline',
  sentAt,
  from: null,
  to,
  revisions: [],
  recipients: 0,
  provider: 'none',
  providerIds: [],
});

/**
 * The file a record is kept in: numbered in the order records were written (the provider's clock
 * and ours may disagree, so `sentAt` cannot order them), then dated and named for the range.
 */
export const recordFileName = (record: NoticeRecord, sequence: number) =>
  `${String(sequence).padStart(4, '0')}-${record.sentAt.slice(0, 10)}-${record.to.slice(0, 12)}-${record.kind}.json`;
