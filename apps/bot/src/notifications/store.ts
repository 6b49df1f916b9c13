import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Subscription {
  discordId: string;
  /** Minimum score in [0, 1] for a DM. */
  threshold: number;
  since: string;
  /** The member's Discord locale at opt-in, so DMs speak their language. */
  locale?: string;
  /** Opening ids already announced (or already known at opt-in), newest last. */
  notified: string[];
}

const MAX_REMEMBERED = 500;

/**
 * Opt-ins for match notifications. The API has no place for them, and the bot must not open the database,
 * so they live in a small JSON file owned by the bot (or only in memory when `path` is null).
 */
export class NotificationStore {
  private subscriptions = new Map<string, Subscription>();
  private loaded = false;

  constructor(private readonly path: string | null) {}

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.path) return;
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { subscriptions?: Subscription[] };
      for (const subscription of parsed.subscriptions ?? []) this.subscriptions.set(subscription.discordId, subscription);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private async save(): Promise<void> {
    if (!this.path) return;
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    await writeFile(temporary, JSON.stringify({ subscriptions: [...this.subscriptions.values()] }, null, 2));
    await rename(temporary, this.path);
  }

  async get(discordId: string): Promise<Subscription | null> {
    await this.load();
    return this.subscriptions.get(discordId) ?? null;
  }

  async all(): Promise<Subscription[]> {
    await this.load();
    return [...this.subscriptions.values()];
  }

  async subscribe(discordId: string, threshold: number, alreadyKnown: string[], locale = 'ko', now = new Date()): Promise<Subscription> {
    await this.load();
    const subscription = { discordId, threshold, since: now.toISOString(), locale, notified: alreadyKnown.slice(-MAX_REMEMBERED) };
    this.subscriptions.set(discordId, subscription);
    await this.save();
    return subscription;
  }

  async unsubscribe(discordId: string): Promise<boolean> {
    await this.load();
    const removed = this.subscriptions.delete(discordId);
    if (removed) await this.save();
    return removed;
  }

  async markNotified(discordId: string, openingIds: string[]): Promise<void> {
    await this.load();
    const subscription = this.subscriptions.get(discordId);
    if (!subscription || openingIds.length === 0) return;
    subscription.notified = [...subscription.notified, ...openingIds].slice(-MAX_REMEMBERED);
    await this.save();
  }
}
