/** The port notices go out through: Resend in production, a local outbox folder without a key. */
import type { RenderedNotice } from '../render/notice.ts';
import type { Delivered } from './record.ts';

export interface NoticeDelivery {
  /** Where notices go, in words, for the command's output ("the outbox folder outbox/"). */
  readonly destination: string;
  /** The provider's placeholder or URL for a subscriber's own unsubscribe link. */
  readonly unsubscribeUrl: string;
  /**
   * A notice handed over earlier under a key that starts with `prefix`: a run that died after
   * sending and before recording. Finding it is what makes a re-run send nothing twice.
   */
  findDelivered(prefix: string): Promise<{ key: string; delivered: Delivered } | undefined>;
  deliver(key: string, notice: RenderedNotice): Promise<Delivered>;
}

/** A delivery that failed for good (a refused key, a bad sender): the job fails, nothing is recorded. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}
