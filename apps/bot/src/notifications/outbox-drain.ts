import type { MoimApi, NotificationView } from '../api/types';
import type { Logger } from '../logger';
import type { Outcome } from './deliver';

export interface OutboxDrainOptions {
  /** The bot's own API (no acting member). */
  api: Pick<MoimApi, 'claimNotifications' | 'ackNotifications'>;
  deliver(notification: NotificationView): Promise<Outcome>;
  logger: Logger;
  /** Rows per claim (the API allows 1..100). */
  batchSize?: number;
  /** How long a claim holds its rows (the API allows 5..600 s). */
  leaseSeconds?: number;
  /** Pause after a claim that came back short (the outbox is drained) or failed. */
  idleMs?: number;
  now?: () => number;
}

export interface DrainResult {
  claimed: number;
  /** Delivered (or settled: undeliverable, nothing to send) and acknowledged. */
  acked: number;
  /** Left leased: delivery failed, or the lease was about to end. They come back after the lease. */
  left: number;
}

const MAX_BACKOFF_MS = 30_000;

/** Rows are not started in the last part of their lease: after it another process may hold them. */
function safetyMarginMs(leaseSeconds: number): number {
  return Math.min(10_000, (leaseSeconds * 1000) / 4);
}

/**
 * Drains the API's notifications outbox: claim a batch (a lease: no other bot process gets those rows while it holds),
 * deliver each, acknowledge each as soon as it is delivered, and leave failures unacknowledged so they come back once
 * the lease ends. Several processes can run it on one outbox. A process killed mid-batch loses nothing: what it had not
 * acknowledged comes back; only a row delivered but not yet acknowledged at the moment of the kill is delivered again.
 */
export class OutboxDrain {
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: OutboxDrainOptions) {
    this.batchSize = options.batchSize ?? 10;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.idleMs = options.idleMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  async drainOnce(): Promise<DrainResult> {
    const { api, logger } = this.options;
    const claimedAt = this.now();
    const rows = await api.claimNotifications(this.batchSize, this.leaseSeconds);
    const lastStart = claimedAt + this.leaseSeconds * 1000 - safetyMarginMs(this.leaseSeconds);
    const result: DrainResult = { claimed: rows.length, acked: 0, left: 0 };
    for (const row of rows) {
      // A graceful stop finishes the row in hand, not the batch: the rest come back after the lease.
      if (this.stopping || this.now() > lastStart) {
        result.left += 1;
        continue;
      }
      const log = logger.child({ notificationId: row.id, kind: row.kind });
      let outcome: Outcome;
      try {
        outcome = await this.options.deliver(row);
      } catch (error) {
        log.warn({ err: error }, 'notification not delivered; it comes back after its lease');
        result.left += 1;
        continue;
      }
      try {
        await api.ackNotifications([row.id]);
        result.acked += 1;
        log.info({ outcome }, 'notification delivered');
      } catch (error) {
        log.error({ err: error, outcome }, 'notification delivered but not acknowledged; it will be delivered again after its lease');
        result.left += 1;
      }
    }
    return result;
  }

  /** Runs until `stop()`: a full batch is followed by the next one at once, a short one by a pause. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let full = false;
      try {
        const result = await this.drainOnce();
        failures = 0;
        full = result.claimed === this.batchSize && result.left === 0;
        if (result.claimed > 0) this.options.logger.debug(result, 'outbox batch done');
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error, failures }, 'could not claim notifications; trying again shortly');
      }
      // An API that is down is asked again less and less often (up to MAX_BACKOFF_MS), not every idle pause.
      if (!full && !this.stopping) await this.pause(Math.min(MAX_BACKOFF_MS, this.idleMs * 2 ** Math.min(failures, 10)));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.wake = null;
    });
  }

  /** Graceful stop: no new claim, the row in hand is delivered and acknowledged, then it resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }
}
