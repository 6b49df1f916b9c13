import { REST } from '@discordjs/rest';
import { createGraphqlApi } from './api/moim-graphql-api';
import { createHandlerDeps } from './interactions/deps';
import { loadEnv } from './env';
import { createLogger } from './logger';
import { createOutboxDrain } from './notifications/create-drain';
import { createGatewayClient } from './transports/gateway';
import { createInteractionsServer, listen } from './transports/http-server';

const HOW_TO_ENABLE = `The Discord bot is not enabled: no Discord credentials are configured.
To enable it (see apps/bot/README.md):
  - gateway:  set DISCORD_TOKEN (and DISCORD_APPLICATION_ID), then run the bot;
  - HTTP:     set DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID, expose POST /interactions on BOT_HTTP_PORT,
              and put that URL in the Developer Portal as the Interactions Endpoint URL;
  - register the slash commands once with: pnpm --filter @moim/bot deploy-commands
The API does not need the bot; nothing else is affected.`;

const env = loadEnv();
const logger = createLogger(env);
const api = createGraphqlApi({ url: env.MOIM_API_URL, apiKey: env.MOIM_BOT_KEY });
const deps = createHandlerDeps({
  api,
  logger,
  cooldownMs: env.BOT_COOLDOWN_MS,
  cooldownMaxUses: env.BOT_COOLDOWN_MAX_USES,
  notifyDefaultThreshold: env.BOT_NOTIFY_DEFAULT_THRESHOLD,
});

const useHttp = Boolean(env.DISCORD_PUBLIC_KEY && env.DISCORD_APPLICATION_ID);
const useGateway = Boolean(env.DISCORD_TOKEN);

if (!useHttp && !useGateway) {
  console.log(HOW_TO_ENABLE);
  process.exit(0);
}
if (!env.MOIM_BOT_KEY) logger.warn('MOIM_BOT_KEY is not set: the API refuses member reads, member writes and applications without a key');

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
const stops: (() => Promise<void> | void)[] = [];

if (useHttp) {
  const rest = new REST({ version: '10' });
  if (env.DISCORD_TOKEN) rest.setToken(env.DISCORD_TOKEN);
  const server = createInteractionsServer({ publicKeyHex: env.DISCORD_PUBLIC_KEY!, applicationId: env.DISCORD_APPLICATION_ID!, rest, deps });
  const address = await listen(server, env.BOT_HTTP_PORT, env.BOT_HTTP_HOST);
  logger.info({ port: address.port, host: address.address }, 'HTTP interactions endpoint listening on POST /interactions');
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

if (useGateway) {
  const client = createGatewayClient(deps);
  await client.login(env.DISCORD_TOKEN);
  stops.push(() => client.destroy());
}

if (env.DISCORD_TOKEN) {
  const teamChannelId = env.BOT_TEAM_CHANNEL_ID ?? null;
  const drain = createOutboxDrain({ api, token: env.DISCORD_TOKEN, teamChannelId, vocabulary: () => deps.vocabulary.get(), logger });
  drain.start();
  stops.push(() => drain.stop());
  logger.info({ teamChannelId }, 'draining the notifications outbox');
} else {
  logger.info('notifications need DISCORD_TOKEN to send DMs and make team threads; the outbox is not drained');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    Promise.allSettled(stops.map((stop) => stop())).finally(() => process.exit(0));
  });
}
