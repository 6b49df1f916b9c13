/**
 * Per-user spam guard: at most `maxUses` repliable interactions per user in any `windowMs` (a sliding window),
 * so a member can click through a reply's buttons but cannot hammer the API.
 */
export class Cooldown {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxUses = 1,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns 0 and records the use when allowed, else the milliseconds until the next use is allowed. */
  take(userId: string): number {
    if (this.windowMs <= 0) return 0;
    const now = this.now();
    const recent = (this.uses.get(userId) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.maxUses) {
      this.uses.set(userId, recent);
      return this.windowMs - (now - recent[0]!);
    }
    recent.push(now);
    this.uses.set(userId, recent);
    if (this.uses.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [userId, times] of this.uses) if (times.every((at) => now - at >= this.windowMs)) this.uses.delete(userId);
  }
}
