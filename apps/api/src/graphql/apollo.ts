import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { MatchingInputError } from '@moim/matching';
import type { Logger } from 'pino';
import type { ApiConfig } from '../env';
import type { Metrics } from '../http/metrics';
import type { GraphQLContext } from './resolver-context';
import { clientFormOf } from '../errors/client-errors';
import { isDatabaseBusy, isDatabaseDown } from '../errors/database-errors';
import { DomainError, fromMatchingError } from '../errors/domain-errors';
import { CLIENT_ERROR_CODES, PUBLIC_ERROR_CODES, withoutSuggestions } from './errors';
import { operationLimits } from './limits';
import { operationGuardPlugin } from './operation-guard';
import { loadTypeDefs, resolvers } from './schema';
import { argumentGuardPlugin } from './argument-guard';

/**
 * Client-visible form of an error, the one place where errors become what GraphQL clients read: domain errors
 * (and matching-input errors) get their client form (src/errors/client-errors.ts), public codes pass (without stack
 * traces in production), a down database SERVICE_UNAVAILABLE, anything else is masked (and logged by
 * the logging plugin with the request id). Production: no "Did you mean …?" in any message (validation,
 * variable coercion, execution alike).
 */
export function formatError(production: boolean) {
  const format = clientForm(production);
  if (!production) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shown = format(formatted, error);
    return { ...shown, message: withoutSuggestions(shown.message) };
  };
}

function clientForm(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const domain = original instanceof MatchingInputError ? fromMatchingError(original) : original instanceof DomainError ? original : undefined;
    if (domain) {
      const { message, extensions } = clientFormOf(domain);
      const stacktrace = production ? undefined : formatted.extensions?.stacktrace;
      return {
        message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...extensions, ...(stacktrace ? { stacktrace } : {}) },
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

/** Errors the client caused (bad documents, bad input, missing keys, limits) are logged at info, not error. */
function isClientError(err: GraphQLError): boolean {
  const code = err.extensions?.code;
  const original = unwrapResolverError(err);
  if (original instanceof MatchingInputError || original instanceof DomainError) return true;
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code) && !isDatabaseDown(original);
}

function observabilityPlugin(metrics: Metrics | undefined): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart(rc) {
      const started = performance.now();
      return {
        async didEncounterErrors(ctx) {
          const refused: { code: unknown; message: string }[] = [];
          for (const err of ctx.errors) {
            const code = err.extensions?.code;
            const original = unwrapResolverError(err);
            if (isClientError(err)) {
              refused.push({ code: original instanceof MatchingInputError ? 'BAD_USER_INPUT' : original instanceof DomainError ? original.code : code, message: err.message.slice(0, 200) });
              continue;
            }
            if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code) && !isDatabaseDown(original)) continue;
            if (isDatabaseBusy(original)) {
              ctx.contextValue.log.warn({ path: err.path, code: (original as { code?: string }).code }, 'database busy');
              continue;
            }
            ctx.contextValue.log.error({ err: original, path: err.path, operation: operationForLog(ctx.operationName) }, 'unexpected GraphQL error');
          }
          if (refused.length > 0) {
            const operation = operationForLog(ctx.operationName ?? rc.request.operationName);
            ctx.contextValue.log.info({ operation, errors: refused.slice(0, 5), count: refused.length }, 'client error');
          }
        },
        async willSendResponse(ctx) {
          const body = ctx.response.body;
          const hasErrors = body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0;
          metrics?.graphqlDuration.observe(
            {
              operation: metrics.operationLabels.of(ctx.operationName ?? rc.request.operationName),
              type: ctx.operation?.operation ?? 'unknown',
              outcome: hasErrors ? 'error' : 'ok',
            },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

/** Client-chosen names are cut short in logs. */
function operationForLog(name: string | null | undefined): string | undefined {
  return name ? name.slice(0, 64) : undefined;
}

export function createApollo(config: ApiConfig, log: Logger, metrics?: Metrics): ApolloServer<GraphQLContext> {
  const production = config.nodeEnv === 'production';
  const limits = operationLimits(config);
  return new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as never,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError: formatError(production),
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
    // No cache hints are used: the default cache-control plugin only cost a hook per resolved field.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ...limits.plugins, operationGuardPlugin(config.maxQueryCost), argumentGuardPlugin(), observabilityPlugin(metrics)],
  });
}
