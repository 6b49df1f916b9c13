import type { PoolStats } from '@moim/db';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read at scrape time. */
export interface MetricSources {
  pool: () => PoolStats | null;
  /** Vector searches waiting for the search gate (sized to the pool). */
  searchesQueued: () => number;
}

const OPERATION_NAME = /^[A-Za-z0-9_]{1,64}$/;
export const MAX_OPERATION_LABELS = 100;

/**
 * Operation names are chosen by clients, so as labels they are capped: a name is its own label only when it is
 * 1..64 characters of [A-Za-z0-9_] and one of the first MAX_OPERATION_LABELS such names seen; anything else is
 * "other" (no name: "anonymous"). /metrics stays bounded whatever clients send.
 */
export class OperationLabels {
  private readonly known = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_LABELS) {}

  of(name: string | null | undefined): string {
    if (name === null || name === undefined || name === '') return 'anonymous';
    if (this.known.has(name)) return name;
    if (!OPERATION_NAME.test(name) || name === 'anonymous' || name === 'other' || this.known.size >= this.max) return 'other';
    this.known.add(name);
    return name;
  }
}

/** Prometheus metrics served at /metrics. One registry per app instance (tests run several). */
export function createMetrics(sources: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'moim_api_' });
  return {
    registry,
    operationLabels: new OperationLabels(),
    httpDuration: new Histogram({
      name: 'moim_api_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'moim_api_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency by operation name and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    embedBatchSize: new Histogram({
      name: 'moim_api_embed_batch_size',
      help: 'Texts per embed() call from the API',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers: [registry],
    }),
    embedDuration: new Histogram({
      name: 'moim_api_embed_duration_seconds',
      help: 'Latency of embed() calls from the API',
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    importRows: new Counter({
      name: 'moim_api_import_rows_total',
      help: 'Import rows handled, by outcome (processed includes failed)',
      labelNames: ['state'],
      registers: [registry],
    }),
    importsRunning: new Gauge({
      name: 'moim_api_imports_running',
      help: 'Imports in progress',
      registers: [registry],
    }),
    dbPool: new Gauge({
      name: 'moim_api_db_pool_connections',
      help: 'PostgreSQL pool connections by state (busy, idle, max); absent on embedded PGlite',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = sources.pool();
        if (!stats) return;
        this.set({ state: 'busy' }, stats.total - stats.idle);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'max' }, stats.max);
      },
    }),
    dbPoolWaiting: new Gauge({
      name: 'moim_api_db_pool_waiting',
      help: 'Queries waiting for a free PostgreSQL connection',
      registers: [registry],
      collect() {
        this.set(sources.pool()?.waiting ?? 0);
      },
    }),
    searchesQueued: new Gauge({
      name: 'moim_api_vector_searches_queued',
      help: 'Nearest-neighbour searches waiting for the search gate',
      registers: [registry],
      collect() {
        this.set(sources.searchesQueued());
      },
    }),
    rateLimited: new Counter({
      name: 'moim_api_rate_limited_total',
      help: 'Requests refused by a rate limit: by key, ip (anonymous), auth-failures (per IP), readyz (per IP)',
      labelNames: ['by'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
