import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, ping, type Database } from '@moim/db';
import { loadEmbedder, type Embedder } from '@moim/embedder';
import type { ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { loadDemoData } from './demo/load-demo';
import type { ApiConfig } from './env';
import { createApollo } from './graphql/apollo';
import type { GraphQLContext } from './graphql/resolver-context';
import { createMetrics, type Metrics } from './http/metrics';
import { createHttpServer } from './http/server';
import { createLogger } from './logger';
import { backfillVectors, EmbeddingService, markActive, registerServingModel } from './modules/embedding/service';
import { openJobQueue } from './jobs/open-queue';
import { createServices, type Services } from './service-container';
import { Semaphore } from './common/semaphore';

export interface AppOptions {
  config: ApiConfig;
  /** An open database (tests); otherwise opened from config (and closed with the app). */
  db?: Database;
  /** A loaded embedder (tests); otherwise loaded from config.modelDir (and closed with the app). */
  embedder?: Embedder;
  log?: Logger;
  /** How the re-embed job loads another model (default: loadEmbedder). */
  loadEmbedder?: (modelDir: string | undefined) => Promise<Embedder>;
  /** Serve /admin and /graphiql from the console's build in config.adminDist (default true). */
  serveAdmin?: boolean;
}

export interface App {
  config: ApiConfig;
  log: Logger;
  db: Database;
  services: Services;
  apollo: ApolloServer<GraphQLContext>;
  metrics: Metrics;
  server: Server;
  /** Resolves when start-up work (vector backfill, demo data) is done and the API is ready. */
  ready: Promise<void>;
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful: stops accepting, finishes in-flight requests, imports and job slices, then releases resources. */
  close(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 15_000;

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const log = options.log ?? createLogger(config);
  const ownDb = !options.db;
  const db =
    options.db ??
    (await openDatabase({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize } : { dataDir: config.dataDir }),
      log: (m: string) => log.info(m),
    } as Parameters<typeof openDatabase>[0]));
  const ownEmbedder = !options.embedder;
  const embedder =
    options.embedder ??
    (await loadEmbedder({
      ...(config.modelDir ? { modelDir: config.modelDir } : {}),
      ...(config.embedThreads ? { threads: config.embedThreads } : {}),
    }));
  // Given databases (tests) keep their own pool size: 5 unless told otherwise.
  const vectorSearches = new Semaphore(db.kind === 'pglite' ? 1 : Math.max(1, (ownDb ? config.dbPoolSize : 5) - 4));
  const metrics = createMetrics({ pool: () => db.poolStats(), searchesQueued: () => vectorSearches.queued });
  const serving = await registerServingModel(db, embedder);
  const embedding = new EmbeddingService(serving, (size, seconds) => {
    metrics.embedBatchSize.observe(size);
    metrics.embedDuration.observe(seconds);
  });
  const deps = { db, embedding, log, vectorSearches };
  const settings = { scoreWeight: config.scoreWeight, modelDir: config.modelDir, embedThreads: config.embedThreads, adminKey: config.adminKey, openingIndex: config.openingIndex };
  const services = createServices(deps, settings, {
    queue: await openJobQueue(db, log),
    ...(options.loadEmbedder ? { loadEmbedder: options.loadEmbedder } : {}),
    onImportProgress: () => {},
    uploadLimits: { maxRows: config.importMaxRows },
  });
  await services.imports.work();
  await services.reembed.work();
  const apollo = createApollo(config, log, metrics);
  await apollo.start();

  let started = false;
  let closing = false;
  const readiness = async () => {
    const checks: Record<string, string> = {};
    try {
      await Promise.race([ping(db), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
      checks.database = 'ok';
    } catch (error) {
      checks.database = `unreachable: ${(error as Error).message.split('\n')[0]}`;
    }
    checks.model = `${embedding.serving.modelId} (dimension ${embedding.serving.dimension})`;
    checks.startup = started ? 'done' : 'in progress';
    if (closing) checks.shutdown = 'in progress';
    return { ready: checks.database === 'ok' && started && !closing, checks };
  };

  const http = await createHttpServer({
    config,
    log,
    apollo,
    services,
    metrics,
    readiness,
    accepting: () => started && !closing,
    ...(options.serveAdmin === false ? {} : { adminDist: config.adminDist }),
  });
  const server = http.server;

  const ready = (async () => {
    let lastLog = 0;
    const { members, openings } = await backfillVectors(db, serving, ({ total, processed }) => {
      if (total > 0 && (processed === total || Date.now() - lastLog > 2000)) {
        lastLog = Date.now();
        log.info({ processed, total, modelId: serving.modelId }, 'embedding stored members and openings');
      }
    });
    if (members + openings > 0) log.info({ members, openings }, 'vectors backfilled for the serving model');
    await markActive(db, serving.modelKey);
    if (config.demoData) await loadDemoData(services, log);
    started = true;
    services.openingIndex.poke();
  })();
  ready.catch((error: unknown) => log.error({ err: error }, 'start-up failed'));

  const app: App = {
    config,
    log,
    db,
    services,
    apollo,
    metrics,
    server,
    ready,
    listen: (port = config.port, host = config.host) =>
      http.listen({ port, host }).then(() => {
        const address = server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        return `http://${shownHost}:${address.port}`;
      }),
    close: async () => {
      closing = true;
      const closed = http.close(); // idle connections close now, in-flight requests finish
      const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
      force.unref();
      await closed.catch(() => {});
      clearTimeout(force);
      await ready.catch(() => {});
      await services.imports.drain();
      await services.queue.stop(); // the running slices end; what is left resumes on another replica (or here on restart)
      await services.openingIndex.drain();
      await apollo.stop();
      if (ownEmbedder) await embedding.serving.embedder.close();
      if (ownDb) await db.close();
    },
  };
  return app;
}
