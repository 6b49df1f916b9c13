import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { HandlerDeps } from '../interactions/deps';
import { handleInteraction } from '../interactions/handler';
import { fromDiscordJs } from './discordjs-context';
import { NO_MENTIONS } from './message-body';

/** The gateway transport: a discord.js Client whose interactions go through the shared handler. */
export function createGatewayClient(deps: HandlerDeps): Client {
  // The default for anything sent through this client; the context passes it on each reply as well.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: NO_MENTIONS });
  client.once(Events.ClientReady, (ready) => deps.logger.info({ user: ready.user.tag }, 'gateway connected'));
  client.on(Events.InteractionCreate, (interaction) => {
    const ctx = fromDiscordJs(interaction);
    if (!ctx) return;
    handleInteraction(ctx, deps).catch((error: unknown) =>
      deps.logger.error({ err: error, interactionId: interaction.id }, 'interaction handler crashed'),
    );
  });
  client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'gateway client error'));
  return client;
}
