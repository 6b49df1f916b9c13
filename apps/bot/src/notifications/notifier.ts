import type { MoimApi, OpeningMatchView } from '../api/types';
import { translator } from '../i18n';
import type { Logger } from '../logger';
import { openingEmbed } from '../render/opening-embed';
import type { DirectMessenger } from './messenger';
import type { NotificationStore } from './store';

/** How many candidates each check looks at, and how many DMs one member gets per check at most. */
const CANDIDATES = 20;
const MAX_DMS_PER_CHECK = 3;

export function aboveThreshold(matches: readonly OpeningMatchView[], threshold: number, known: readonly string[]): OpeningMatchView[] {
  const seen = new Set(known);
  return matches.filter((match) => match.score >= threshold && !seen.has(match.opening.id));
}

export interface NotifierOptions {
  api: Pick<MoimApi, 'memberByDiscordId' | 'recommendOpenings'>;
  store: NotificationStore;
  messenger: DirectMessenger;
  logger: Logger;
}

/** Checks every opted-in member through the API and DMs openings they have not heard about that score high enough. */
export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly options: NotifierOptions) {}

  async checkOnce(): Promise<{ checked: number; sent: number }> {
    const { api, store, messenger, logger } = this.options;
    let sent = 0;
    const subscriptions = await store.all();
    for (const subscription of subscriptions) {
      try {
        const member = await api.memberByDiscordId(subscription.discordId);
        if (!member) continue;
        const matches = await api.recommendOpenings({ memberId: member.id, first: CANDIDATES });
        const fresh = aboveThreshold(matches, subscription.threshold, subscription.notified).slice(0, MAX_DMS_PER_CHECK);
        if (fresh.length === 0) continue;
        const t = translator(subscription.locale);
        await messenger.send(subscription.discordId, {
          content: t('notify.dm'),
          embeds: fresh.map((match, index) => openingEmbed(match, index + 1, t)),
        });
        await store.markNotified(subscription.discordId, fresh.map((match) => match.opening.id));
        sent += fresh.length;
      } catch (error) {
        logger.warn({ err: error, discordId: subscription.discordId }, 'notification check failed for one member');
      }
    }
    return { checked: subscriptions.length, sent };
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.checkOnce()
        .then(({ checked, sent }) => this.options.logger.info({ checked, sent }, 'notification check done'))
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'notification check crashed'))
        .finally(() => {
          this.running = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
