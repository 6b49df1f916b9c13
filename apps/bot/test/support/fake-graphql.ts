import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, concatAST, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GraphqlErrorEntry } from '@moim/graphql-client';

/**
 * A small GraphQL endpoint standing in for the API where the real one cannot serve yet (the team loop's operations):
 * every request is checked against the API's schema files (the contract), recorded with its headers, and answered by
 * the test's resolver for that operation name. An operation without a resolver is an error, so a test fails loudly.
 */
const MODULES = fileURLToPath(new URL('../../../api/src/modules', import.meta.url));

let schema: GraphQLSchema | null = null;
function contract(): GraphQLSchema {
  schema ??= buildASTSchema(
    concatAST(
      readdirSync(MODULES, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.graphql'))
        .sort()
        .map((file) => parse(readFileSync(`${MODULES}/${file}`, 'utf8'))),
    ),
  );
  return schema;
}

export interface Received {
  operation: string;
  variables: Record<string, unknown>;
  /** `x-moim-acting-discord-id`, or null when the request acted for no one. */
  acting: string | null;
  authorization: string | null;
}

/** Thrown by a resolver: the endpoint answers with this GraphQL error (as the API does for a refusal). */
export class FakeGraphqlError extends Error {
  constructor(
    message: string,
    readonly extensions: GraphqlErrorEntry['extensions'],
  ) {
    super(message);
  }
}

export type Resolver = (variables: Record<string, unknown>, request: Received) => unknown;

export interface FakeGraphql {
  url: string;
  received: Received[];
  /** Resolvers by operation name; tests replace them as they go. */
  resolvers: Record<string, Resolver>;
  /** Operation names received, in order. */
  operations(): string[];
  close(): Promise<void>;
}

export async function startFakeGraphql(resolvers: Record<string, Resolver> = {}): Promise<FakeGraphql> {
  const received: Received[] = [];
  const fake = { resolvers } as FakeGraphql;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const { query, variables } = JSON.parse(raw) as { query: string; variables?: Record<string, unknown> };
      const document = parse(query);
      const problems = validate(contract(), document);
      if (problems.length > 0) {
        return answer(400, { errors: problems.map((problem) => ({ message: problem.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
      }
      const definition = document.definitions.find((node): node is OperationDefinitionNode => node.kind === 'OperationDefinition');
      const request: Received = {
        operation: definition?.name?.value ?? '(anonymous)',
        variables: variables ?? {},
        acting: (req.headers['x-moim-acting-discord-id'] as string | undefined) ?? null,
        authorization: (req.headers.authorization as string | undefined) ?? null,
      };
      received.push(request);
      const resolver = fake.resolvers[request.operation];
      if (!resolver) return answer(200, { errors: [{ message: `no fake resolver for ${request.operation}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      try {
        answer(200, { data: resolver(request.variables, request) });
      } catch (error) {
        if (error instanceof FakeGraphqlError) return answer(200, { errors: [{ message: error.message, extensions: error.extensions }] });
        answer(200, { errors: [{ message: String(error), extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  fake.received = received;
  fake.operations = () => received.map((request) => request.operation);
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return fake;
}

/** Objects shaped like the API's answers, for resolvers. */
export function openingData(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    kind: 'PROJECT',
    title: `모집 ${id}`,
    region: '서울특별시',
    stacks: ['Java'],
    minExperienceYears: 0,
    tags: [],
    capacity: 3,
    freeSeats: 3,
    status: 'OPEN',
    createdAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

export function memberData(id: string, discordId: string | null, overrides: Record<string, unknown> = {}) {
  return {
    id,
    displayName: `회원 ${id}`,
    discordId,
    region: '서울특별시',
    experienceYears: 2,
    stacks: ['Java'],
    traits: [],
    notifyThreshold: null,
    ...overrides,
  };
}

export function memberRef(id: string, discordId: string | null, displayName = `회원 ${id}`) {
  return { id, displayName, discordId };
}
