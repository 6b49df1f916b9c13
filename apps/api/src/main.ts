import { createApp } from './app';
import { EnvError, loadConfig } from './env';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config);
  log.info(
    { database: config.databaseUrl ? 'postgres (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`, modelDir: config.modelDir ?? 'default' },
    'starting',
  );
  const app = await createApp({ config, log });
  const url = await app.listen();
  log.info({ url: `${url}/graphql` }, `listening on ${url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests and imports');
    app.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await app.ready;
  const keyHint = config.adminKey ? 'use MOIM_ADMIN_KEY as the admin key' : 'create an admin key: pnpm --filter @moim/api keys:create --role ADMIN --name me';
  log.info(
    {
      graphql: `${url}/graphql`,
      graphiql: `${url}/graphiql`,
      admin: `${url}/admin`,
      exampleQueries: [
        '{ vocabulary { regions stacks } embedder { modelId dimension } }',
        '{ recommendOpenings(profile: { region: "서울", experienceYears: 2, stacks: ["Java", "spring boot"] }, first: 5) { score reasons { message } opening { title region stacks } } }',
      ],
      admin_key: keyHint,
    },
    `ready: open ${url}/graphiql`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
