import type { Server } from 'node:http';
import { REST } from '@discordjs/rest';
import pino from 'pino';
import { MockAgent, fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MoimApi } from '../src/api/types';
import { createHandlerDeps } from '../src/interactions/deps';
import { createInteractionsServer, listen } from '../src/transports/http-server';
import { startRealApi, type RealApi } from './support/real-api';
import { APPLICATION_ID, generateTestKeys, rawCommand, signedHeaders } from './support/signed';

const keys = generateTestKeys();
let server: Server;
let base: string;
let agent: MockAgent;
let previous: Dispatcher;
let real: RealApi;
/** Every Moim API method the handlers called, in order. */
const apiCalls: string[] = [];
/** Every log line of the endpoint and the handlers. */
const logs: { level: number; msg: string }[] = [];

function counted(api: MoimApi): MoimApi {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        apiCalls.push(String(property));
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        // The handler acts for the member: count the calls of the acting API too.
        return property === 'actingAs' ? counted(result as MoimApi) : result;
      };
    },
  });
}

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect(/^127\.0\.0\.1:/);
  setGlobalDispatcher(agent);

  // Discord is intercepted; the API is real and local (started in this process, reached over loopback).
  real = await startRealApi();
  await real.admin.createOpening({ kind: 'PROJECT', title: '스프링 백엔드 팀', region: '서울특별시', stacks: ['Java', 'Spring Boot'], minExperienceYears: 1, capacity: 3 });
  await real.admin.createOpening({ kind: 'STUDY', title: '자바 기초 스터디', region: '재택', stacks: ['Java'], minExperienceYears: 0, capacity: 6 });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const deps = createHandlerDeps({ api: counted(real.api), logger, cooldownMs: 0 });
  server = createInteractionsServer({ publicKeyHex: keys.publicHex, applicationId: APPLICATION_ID, rest: new REST({ version: '10' }), deps });
  const address = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await real?.close();
  setGlobalDispatcher(previous);
  await agent.close();
});

function post(body: string, headers: Record<string, string>) {
  return undiciFetch(`${base}/interactions`, { method: 'POST', body, headers });
}

function signedPost(body: string) {
  return post(body, signedHeaders(keys, body));
}

/** Intercepts PATCHes of @original for one token; resolves at each, counting them. */
function interceptEdits(token: string) {
  const edits: unknown[] = [];
  let arrived!: () => void;
  const first = new Promise<void>((resolve) => (arrived = resolve));
  agent
    .get('https://discord.com')
    .intercept({ method: 'PATCH', path: `/api/v10/webhooks/${APPLICATION_ID}/${token}/messages/%40original` })
    .reply(200, (request) => (edits.push(JSON.parse(String(request.body))), arrived(), { id: '1' }), { headers: { 'content-type': 'application/json' } })
    .persist();
  return { edits, first };
}

const matchOptions = [
  { name: 'region', type: 3, value: '서울특별시' },
  { name: 'years', type: 4, value: 2 },
  { name: 'stack', type: 3, value: 'Java' },
];

describe('HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    const body = JSON.stringify({ id: '1', application_id: APPLICATION_ID, type: 1, token: 't', version: 1 });
    const response = await post(body, signedHeaders(keys, body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('rejects a bad signature, a stale timestamp and a missing signature with 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const tampered = signedHeaders(keys, body);
    expect((await post(JSON.stringify({ type: 2 }), tampered)).status).toBe(401);
    const stale = signedHeaders(keys, body, Math.floor(Date.now() / 1000) - 301);
    expect((await post(body, stale)).status).toBe(401);
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
    const otherKeys = generateTestKeys();
    expect((await post(body, signedHeaders(otherKeys, body))).status).toBe(401);
  });

  it('defers a signed /match, then edits the original response through the webhook', async () => {
    const token = 'match-token-abc';
    let patched: unknown = null;
    let resolvePatched!: () => void;
    const patchedPromise = new Promise<void>((resolve) => (resolvePatched = resolve));
    agent
      .get('https://discord.com')
      .intercept({
        method: 'PATCH',
        path: `/api/v10/webhooks/${APPLICATION_ID}/${token}/messages/%40original`, // Routes.webhookMessage encodes the @
        body: (text) => {
          patched = JSON.parse(text);
          return true;
        },
      })
      .reply(200, () => {
        resolvePatched();
        return { id: '1' };
      }, { headers: { 'content-type': 'application/json' } });

    const options = [
      { name: 'region', type: 3, value: '서울특별시' },
      { name: 'years', type: 4, value: 2 },
      { name: 'stack', type: 3, value: 'Java' },
    ];
    const body = JSON.stringify(rawCommand('match', options, token));
    const response = await post(body, signedHeaders(keys, body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 64 } });

    await patchedPromise;
    const message = patched as { content: string; embeds: { title: string }[]; components: unknown[]; allowed_mentions: unknown };
    expect(message.content).toBe('추천 결과 1–2위');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds.map((embed) => embed.title.replace(/^\d\. /, '')).sort()).toEqual(['[스터디] 자바 기초 스터디', '[프로젝트] 스프링 백엔드 팀']);
    expect(message.components.length).toBeGreaterThan(0);
    agent.assertNoPendingInterceptors();
  });

  it('answers autocomplete synchronously with choices', async () => {
    const body = JSON.stringify({
      ...rawCommand('match', [{ name: 'stack', type: 3, value: 'sp', focused: true }]),
      type: 4,
    });
    const response = await post(body, signedHeaders(keys, body));
    expect(await response.json()).toEqual({ type: 8, data: { choices: [{ name: 'Spring Boot', value: 'Spring Boot' }] } });
  });

  it('answers a replayed signed interaction with the same acknowledgement and runs it once', async () => {
    const first = interceptEdits('replay-token');
    const body = JSON.stringify(rawCommand('match', matchOptions, 'replay-token'));
    const callsBefore = apiCalls.filter((call) => call === 'recommendOpenings').length;
    const original = await signedPost(body);
    expect(original.status).toBe(200);
    expect(await original.json()).toEqual({ type: 5, data: { flags: 64 } });
    await first.first;

    const replay = await signedPost(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ type: 5, data: { flags: 64 } });

    // A fresh interaction after the replay: once its edit arrives, a second run of the replay would have shown.
    const later = interceptEdits('later-token');
    const laterBody = JSON.stringify(rawCommand('match', matchOptions, 'later-token'));
    expect((await signedPost(laterBody)).status).toBe(200);
    await later.first;

    expect(first.edits).toHaveLength(1);
    expect(later.edits).toHaveLength(1);
    expect(apiCalls.filter((call) => call === 'recommendOpenings').length - callsBefore).toBe(2);
    expect(logs.filter((line) => line.msg.includes('replayed'))).toMatchObject([{ level: 30 }]);
  });

  it('answers malformed signed bodies with 400 and a short error, calling nothing and logging no error', async () => {
    const { member, ...withoutMember } = rawCommand('match', []);
    const bodies: [string, string][] = [
      ['null', 'null'],
      ['an array', '[]'],
      ['a string', '"interaction"'],
      ['not JSON', '{"type":'],
      ['no type', JSON.stringify({ ...rawCommand('match', []), type: undefined })],
      ['type as a string', JSON.stringify({ ...rawCommand('match', []), type: '2' })],
      ['a component without data', JSON.stringify({ ...rawCommand('x', []), type: 3, data: undefined })],
      ['a component with a numeric custom id', JSON.stringify({ ...rawCommand('x', []), type: 3, data: { custom_id: 7, component_type: 2 } })],
      ['a command with a numeric id', JSON.stringify({ ...rawCommand('match', []), id: 91 })],
      ['a command without a name', JSON.stringify({ ...rawCommand('match', []), data: { type: 1 } })],
      ['options that are not a list', JSON.stringify({ ...rawCommand('match', []), data: { name: 'match', type: 1, options: 'region' } })],
      ['no user anywhere', JSON.stringify({ ...withoutMember, member: undefined })],
      ['a user without an id', JSON.stringify({ ...rawCommand('match', []), member: { user: { ...member.user, id: undefined } } })],
    ];
    const callsBefore = apiCalls.length;
    const logsBefore = logs.length;
    for (const [what, body] of bodies) {
      const response = await signedPost(body);
      expect(response.status, what).toBe(400);
      const answer = (await response.json()) as { error: string };
      expect(answer.error, what).toMatch(/^(malformed interaction: \S|body is not JSON$)/);
      expect(answer.error.length, what).toBeLessThan(200);
    }
    expect(apiCalls.length).toBe(callsBefore);
    const lines = logs.slice(logsBefore);
    expect(lines.filter((line) => line.msg === 'rejected a malformed interaction')).toHaveLength(bodies.length);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('names the field that is wrong', async () => {
    const body = JSON.stringify({ ...rawCommand('x', []), type: 3, data: { component_type: 2 } });
    expect(await (await signedPost(body)).json()).toEqual({ error: expect.stringMatching(/^malformed interaction: data\.custom_id: /) });
  });

  it('logs bad signatures at warn, not error', async () => {
    const logsBefore = logs.length;
    const body = JSON.stringify({ type: 1 });
    expect((await post(body, { 'x-signature-ed25519': 'ab'.repeat(64), 'x-signature-timestamp': String(Math.floor(Date.now() / 1000)) })).status).toBe(401);
    expect(logs.slice(logsBefore).map((line) => line.level)).toEqual([40]);
  });

  it('answers a kind it does not handle in the member\'s language, mentioning nobody', async () => {
    const body = JSON.stringify({ ...rawCommand('x', [], 'future-token', 'en-US'), type: 42, data: { custom_id: 'm', components: [] } });
    expect(await (await signedPost(body)).json()).toEqual({
      type: 4,
      data: { content: 'This kind of request is not supported.', flags: 64, allowed_mentions: { parse: [] } },
    });
  });
});
