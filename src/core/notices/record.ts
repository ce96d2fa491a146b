/**
 * The record of a notice: the proof that customers were told. When, which changes (revisions and
 * ids), how many recipients, the provider's ids — and never a subscriber's address.
 */
import { z } from 'zod';
import { UserError } from '../errors.ts';
import type { DueNotice, NoticeRange } from './plan.ts';

export interface NoticeRecord {
  key: string;
  /**
   * `claim` before a notice is handed to the provider: the record is also the lock, so a second run
   * sees the notice is taken; `notice` once the provider has it; `release` when the provider refused
   * it (nothing was sent: the watermark goes back to the claim's start); `baseline` for the first
   * run, which sets the watermark and sends nothing.
   */
  kind: 'claim' | 'notice' | 'release' | 'baseline';
  /** When it was handed to the provider (for a claim: when it was claimed), ISO 8601. */
  sentAt: string;
  /** For a claim: until when the run that claimed it may still hand it over; after that another run takes it over. */
  claimedUntil?: string;
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
  /** The service whose subscribers the notice went to (a Resend topic); absent: every subscriber. */
  service?: string;
  /** How many subscribed contacts the provider was asked to deliver to. */
  recipients: number;
  provider: 'resend' | 'outbox' | 'none';
  providerIds: string[];
}

const sha = z.string().regex(/^[0-9a-f]{40}$/, { error: 'expected a full commit sha' });

/** What a record file on the notices branch must hold; checked on every read. */
export const NoticeRecordSchema = z.object({
  key: z.string().min(1),
  kind: z.enum(['claim', 'notice', 'release', 'baseline']),
  sentAt: z.string().min(1),
  claimedUntil: z.string().optional(),
  from: sha.nullable(),
  to: sha,
  subject: z.string().optional(),
  revisions: z.array(
    z.object({
      commit: sha,
      date: z.string(),
      changes: z.array(z.object({ kind: z.string(), id: z.string(), name: z.string(), material: z.boolean() })),
    }),
  ),
  service: z.string().optional(),
  recipients: z.int().min(0),
  provider: z.enum(['resend', 'outbox', 'none']),
  providerIds: z.array(z.string()),
}) satisfies z.ZodType<NoticeRecord>;

/**
 * A record read back from its file. A file that is not JSON or not a record is an error naming
 * the file and what is wrong: the watermark cannot be trusted, so nothing may be sent.
 */
export function parseNoticeRecord(file: string, text: string): NoticeRecord {
  const fail = (what: string) =>
    new UserError(
      `The notice record ${file} on the notices branch ${what}. Records are written by npm run notify only: restore the file from the branch's history (git log on the notices branch), then run the command again.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(`is not valid JSON (${(error as Error).message})`);
  }
  const result = NoticeRecordSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the record'}: ${issue.message}`,
    );
    throw fail(`is not a notice record (${problems.join('; ')})`);
  }
  return result.data;
}

export interface Delivered {
  provider: NoticeRecord['provider'];
  /** The subject as the provider holds it, when it says (a recovered notice is recorded as it was sent). */
  subject?: string;
  providerIds: string[];
  recipients: number;
  sentAt: string;
}

const revisionsOf = (range: NoticeRange): NoticeRecord['revisions'] =>
  range.revisions.map((revision) => ({
    commit: revision.commit,
    date: revision.date,
    changes: revision.changes.map(({ kind, id, name, material }) => ({ kind, id, name, material })),
  }));

export function noticeRecord(notice: DueNotice, subject: string, delivered: Delivered): NoticeRecord {
  return {
    key: notice.key,
    kind: 'notice',
    sentAt: delivered.sentAt,
    from: notice.from,
    to: notice.to,
    subject: delivered.subject ?? subject,
    revisions: revisionsOf(notice),
    ...(notice.service === undefined ? {} : { service: notice.service }),
    recipients: delivered.recipients,
    provider: delivered.provider,
    providerIds: delivered.providerIds,
  };
}

/** A notice taken by one run, recorded before anything is sent. */
export function claimRecord(
  notice: DueNotice,
  subject: string,
  provider: NoticeRecord['provider'],
  claimedAt: Date,
  leaseMs: number,
): NoticeRecord {
  return {
    key: notice.key,
    kind: 'claim',
    sentAt: claimedAt.toISOString(),
    claimedUntil: new Date(claimedAt.getTime() + leaseMs).toISOString(),
    from: notice.from,
    to: notice.to,
    subject,
    revisions: revisionsOf(notice),
    ...(notice.service === undefined ? {} : { service: notice.service }),
    recipients: 0,
    provider,
    providerIds: [],
  };
}

/** The provider refused the claimed notice: nothing was sent, and the next run plans from `from` again. */
export function releaseRecord({ claimedUntil: _until, ...claim }: NoticeRecord, at: Date): NoticeRecord {
  return { ...claim, kind: 'release', sentAt: at.toISOString(), to: claim.from ?? claim.to };
}

/** The newest claim that no notice record settles yet: a run that claimed it and has not (yet) recorded it sent. */
export function openClaim(records: readonly NoticeRecord[]): NoticeRecord | undefined {
  const last = records.at(-1);
  return last?.kind === 'claim' ? last : undefined;
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
