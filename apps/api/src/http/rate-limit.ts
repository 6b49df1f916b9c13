import type { Database } from '@moim/db';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Per-minute limits per caller (API key id or client IP). 0 disables. `take` spends one request, `peek` only looks
 * (buckets charged afterwards, like failed authentications), `refund` gives one back (a key that verified).
 * True when the request may go ahead, otherwise the seconds until it may.
 */
export interface RateLimiter {
  take(caller: string): Promise<true | number>;
  peek(caller: string): Promise<true | number>;
  refund(caller: string): Promise<void>;
}

type Pool = NonNullable<Database['pool']>;

/** What a limit is for: the prefix of its counters, so every limit can share one table. */
export type LimitName = 'key' | 'ip' | 'auth-failures' | 'readyz';

/**
 * The limiter of one limit: counted in PostgreSQL when the API runs on PostgreSQL (every replica sees the same
 * counts), in memory on embedded PGlite (one process).
 */
export function createRateLimiter(name: LimitName, perMinute: number, pool: Pool | null): RateLimiter {
  if (perMinute <= 0) return UNLIMITED;
  return pool ? new SharedRateLimiter(name, perMinute, pool) : new TokenBucketLimiter(perMinute);
}

const UNLIMITED: RateLimiter = {
  take: () => Promise.resolve(true),
  peek: () => Promise.resolve(true),
  refund: () => Promise.resolve(),
};

/**
 * Token buckets in memory: `perMinute` tokens refilled continuously, burst of one minute's worth. For one process
 * (embedded PGlite); with several replicas each would limit on its own.
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  take(caller: string): Promise<true | number> {
    return Promise.resolve(this.check(caller, Date.now(), true));
  }

  peek(caller: string): Promise<true | number> {
    return Promise.resolve(this.check(caller, Date.now(), false));
  }

  refund(caller: string): Promise<void> {
    const bucket = this.buckets.get(caller);
    if (bucket) bucket.tokens = Math.min(this.perMinute, bucket.tokens + 1);
    return Promise.resolve();
  }

  /** Synchronous check at a given time (the shared limiter's fallback and the unit tests use it). */
  check(caller: string, now: number, consume: boolean): true | number {
    if (this.perMinute <= 0) return true;
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (this.buckets.size > 100_000) this.prune(now);
    if (bucket.tokens >= 1) {
      if (consume) bucket.tokens -= 1;
      return true;
    }
    return Math.ceil((1 - bucket.tokens) / rate / 1000);
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
  }
}

/** A counter query slower than this falls back to the in-memory limiter: a slow database must not stall every request. */
const STORE_TIMEOUT_MS = 500;

/**
 * rate-limiter-flexible's PostgreSQL store: `perMinute` requests per caller in fixed one-minute windows, counted
 * by one upsert per request in the table "rate_limits"."counters" (created by the migrations). While the database
 * does not answer (or takes longer than STORE_TIMEOUT_MS), each process counts on its own rather than refusing or
 * waiting.
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly store: RateLimiterPostgres;
  private readonly insurance: RateLimiterMemory;

  constructor(
    name: LimitName,
    private readonly perMinute: number,
    pool: Pool,
  ) {
    const options = { keyPrefix: name, points: perMinute, duration: 60 };
    this.insurance = new RateLimiterMemory(options);
    this.store = new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: 'pool',
      schemaName: 'rate_limits',
      tableName: 'counters',
      tableCreated: true,
      // Refused callers are answered from memory until their window ends, without a query per request.
      inMemoryBlockOnConsumed: perMinute + 1,
    });
  }

  /** rate-limiter-flexible rejects a consume over the limit (with the counter), also when it blocks in memory. */
  async take(caller: string): Promise<true | number> {
    const { used, refused } = await this.run((limiter) => limiter.consume(caller, 1));
    return refused && used ? retryAfter(used) : true;
  }

  async peek(caller: string): Promise<true | number> {
    const { used } = await this.run((limiter) => limiter.get(caller));
    return used && used.consumedPoints >= this.perMinute ? retryAfter(used) : true;
  }

  async refund(caller: string): Promise<void> {
    await this.run((limiter) => limiter.reward(caller, 1));
  }

  /**
   * The caller's counter after `call`, from the shared store, or from memory when the store fails or is slow. The
   * memory counts every call too, so a fallback goes on from what this process has seen in the window.
   */
  private async run(call: (limiter: RateLimiterPostgres | RateLimiterMemory) => Promise<RateLimiterRes | null>): Promise<{ used: RateLimiterRes | null; refused: boolean }> {
    const settle = (work: Promise<RateLimiterRes | null>) =>
      work.then(
        (used) => ({ used, refused: false }),
        (error: unknown) => {
          if (error instanceof RateLimiterRes) return { used: error, refused: true };
          throw error;
        },
      );
    const memory = settle(call(this.insurance));
    try {
      return await withTimeout(settle(call(this.store)));
    } catch {
      return memory;
    }
  }
}

const retryAfter = (used: RateLimiterRes): number => Math.max(1, Math.ceil(used.msBeforeNext / 1000));

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('rate-limit store timed out')), STORE_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
