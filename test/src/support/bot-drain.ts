// One bot process of the end-to-end test: the bot's own outbox drain (createOutboxDrain, as `pnpm start` runs it)
// against the API in MOIM_API_URL, with Discord's REST API at E2E_DISCORD_API (the test's stand-in). Logs JSON lines;
// SIGTERM stops it gracefully, SIGKILL is the crash the test is about.
import { createGraphqlApi } from '../../../apps/bot/src/api/moim-graphql-api';
import type { Vocabulary } from '../../../apps/bot/src/api/types';
import { createLogger } from '../../../apps/bot/src/logger';
import { createOutboxDrain } from '../../../apps/bot/src/notifications/create-drain';

const env = process.env;
const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }).child({ bot: env.E2E_BOT_NAME });
const api = createGraphqlApi({ url: env.MOIM_API_URL!, apiKey: env.MOIM_BOT_KEY! });
let vocabulary: Promise<Vocabulary> | null = null;
const drain = createOutboxDrain({
  api,
  token: env.E2E_DISCORD_TOKEN!,
  discordApiUrl: env.E2E_DISCORD_API!,
  teamChannelId: env.BOT_TEAM_CHANNEL_ID ?? null,
  vocabulary: () => (vocabulary ??= api.vocabulary()),
  logger,
  batchSize: Number(env.E2E_BATCH_SIZE ?? 2),
  leaseSeconds: Number(env.E2E_LEASE_SECONDS ?? 5),
  idleMs: 100,
});
drain.start();
logger.info('drain started');
process.once('SIGTERM', () => {
  drain.stop().then(() => {
    logger.info('drain stopped');
    process.exit(0);
  });
});
