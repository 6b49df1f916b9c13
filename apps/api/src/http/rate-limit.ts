/**
 * Token buckets per caller (API key id or client IP): `perMinute` tokens refilled continuously, burst of one
 * minute's worth. 0 disables. In-memory, so each replica limits on its own (see README: running at scale).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** True when the request may go ahead; otherwise the seconds until a token is available. */
  take(caller: string, now = Date.now()): true | number {
    return this.check(caller, now, true);
  }

  /** Like take, without using a token: for buckets charged only afterwards (failed authentications). */
  peek(caller: string, now = Date.now()): true | number {
    return this.check(caller, now, false);
  }

  /** Gives back a token taken for an attempt that turned out fine (a key that verified). */
  refund(caller: string): void {
    const bucket = this.buckets.get(caller);
    if (bucket) bucket.tokens = Math.min(this.perMinute, bucket.tokens + 1);
  }

  private check(caller: string, now: number, consume: boolean): true | number {
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
