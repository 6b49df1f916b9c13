import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The admin console's build in this repository (apps/admin/dist), where `pnpm --filter @moim/admin build` puts it. */
const REPO_ADMIN_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url));

/** The one place that reads process.env for the API. Everything else takes an ApiConfig. */
const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines in development or on a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** PostgreSQL with pgvector. Unset: embedded PGlite under MOIM_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  MOIM_DATA_DIR: z.string().min(1).default('./.data'),
  /** PostgreSQL connection pool size; vector searches use at most this minus 4 at once (the rest queue). */
  DB_POOL_SIZE: z.coerce.number().int().min(5).max(500).default(20),
  /** Sentence-transformers model dir; unset: @moim/embedder's DEFAULT_MODEL_DIR. */
  MOIM_MODEL_DIR: z.string().min(1).optional(),
  MOIM_EMBED_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Bootstrap ADMIN key accepted without a database row (create real keys with `keys:create`). */
  MOIM_ADMIN_KEY: z.string().min(16, 'MOIM_ADMIN_KEY must be at least 16 characters').optional(),
  /** The admin console's build folder (holding admin/ and graphiql/), served at /admin/ and /graphiql/. */
  MOIM_ADMIN_DIST: z.string().min(1).default(REPO_ADMIN_DIST),
  /** w in score = w * cosine + (1 - w) * referenceScore. */
  MOIM_SCORE_WEIGHT: z.coerce.number().min(0).max(1).default(0.5),
  /**
   * auto: the API gives the openings' vectors an ivfflat index once there are enough of them and rebuilds it as they
   * grow (HNSW finds about 0.6 of a profile's 10 nearest openings); manual: the index is left as it is.
   */
  MOIM_OPENING_INDEX: z.enum(['auto', 'manual']).default('auto'),
  /** Load the demo data set on first start when the database has no openings. */
  MOIM_DEMO_DATA: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  CORS_ORIGINS: csv.default([]),
  /** Requests per minute per API key / per IP for anonymous callers; 0 disables. */
  RATE_LIMIT_PER_MINUTE_KEY: z.coerce.number().int().min(0).default(3000),
  RATE_LIMIT_PER_MINUTE_IP: z.coerce.number().int().min(0).default(600),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(10),
  /** Cost of the work behind an operation (see src/graphql/cost.ts); a nearest-neighbour search costs 2,500. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).default(20_000),
  /** Per operation: aliases (any field, __typename included), root fields, directives; tokens per document. */
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(15),
  MAX_QUERY_ROOT_FIELDS: z.coerce.number().int().min(1).default(10),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).default(10),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(2000),
  /** Failed authentications (wrong, malformed or revoked key) per client IP per minute before 429; 0 disables. */
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE_IP: z.coerce.number().int().min(0).default(10),
  /** /readyz probes per client IP per minute (each pings the database); 0 disables. */
  RATE_LIMIT_READYZ_PER_MINUTE_IP: z.coerce.number().int().min(0).default(60),
  /** Bearer token for GET /metrics. Unset: /metrics is open outside production and refused (403) in production. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** Rows one upload may hold; more is a 413 (rows stored until then stay, atomic uploads store none). */
  MOIM_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(200_000),
});

export type Env = z.infer<typeof envSchema>;

export interface ApiConfig {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolSize: number;
  modelDir: string | undefined;
  embedThreads: number | undefined;
  adminKey: string | undefined;
  adminDist: string;
  scoreWeight: number;
  openingIndex: 'auto' | 'manual';
  demoData: boolean;
  corsOrigins: string[];
  rateLimitPerMinuteKey: number;
  rateLimitPerMinuteIp: number;
  bodyLimitBytes: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  maxQueryAliases: number;
  maxQueryRootFields: number;
  maxQueryDirectives: number;
  maxQueryTokens: number;
  rateLimitAuthFailuresPerMinuteIp: number;
  rateLimitReadyzPerMinuteIp: number;
  metricsToken: string | undefined;
  importMaxRows: number;
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.MOIM_DATA_DIR,
    dbPoolSize: e.DB_POOL_SIZE,
    modelDir: e.MOIM_MODEL_DIR,
    embedThreads: e.MOIM_EMBED_THREADS,
    adminKey: e.MOIM_ADMIN_KEY,
    adminDist: e.MOIM_ADMIN_DIST,
    scoreWeight: e.MOIM_SCORE_WEIGHT,
    openingIndex: e.MOIM_OPENING_INDEX,
    demoData: e.MOIM_DEMO_DATA,
    corsOrigins: e.CORS_ORIGINS,
    rateLimitPerMinuteKey: e.RATE_LIMIT_PER_MINUTE_KEY,
    rateLimitPerMinuteIp: e.RATE_LIMIT_PER_MINUTE_IP,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    maxQueryDepth: e.MAX_QUERY_DEPTH,
    maxQueryCost: e.MAX_QUERY_COST,
    maxQueryAliases: e.MAX_QUERY_ALIASES,
    maxQueryRootFields: e.MAX_QUERY_ROOT_FIELDS,
    maxQueryDirectives: e.MAX_QUERY_DIRECTIVES,
    maxQueryTokens: e.MAX_QUERY_TOKENS,
    rateLimitAuthFailuresPerMinuteIp: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE_IP,
    rateLimitReadyzPerMinuteIp: e.RATE_LIMIT_READYZ_PER_MINUTE_IP,
    metricsToken: e.METRICS_TOKEN,
    importMaxRows: e.MOIM_IMPORT_MAX_ROWS,
  };
}

/** Defaults for tests and benchmarks: everything loadConfig would give for an empty env, then overrides. */
export function testConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MOIM_DEMO_DATA: 'false' }), ...overrides };
}
