import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { hashApiKey, InvalidApiKeyError, keyFromHeaders, sameHash } from '../auth/api-keys';
import type { ApiConfig } from '../env';
import { ANONYMOUS, type GraphQLContext, type Viewer } from '../graphql/context';
import { createLoaders } from '../graphql/loaders';
import { createDocumentScreen } from '../graphql/limits';
import type { Services } from '../services/services';
import { BodyTooLargeError, readBody } from './body';
import { applyCors } from './cors';
import { handleImportUpload } from './import-upload';
import { sendGraphQLError, sendJson } from './respond';
import type { Metrics } from './metrics';
import { RateLimiter } from './rate-limit';

export interface HttpDeps {
  config: ApiConfig;
  log: Logger;
  apollo: ApolloServer<GraphQLContext>;
  services: Services;
  metrics: Metrics;
  /** Readiness for /readyz: database reachable, model loaded, start-up work done. */
  readiness: () => Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** Cheap gate for /graphql: start-up done and not shutting down (no database round trip per request). */
  accepting: () => boolean;
  /** Serves /admin and /graphiql (returns false when it does not handle the request). */
  staticHandler?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * GraphQL over HTTP: a client that accepts only application/json (not application/graphql-response+json) SHOULD
 * get 200 for documents that fail to parse or validate and for variables that fail coercion. Apollo answers 400;
 * this restores 200 for exactly those errors (the operation never ran either way).
 */
const STATUS_200_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

function legacyJsonClient(headers: HeaderMap, responseType: string | undefined): boolean {
  const accept = headers.get('accept') ?? '';
  return (responseType ?? '').startsWith('application/json') && !accept.includes('application/graphql-response+json');
}

function isRequestError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    return parsed.data === undefined && Array.isArray(parsed.errors) && parsed.errors.length > 0 &&
      parsed.errors.every((e) => typeof e.extensions?.code === 'string' && STATUS_200_CODES.has(e.extensions.code));
  } catch {
    return false;
  }
}

/** True when the request carries a credential (an API key, or a bearer token for /metrics). */
function sendsCredential(req: IncomingMessage): boolean {
  return Boolean(req.headers.authorization) || Boolean(req.headers['x-api-key']);
}

export function createHttpServer(deps: HttpDeps): Server {
  const { config, log, metrics } = deps;
  const production = config.nodeEnv === 'production';
  const keyLimiter = new RateLimiter(config.rateLimitPerMinuteKey);
  const ipLimiter = new RateLimiter(config.rateLimitPerMinuteIp);
  // Charged only when authentication fails: guessing keys (or the metrics token) gets 429 after a few tries.
  const authFailures = new RateLimiter(config.rateLimitAuthFailuresPerMinuteIp);
  const readyzLimiter = new RateLimiter(config.rateLimitReadyzPerMinuteIp);
  const metricsTokenHash = config.metricsToken ? hashApiKey(config.metricsToken) : undefined;
  const screen = createDocumentScreen(config);

  /** A document over a shape limit, answered like Apollo answers validation errors, before Apollo validates it. */
  const screened = (res: ServerResponse, reqLog: Logger, headers: HeaderMap, query: string): boolean => {
    const refused = screen(query);
    if (!refused) return false;
    const errors = refused.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    reqLog.info({ errors: errors.slice(0, 5), count: errors.length }, 'client error');
    const graphqlResponse = (headers.get('accept') ?? '').includes('application/graphql-response+json');
    sendJson(res, graphqlResponse ? 400 : 200, { errors }, graphqlResponse ? { 'content-type': 'application/graphql-response+json; charset=utf-8' } : {});
    return true;
  };

  /** Client-caused refusals are logged at info (never error): they say nothing about the server's health. */
  const refuse = (res: ServerResponse, reqLog: Logger, status: number, message: string, code: string, headers: Record<string, string> = {}): void => {
    reqLog.info({ status, code }, `refused: ${message}`);
    sendGraphQLError(res, status, message, code, headers);
  };

  const tooManyFailures = (res: ServerResponse, reqLog: Logger, verdict: number): void => {
    metrics.rateLimited.inc({ by: 'auth-failures' });
    refuse(res, reqLog, 429, `Too many failed authentications from this address; retry in ${verdict} s`, 'RATE_LIMITED', { 'retry-after': String(verdict) });
  };

  /**
   * An attempt to authenticate with a credential not known to be good takes a token from this IP's
   * failed-authentication bucket before it is checked (so concurrent guesses count too) and gets it back when the
   * credential turns out good. An empty bucket answers 429 without checking anything.
   */
  const attempt = async <T>(req: IncomingMessage, res: ServerResponse, reqLog: Logger, check: () => Promise<T>): Promise<T | undefined> => {
    const ip = `ip:${clientIp(req)}`;
    const verdict = authFailures.take(ip);
    if (verdict !== true) {
      tooManyFailures(res, reqLog, verdict);
      return undefined;
    }
    try {
      const result = await check();
      authFailures.refund(ip);
      return result;
    } catch (error) {
      if (error instanceof InvalidApiKeyError) {
        refuse(res, reqLog, 401, `Invalid API key: ${error.message}`, 'UNAUTHENTICATED');
        return undefined;
      }
      authFailures.refund(ip);
      throw error;
    }
  };

  /** The caller's viewer, or undefined when the request was refused (401 for a bad key, 429 when guessing). */
  const authenticate = async (req: IncomingMessage, res: ServerResponse, headers: HeaderMap, reqLog: Logger): Promise<Viewer | undefined> => {
    let key: string | undefined;
    try {
      key = keyFromHeaders(headers);
    } catch (error) {
      if (!(error instanceof InvalidApiKeyError)) throw error;
      return attempt(req, res, reqLog, () => Promise.reject(error));
    }
    if (key === undefined) return ANONYMOUS;
    const verifier = deps.services.apiKeys.verifier;
    const presented = key;
    if (verifier.knows(presented)) return verifier.verify(presented);
    return attempt(req, res, reqLog, () => verifier.verify(presented));
  };

  /** GET /metrics: a bearer METRICS_TOKEN when one is set; without one, open outside production and off in it. */
  const metricsAllowed = (req: IncomingMessage, res: ServerResponse, reqLog: Logger): boolean => {
    if (!metricsTokenHash) {
      if (!production) return true;
      refuse(res, reqLog, 403, 'GET /metrics is off in production until METRICS_TOKEN is set', 'FORBIDDEN');
      return false;
    }
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!presented) {
      refuse(res, reqLog, 401, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>', 'UNAUTHENTICATED');
      return false;
    }
    const ip = `ip:${clientIp(req)}`;
    const verdict = authFailures.peek(ip);
    if (verdict !== true) {
      tooManyFailures(res, reqLog, verdict);
      return false;
    }
    if (sameHash(hashApiKey(presented), metricsTokenHash)) return true;
    authFailures.take(ip);
    refuse(res, reqLog, 401, 'Invalid metrics token', 'UNAUTHENTICATED');
    return false;
  };

  let readinessInFlight: ReturnType<HttpDeps['readiness']> | undefined;
  /** Concurrent probes share one database ping. */
  const readiness = (): ReturnType<HttpDeps['readiness']> =>
    (readinessInFlight ??= deps.readiness().finally(() => {
      readinessInFlight = undefined;
    }));

  const route = (req: IncomingMessage): string => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics' || path === '/admin/openings/import') return path;
    if (path.startsWith('/admin') || path.startsWith('/graphiql')) return 'static';
    return 'other';
  };

  /** Rate limit by key when one is sent (hashed in the verifier; here the raw header is only a map key), else by IP. */
  const limited = (req: IncomingMessage, res: ServerResponse, viewer: Viewer, reqLog: Logger): boolean => {
    const byKey = viewer.keyId !== null;
    const verdict = byKey ? keyLimiter.take(`key:${viewer.keyId}`) : ipLimiter.take(`ip:${clientIp(req)}`);
    if (verdict === true) return false;
    metrics.rateLimited.inc({ by: byKey ? 'key' : 'ip' });
    refuse(res, reqLog, 429, `Rate limit exceeded; retry in ${verdict} s`, 'RATE_LIMITED', { 'retry-after': String(verdict) });
    return true;
  };

  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse, requestId: string, reqLog: Logger): Promise<void> => {
    const headers = headerMap(req);
    const viewer = await authenticate(req, res, headers, reqLog);
    if (!viewer) return;
    if (limited(req, res, viewer, reqLog)) return;
    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, config.bodyLimitBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return refuse(res, reqLog, 413, error.message, 'BAD_REQUEST', { connection: 'close' });
        throw error;
      }
      const type = (headers.get('content-type') ?? '').toLowerCase();
      if (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) {
        try {
          body = JSON.parse(text);
        } catch {
          return refuse(res, reqLog, 400, 'Request body is not valid JSON', 'BAD_REQUEST');
        }
      } else if (text.length > 0 && type === '') {
        return refuse(res, reqLog, 415, 'Missing Content-Type; send application/json', 'BAD_REQUEST');
      } else {
        body = text;
      }
    }
    const search = new URL(req.url ?? '/', 'http://x').search;
    const query = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : new URLSearchParams(search).get('query');
    if (typeof query === 'string' && screened(res, reqLog, headers, query)) return;
    const response = await deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search, body },
      context: async () => ({
        viewer,
        services: deps.services,
        loaders: createLoaders(deps.services.deps.db.prisma),
        log: reqLog,
        requestId,
      }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (res.statusCode === 400 && legacyJsonClient(headers, response.headers.get('content-type')) && isRequestError(response.body.string)) {
        res.statusCode = 200;
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, requestId: string, reqLog: Logger): Promise<void> => {
    if (applyCors(req, res, config.corsOrigins)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const verdict = readyzLimiter.take(`ip:${clientIp(req)}`);
      if (verdict !== true) {
        metrics.rateLimited.inc({ by: 'readyz' });
        return refuse(res, reqLog, 429, `Too many readiness probes; retry in ${verdict} s`, 'RATE_LIMITED', { 'retry-after': String(verdict) });
      }
      const { ready, checks } = await readiness();
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
    }
    if (path === '/metrics' && req.method === 'GET') {
      if (!metricsAllowed(req, res, reqLog)) return;
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
      return;
    }
    if (path === '/graphql' && req.method === 'GET' && !(req.url ?? '').includes('?') && (req.headers.accept ?? '').includes('text/html')) {
      res.writeHead(302, { location: '/graphiql/' }).end();
      return;
    }
    if (path === '/graphql') {
      if (!deps.accepting()) return sendGraphQLError(res, 503, 'The API is starting or its database is unavailable', 'SERVICE_UNAVAILABLE', { 'retry-after': '5' });
      return handleGraphQL(req, res, requestId, reqLog);
    }
    if (path === '/admin/openings/import') {
      if (req.method !== 'POST') return refuse(res, reqLog, 405, 'Use POST with a CSV or JSON Lines body', 'BAD_REQUEST', { allow: 'POST' });
      // A wrong key is charged to the failed-authentication bucket here; the upload door then finds it cached.
      if (sendsCredential(req) && !(await authenticate(req, res, headerMap(req), reqLog))) return;
      return handleImportUpload(req, res, { services: deps.services, log: reqLog, limited: (rq, rs, viewer) => limited(rq, rs, viewer, reqLog) });
    }
    if (deps.staticHandler && (await deps.staticHandler(req, res))) return;
    if (path === '/' && req.method === 'GET') {
      return sendJson(res, 200, { service: 'moim-api', graphql: '/graphql', ide: '/graphiql', admin: '/admin', health: ['/healthz', '/readyz'], metrics: '/metrics' });
    }
    sendJson(res, 404, { error: `no route for ${req.method} ${path}` });
  };

  return createServer((req, res) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const reqLog = log.child({ requestId });
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.httpDuration.observe({ route: route(req), method: req.method ?? '', status: String(res.statusCode) }, seconds);
      reqLog.debug({ method: req.method, url: req.url, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    handle(req, res, requestId, reqLog).catch((error: unknown) => {
      if (req.destroyed && (error as { code?: string }).code === 'ECONNRESET') {
        reqLog.info({ method: req.method, url: req.url }, 'client closed the connection mid-request');
        return;
      }
      reqLog.error({ err: error, method: req.method, url: req.url }, 'request failed');
      if (!res.headersSent) {
        sendGraphQLError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      } else {
        res.destroy();
      }
    });
  });
}
