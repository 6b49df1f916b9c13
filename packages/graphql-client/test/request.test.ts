import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlResponseError, GraphqlTransportError, createGraphqlClient, request, type TypedDocument } from '../src/index';

interface Seen {
  headers: IncomingMessage['headers'];
  body: { query: string; variables: unknown };
}

type Answer = (res: ServerResponse) => void;

let server: Server;
let url: string;
let answer: Answer;
let seen: Seen | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      seen = { headers: req.headers, body: JSON.parse(raw) as Seen['body'] };
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const Opening = 'query Opening($id: ID!) { opening(id: $id) { id title } }' as unknown as TypedDocument<
  { opening: { id: string; title: string } | null },
  { id: string }
>;

async function failure(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('request', () => {
  it('posts the document text and variables with the key, and returns data', async () => {
    answer = json(200, { data: { opening: { id: 'o1', title: '스터디' } } });
    const data = await createGraphqlClient({ url, apiKey: '  key-1234  ' }).request(Opening, { id: 'o1' });
    expect(data.opening?.title).toBe('스터디');
    expect(seen?.body).toEqual({ query: Opening.toString(), variables: { id: 'o1' } });
    expect(seen?.headers.authorization).toBe('Bearer key-1234');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers.accept).toContain('application/graphql-response+json');
  });

  it('adds per-request headers, which cannot replace its own', async () => {
    answer = json(200, { data: { opening: null } });
    const client = createGraphqlClient({ url, apiKey: 'key-1234' });
    await client.request(Opening, { id: 'o1' }, { headers: { 'X-Moim-Acting-Discord-Id': '123456789012345678', Authorization: 'Bearer stolen' } });
    expect(seen?.headers['x-moim-acting-discord-id']).toBe('123456789012345678');
    expect(seen?.headers.authorization).toBe('Bearer key-1234');
    await client.request(Opening, { id: 'o1' });
    expect(seen?.headers['x-moim-acting-discord-id']).toBeUndefined();
    await request({ url }, Opening, { id: 'o1' }, { headers: { authorization: 'Bearer stolen' } });
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('sends no authorization header without a key', async () => {
    answer = json(200, { data: { opening: null } });
    expect(await request({ url, apiKey: '' }, Opening, { id: 'x' })).toEqual({ opening: null });
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('keeps the code, field, value, reason and path of the first GraphQL error', async () => {
    answer = json(200, {
      data: null,
      errors: [
        { message: 'openingId: FULL', path: ['apply'], extensions: { code: 'BAD_USER_INPUT', field: 'openingId', value: 'o1', reason: 'OPENING_FULL' } },
        { message: 'second', extensions: { code: 'NOT_FOUND' } },
      ],
    }, { 'x-request-id': 'req-42' });
    const error = await failure(request({ url }, Opening, { id: 'o1' }));
    expect(error).toBeInstanceOf(GraphqlResponseError);
    const refused = error as GraphqlResponseError;
    expect([refused.code, refused.field, refused.value, refused.reason]).toEqual(['BAD_USER_INPUT', 'openingId', 'o1', 'OPENING_FULL']);
    expect(refused.path).toEqual(['apply']);
    expect(refused.codes).toEqual(['BAD_USER_INPUT', 'NOT_FOUND']);
    expect(refused.message).toBe('openingId: FULL; second');
    expect(refused.http).toEqual({ status: 200, requestId: 'req-42', retryAfterSeconds: null });
  });

  it('a 429 keeps its GraphQL code and says when to retry', async () => {
    answer = json(429, { errors: [{ message: 'Rate limit exceeded; retry in 7 s', extensions: { code: 'RATE_LIMITED' } }] }, {
      'retry-after': '7',
      'x-request-id': 'req-429',
    });
    const error = (await failure(request({ url }, Opening, { id: 'o1' }))) as GraphqlResponseError;
    expect(error).toBeInstanceOf(GraphqlResponseError);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.http).toEqual({ status: 429, requestId: 'req-429', retryAfterSeconds: 7 });
  });

  it('an error without extensions has code UNKNOWN', async () => {
    answer = json(400, { errors: [{ message: 'Syntax Error' }] });
    const error = (await failure(request({ url }, Opening, { id: 'o1' }))) as GraphqlResponseError;
    expect([error.code, error.field, error.reason]).toEqual(['UNKNOWN', null, null]);
    expect(error.http?.status).toBe(400);
  });

  it('a body that is not GraphQL is a transport error with its status and start', async () => {
    answer = (res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'retry-after': '5' });
      res.end('<html>Bad Gateway</html>' + 'x'.repeat(1000));
    };
    const error = (await failure(request({ url }, Opening, { id: 'o1' }))) as GraphqlTransportError;
    expect(error).toBeInstanceOf(GraphqlTransportError);
    expect(error.http).toMatchObject({ status: 502, retryAfterSeconds: 5 });
    expect(error.bodyText).toMatch(/^<html>Bad Gateway<\/html>x+$/);
    expect(error.bodyText).toHaveLength(300);
  });

  it('an answer without data or errors is a transport error', async () => {
    answer = json(503, {});
    const error = (await failure(request({ url }, Opening, { id: 'o1' }))) as GraphqlTransportError;
    expect(error).toBeInstanceOf(GraphqlTransportError);
    expect(error.http?.status).toBe(503);
    expect(error.message).toBe('the API answered HTTP 503 without data');
  });

  it('an API that cannot be reached is a transport error without an answer', async () => {
    const error = (await failure(request({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 }, Opening, { id: 'o1' }))) as GraphqlTransportError;
    expect(error).toBeInstanceOf(GraphqlTransportError);
    expect(error.http).toBeNull();
    expect(error.message).toMatch(/^cannot reach the API at http:\/\/127\.0\.0\.1:9\/graphql/);
  });

  it('gives up after timeoutMs', async () => {
    answer = () => {}; // never answers
    const started = performance.now();
    const error = (await failure(request({ url, timeoutMs: 300 }, Opening, { id: 'o1' }))) as GraphqlTransportError;
    expect(error).toBeInstanceOf(GraphqlTransportError);
    expect(error.http).toBeNull();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
