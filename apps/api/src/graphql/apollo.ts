import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { MatchingInputError } from '@moim/matching';
import type { Logger } from 'pino';
import type { ApiConfig } from '../env';
import type { Metrics } from '../http/metrics';
import type { GraphQLContext } from './context';
import { isDatabaseBusy, isDatabaseDown } from '../database-errors';
import { PUBLIC_ERROR_CODES, safeValue } from './errors';
import { costLimitPlugin, depthLimitRule } from './limits';
import { loadTypeDefs, resolvers } from './schema';
import { argumentGuardPlugin } from '../services/argument-guard';

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
    plugins: [ApolloServerPluginLandingPageDisabled(), costLimitPlugin(config.maxQueryCost), argumentGuardPlugin(), observabilityPlugin(metrics)],
  });
}
