import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiConfig } from '../../env';
import type { Viewer } from '../../auth/viewer';
import { toGraphQLError } from '../../graphql/errors';
import { DomainError } from '../../errors/domain-errors';
import { ACTING_HEADER, actingMemberSource } from '../../modules/team-loop/acting-member';
import { createLoaders } from '../../graphql/loaders';
import { createDocumentScreen } from '../../graphql/limits';
import type { GraphQLContext } from '../../graphql/resolver-context';
import type { Services } from '../../service-container';
import type { Guards } from '../guards';
import { ClientError, sendGraphQLError, sendJson } from '../respond';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling /graphql, set before the body is read. */
    viewer: Viewer | null;
  }
}

export interface GraphQLRouteDeps {
  config: ApiConfig;
  apollo: ApolloServer<GraphQLContext>;
  services: Services;
  guards: Guards;
  /** Cheap gate: start-up done and not shutting down (no database round trip per request). */
  accepting: () => boolean;
}

/**
 * GraphQL over HTTP: a client that accepts only application/json (not application/graphql-response+json) SHOULD
 * get 200 for documents that fail to parse or validate and for variables that fail coercion. Apollo answers 400;
 * this restores 200 for exactly those errors (the operation never ran either way).
 */
const STATUS_200_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

function legacyJsonClient(request: FastifyRequest, responseType: string | undefined): boolean {
  const accept = request.headers.accept ?? '';
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

/** GraphQL bodies: JSON parsed here (not by Fastify's parser, so the error says what Moim says); anything else as text for Apollo to refuse. */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/graphql-response+json'], { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(new ClientError(400, 'Request body is not valid JSON'));
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    if ((text as string).length > 0 && request.headers['content-type'] === undefined) {
      done(new ClientError(415, 'Missing Content-Type; send application/json'));
    } else {
      done(null, text);
    }
  });
}

/**
 * The acting member of a BOT request (x-moim-acting-discord-id). A malformed header refuses the whole request with
 * HTTP 400 before anything runs (Apollo answers a context error with its extensions' status).
 */
function actingActor(services: Services, request: FastifyRequest) {
  try {
    return actingMemberSource(services.deps.db.prisma, request.viewer!, request.headers[ACTING_HEADER]);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const refused = toGraphQLError(error);
    refused.extensions.http = { status: 400 };
    throw refused;
  }
}

export async function graphqlRoutes(app: FastifyInstance, deps: GraphQLRouteDeps): Promise<void> {
  const { guards } = deps;
  const screen = createDocumentScreen(deps.config);
  registerBodyParsers(app);
  app.decorateRequest('viewer', null);

  /** Before the body is read: the IDE redirect, the start-up gate, authentication and the rate limits. */
  const admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.method === 'GET' && !request.url.includes('?') && (request.headers.accept ?? '').includes('text/html')) {
      return reply.redirect('/graphiql/', 302);
    }
    if (!deps.accepting()) {
      return sendGraphQLError(reply, 503, 'The API is starting or its database is unavailable', 'SERVICE_UNAVAILABLE', { 'retry-after': '5' });
    }
    const viewer = await guards.authenticate(request, reply);
    if (!viewer) return reply;
    if (await guards.limited(request, reply, viewer)) return reply;
    request.viewer = viewer;
  };

  /** A document over a shape limit, answered like Apollo answers validation errors, before Apollo validates it. */
  const screened = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const query = request.method === 'POST'
      ? (request.body as { query?: unknown } | null | undefined)?.query
      : (request.query as Record<string, unknown>).query;
    if (typeof query !== 'string') return;
    const refused = screen(query);
    if (!refused) return;
    const errors = refused.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    request.log.info({ errors: errors.slice(0, 5), count: errors.length }, 'client error');
    const graphqlResponse = (request.headers.accept ?? '').includes('application/graphql-response+json');
    return sendJson(reply, graphqlResponse ? 400 : 200, { errors }, graphqlResponse ? { 'content-type': 'application/graphql-response+json; charset=utf-8' } : {});
  };

  const legacyStatus = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (reply.statusCode === 400 && typeof payload === 'string' && legacyJsonClient(request, reply.getHeader('content-type') as string | undefined) && isRequestError(payload)) {
      reply.code(200);
    }
    return payload;
  };

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/graphql',
    onRequest: admit,
    preHandler: screened,
    onSend: legacyStatus,
    handler: fastifyApolloHandler<GraphQLContext>(deps.apollo, {
      context: async (request) => ({
        viewer: request.viewer!,
        actor: actingActor(deps.services, request),
        services: deps.services,
        loaders: createLoaders(deps.services.deps.db.prisma),
        log: request.log as unknown as GraphQLContext['log'],
        requestId: request.id,
      }),
    }),
  });
}
