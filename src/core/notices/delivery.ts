/** The port notices go out through: Resend in production, a local outbox folder without a key. */
import { UserError } from '../errors.ts';
import type { RenderedNotice } from '../render/notice.ts';
import type { Delivered, NoticeRecord } from './record.ts';

/** A notice the provider already holds, found by its name. */
export interface Found {
  key: string;
  /** The provider's id, to settle it. */
  id: string;
  /** Created and never sent (a run died in between, or a create answered 5xx after taking effect). */
  draft: boolean;
}

export interface DeliverOptions {
  /** The service whose subscribers receive it; absent: every subscriber. */
  service?: string;
  /** Do not hand the notice over after this instant: the run's claim has expired and another run may take it over. */
  notAfter?: Date;
}

export interface NoticeDelivery {
  /** What the record names as the provider. */
  readonly provider: NoticeRecord['provider'];
  /** Where notices go, in words, for the command's output ("the outbox folder outbox/"). */
  readonly destination: string;
  /** The provider's placeholder or URL for a subscriber's own unsubscribe link. */
  readonly unsubscribeUrl: string;
  /**
   * Whether what it delivers reaches subscribers, so that it may be recorded as told. False for the
   * job summary of a CI run without a key: recording it would mean the notice is never sent.
   */
  readonly tellsSubscribers: boolean;
  /**
   * The oldest notice this register handed over earlier under a name that starts with `prefix`:
   * a run that died after sending and before its record was kept. Only looks; sends nothing.
   */
  findDelivered(prefix: string): Promise<Found | undefined>;
  /** A found notice as sent: a draft is sent now, once; what is returned is what the provider holds. */
  settle(found: Found): Promise<Delivered>;
  deliver(key: string, notice: RenderedNotice, options?: DeliverOptions): Promise<Delivered>;
}

/**
 * A delivery that failed for good (a refused key, a bad sender, no answer after every retry): the
 * job fails and the notice is not recorded as sent. `refused`: the provider answered that it did
 * not take the request, so nothing of it exists there. A UserError (the command prints its message
 * and exits 1); the notifier also reads `refused`.
 */
export class DeliveryError extends UserError {
  override name = 'DeliveryError';
  readonly refused: boolean;
  constructor(message: string, options: { refused?: boolean } = {}) {
    super(message);
    this.refused = options.refused ?? false;
  }
}
