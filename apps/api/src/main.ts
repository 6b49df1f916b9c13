import { createApp } from './app';
import { EnvError, loadConfig, type ApiConfig } from './env';
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
  log.info(
    {
      admin: `${url}/admin/`,
      graphiql: `${url}/graphiql`,
      graphql: `${url}/graphql`,
      adminKey: adminKeyHint(config),
      exampleQueries: EXAMPLE_QUERIES,
    },
    `ready: open ${url}/admin/ (admin console) or ${url}/graphiql (GraphQL IDE)`,
  );
}

/** The README's two example queries; CI runs them against a fresh clone. */
const EXAMPLE_QUERIES = [
  '{ vocabulary { regions stacks } embedder { modelId dimension } }',
  '{ recommendOpenings(profile: { region: "서울", experienceYears: 2, stacks: ["Java", "spring boot"] }, first: 5) { score reasons { message } opening { title region stacks } } }',
];

function adminKeyHint(config: ApiConfig): string {
  if (config.adminKey) return 'sign in with the value of MOIM_ADMIN_KEY';
  const create = 'pnpm --filter @moim/api keys:create --role ADMIN --name me';
  // The embedded database is one process's: a second process must not open it while the API runs.
  return config.databaseUrl
    ? `create a key with: ${create}`
    : `restart with MOIM_ADMIN_KEY set (16+ characters), or stop the API and run: ${create}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
