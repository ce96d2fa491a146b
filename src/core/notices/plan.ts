/**
 * Which notice is due: every material change published after the last recorded notice (the
 * watermark), in one notice. Not "since the previous push": a run that failed is caught up by the
 * next one, and a re-run after success finds nothing left to send.
 */
import { noticeFor, type Change } from '../changes/diff.ts';
import type { Revision } from '../changes/history.ts';
import type { Register } from '../schema.ts';

export interface DueNotice {
  /** The last revision already covered (the watermark). */
  from: string;
  /** The newest revision this notice covers. */
  to: string;
  /** Revisions after the watermark, oldest first, with at least one material change among them. */
  revisions: Revision[];
  /** The material changes to announce, oldest first, their notice dated the day it is sent. */
  changes: Change[];
  /** A stable name for this notice, also given to the provider to find it again after a crash. */
  key: string;
}

export type NoticePlan =
  | { status: 'due'; notice: DueNotice }
  | { status: 'nothing-material'; to: string }
  | { status: 'up-to-date' }
  | { status: 'watermark-missing'; watermark: string };

export const NOTICE_KEY_PREFIX = 'register-notice';
/** `register-notice 0123456789ab..fedcba987654`: the range a notice covers. */
export const noticeKey = (from: string, to: string) => `${NOTICE_KEY_PREFIX} ${from.slice(0, 12)}..${to.slice(0, 12)}`;
export const noticeKeyPrefixFrom = (from: string) => `${NOTICE_KEY_PREFIX} ${from.slice(0, 12)}..`;

/** `revisions` oldest first (the first-parent history up to the commit being notified). */
export function planNotice(
  revisions: readonly Revision[],
  watermark: string,
  register: Pick<Register, 'noticeDays' | 'objectionDays'>,
  today: string,
): NoticePlan {
  const index = revisions.findIndex((revision) => revision.commit === watermark);
  if (index === -1) return { status: 'watermark-missing', watermark };
  const after = revisions.slice(index + 1);
  if (after.length === 0) return { status: 'up-to-date' };
  const to = after.at(-1)!.commit;
  const changes = after.flatMap((revision) =>
    revision.changes
      .filter((change) => change.material)
      .map((change) => ({ ...change, notice: noticeFor(change.kind, change.entry ?? {}, register, today) })),
  );
  if (changes.length === 0) return { status: 'nothing-material', to };
  return { status: 'due', notice: { from: watermark, to, revisions: after, changes, key: noticeKey(watermark, to) } };
}
