import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { MatchingInputError } from '@moim/matching';
import type { Logger } from 'pino';
import type { ApiConfig } from '../env';
import type { Metrics } from '../http/metrics';
import type { GraphQLContext } from './context';
import { PUBLIC_ERROR_CODES, safeValue } from './errors';
import { costLimitPlugin, depthLimitRule } from './limits';
import { loadTypeDefs, resolvers } from './schema';

const DB_DOWN_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P03']);

/** Database unreachable: clients get SERVICE_UNAVAILABLE (retry later), not a generic 500. */
export function isDatabaseDown(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DB_DOWN_CODES.has(code)) return true;
    // Prisma's driver adapters carry PostgreSQL's own SQLSTATE (e.g. 57P03 while it starts or shuts down) here.
    const pg = (e as { meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } } }).meta?.driverAdapterError?.cause;
    if (pg && [pg.code, pg.originalCode].some((c) => typeof c === 'string' && DB_DOWN_CODES.has(c))) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|terminating connection|Can't reach database|the database system is (starting up|shutting down)|encountered a connection error and is not queryable/i.test(message)
    )
      return true;
  }
  return false;
}

/** Pool or transaction-start timeouts under load: retryable, not a bug. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'P2028' || code === 'P2024';
}

/**
 * Client-visible form of an error: public codes pass (without stack traces in production), matching-input
 * errors become BAD_USER_INPUT, a down database SERVICE_UNAVAILABLE, anything else is masked (and logged by
 * the logging plugin with the request id).
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof MatchingInputError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'BAD_USER_INPUT', field: original.field, value: safeValue(original.value) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code) && !isDatabaseDown(original)) {
      if (!production || !formatted.extensions?.stacktrace) return formatted;
      const { stacktrace: _dropped, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    if (isDatabaseBusy(original)) {
      return { message: 'The database is busy; try again shortly', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (isDatabaseDown(original)) {
      return { message: 'The database is unavailable; try again shortly', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

function observabilityPlugin(metrics: Metrics | undefined): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart(rc) {
      const started = performance.now();
      return {
        async didEncounterErrors(ctx) {
          for (const err of ctx.errors) {
            const code = err.extensions?.code;
            const original = unwrapResolverError(err);
            if (original instanceof MatchingInputError) continue;
            if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code) && !isDatabaseDown(original)) continue;
            if (isDatabaseBusy(original)) {
              ctx.contextValue.log.warn({ path: err.path, code: (original as { code?: string }).code }, 'database busy');
              continue;
            }
            ctx.contextValue.log.error({ err: original, path: err.path, operation: ctx.operationName }, 'unexpected GraphQL error');
          }
        },
        async willSendResponse(ctx) {
          const body = ctx.response.body;
          const hasErrors = body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0;
          metrics?.graphqlDuration.observe(
            { operation: ctx.operationName ?? rc.request.operationName ?? 'anonymous', type: ctx.operation?.operation ?? 'unknown', outcome: hasErrors ? 'error' : 'ok' },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

export function createApollo(config: ApiConfig, log: Logger, metrics?: Metrics): ApolloServer<GraphQLContext> {
  const production = config.nodeEnv === 'production';
  return new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as never,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    validationRules: [depthLimitRule(config.maxQueryDepth)],
    formatError: formatError(production),
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
    plugins: [ApolloServerPluginLandingPageDisabled(), costLimitPlugin(config.maxQueryCost), observabilityPlugin(metrics)],
  });
}
