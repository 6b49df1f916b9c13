/** Per-user spam guard: one repliable interaction per user every `windowMs`. */
export class Cooldown {
  private readonly lastUse = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns 0 and records the use when allowed, else the milliseconds left to wait. */
  take(userId: string): number {
    if (this.windowMs <= 0) return 0;
    const now = this.now();
    const last = this.lastUse.get(userId);
    if (last !== undefined && now - last < this.windowMs) return this.windowMs - (now - last);
    this.lastUse.set(userId, now);
    if (this.lastUse.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [userId, last] of this.lastUse) if (now - last >= this.windowMs) this.lastUse.delete(userId);
  }
}
