import type { FastifyReply } from 'fastify';

export function sendJson(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .code(status)
    .headers({ 'content-type': 'application/json; charset=utf-8', ...headers })
    .send(JSON.stringify(body));
}

export function sendGraphQLError(reply: FastifyReply, status: number, message: string, code: string, headers: Record<string, string> = {}): FastifyReply {
  return sendJson(reply, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/** A refusal raised inside Fastify's lifecycle (e.g. a body parser); the error handler answers it in the GraphQL error shape. */
export class ClientError extends Error {
  constructor(readonly statusCode: number, message: string, readonly code = 'BAD_REQUEST') {
    super(message);
  }
}
