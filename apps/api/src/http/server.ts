import { randomUUID } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import type { ApolloServer } from '@apollo/server';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ApiConfig } from '../env';
import type { GraphQLContext } from '../graphql/resolver-context';
import { importUploadRoutes } from '../modules/imports/upload-route';
import type { Services } from '../service-container';
import { createGuards } from './guards';
import type { Metrics } from './metrics';
import { ClientError, sendGraphQLError, sendJson } from './respond';
import { graphqlRoutes } from './routes/graphql';
import { healthRoutes, type Readiness } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { staticRoutes } from './routes/static';

export interface HttpDeps {
  config: ApiConfig;
  log: Logger;
  apollo: ApolloServer<GraphQLContext>;
  services: Services;
  metrics: Metrics;
  /** Readiness for /readyz: database reachable, model loaded, start-up work done. */
  readiness: Readiness;
  /** Cheap gate for /graphql: start-up done and not shutting down (no database round trip per request). */
  accepting: () => boolean;
  /** The console's build folder (admin/ and graphiql/ inside), served at /admin/ and /graphiql/; none: not served. */
  adminDist?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ALLOWED_HEADERS = 'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight, x-apollo-operation-name';
const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/admin/openings/import']);

/** The route label of the request-duration metric: a fixed set whatever clients ask for. */
function routeLabel(request: FastifyRequest): string {
  const path = request.url.split('?')[0]!;
  if (KNOWN_ROUTES.has(path)) return path;
  if (path.startsWith('/admin') || path.startsWith('/graphiql')) return 'static';
  return 'other';
}

export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const { config, metrics } = deps;
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: 10 * 60_000, // large uploads
    http: { headersTimeout: 30_000 },
    keepAliveTimeout: 5_000, // Node's default (Fastify's is 72 s)
    forceCloseConnections: 'idle',
    return503OnClosing: false,
  });
  const guards = createGuards(deps);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ route: routeLabel(request), method: request.method, status: String(reply.statusCode) }, seconds);
    request.log.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(seconds * 1000) }, 'request');
  });

  await app.register(fastifyCors, {
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id', 'x-import-job-id', 'retry-after'],
    maxAge: 600,
    strictPreflight: false,
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return guards.refuse(request, reply, 413, `request body exceeds ${config.bodyLimitBytes} bytes`, 'BAD_REQUEST', { connection: 'close' });
    }
    if (error instanceof ClientError) return guards.refuse(request, reply, error.statusCode, error.message, error.code);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return guards.refuse(request, reply, error.statusCode, error.message, 'BAD_REQUEST');
    }
    if (request.raw.destroyed && error.code === 'ECONNRESET') {
      request.log.info({ method: request.method, url: request.url }, 'client closed the connection mid-request');
      return reply;
    }
    request.log.error({ err: error, method: request.method, url: request.url }, 'request failed');
    return sendGraphQLError(reply, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]!;
    return sendJson(reply, 404, { error: `no route for ${request.method} ${path}` });
  });

  app.get('/', { exposeHeadRoute: false }, async (_request, reply) =>
    sendJson(reply, 200, { service: 'moim-api', graphql: '/graphql', ide: '/graphiql', admin: '/admin', health: ['/healthz', '/readyz'], metrics: '/metrics' }));
  await app.register(healthRoutes, { guards, readiness: deps.readiness });
  await app.register(metricsRoutes, { guards, metrics });
  await app.register(graphqlRoutes, { config, apollo: deps.apollo, services: deps.services, guards, accepting: deps.accepting });
  await app.register(importUploadRoutes, { services: deps.services, guards });
  if (deps.adminDist) await app.register(staticRoutes, { dist: deps.adminDist });
  await app.ready();
  return app;
}
