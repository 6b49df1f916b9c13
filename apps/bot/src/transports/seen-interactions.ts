/**
 * Interaction ids the HTTP endpoint has already run, so a replayed signed request (same body, same signature) has no
 * second effect. A signature is accepted for 5 minutes either side of its timestamp and an interaction token lives
 * 15 minutes, so ids are kept 15 minutes; at most `max` of them, the oldest dropped first, to bound memory.
 */
export class SeenInteractions {
  /** id -> when it may be forgotten; Map keeps insertion order, which is also expiry order. */
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `id` and returns true the first time; false while it is remembered. */
  firstSighting(id: string): boolean {
    const now = this.now();
    for (const [oldest, expiry] of this.expiries) {
      if (expiry > now) break;
      this.expiries.delete(oldest);
    }
    if (this.expiries.has(id)) return false;
    this.expiries.set(id, now + this.ttlMs);
    if (this.expiries.size > this.max) this.expiries.delete(this.expiries.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }
}
