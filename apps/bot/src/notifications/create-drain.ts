import { REST } from '@discordjs/rest';
import type { MoimApi, Vocabulary } from '../api/types';
import type { Logger } from '../logger';
import { deliverNotification } from './deliver';
import { RestDiscordOutlet } from './messenger';
import { OutboxDrain, type OutboxDrainOptions } from './outbox-drain';

export interface DrainSetup extends Pick<OutboxDrainOptions, 'batchSize' | 'leaseSeconds' | 'idleMs'> {
  /** The bot's own API (no acting member). */
  api: MoimApi;
  /** The bot token: DMs and threads go through Discord's REST API. */
  token: string;
  teamChannelId: string | null;
  vocabulary: () => Promise<Vocabulary>;
  logger: Logger;
  /** Discord's REST base URL (default https://discord.com/api); a proxy, or a test's stand-in. */
  discordApiUrl?: string;
}

/** The outbox drain as `pnpm start` runs it: deliveries through Discord REST with the bot token. */
export function createOutboxDrain(setup: DrainSetup): OutboxDrain {
  const rest = new REST({ version: '10', ...(setup.discordApiUrl ? { api: setup.discordApiUrl } : {}) }).setToken(setup.token);
  const outlet = new RestDiscordOutlet(rest);
  const { api, teamChannelId, vocabulary, logger } = setup;
  return new OutboxDrain({
    api,
    logger,
    batchSize: setup.batchSize,
    leaseSeconds: setup.leaseSeconds,
    idleMs: setup.idleMs,
    deliver: (notification) => deliverNotification(notification, { api, outlet, vocabulary, teamChannelId, logger }),
  });
}
