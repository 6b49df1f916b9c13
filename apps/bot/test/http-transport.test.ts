import type { Server } from 'node:http';
import { REST } from '@discordjs/rest';
import pino from 'pino';
import { MockAgent, fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerDeps } from '../src/bot';
import { createInteractionsServer, listen } from '../src/transports/http-server';
import { startRealApi, type RealApi } from './support/real-api';
import { APPLICATION_ID, generateTestKeys, rawCommand, signedHeaders } from './support/signed';

const keys = generateTestKeys();
let server: Server;
let base: string;
let agent: MockAgent;
let previous: Dispatcher;
let real: RealApi;

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
  const deps = createHandlerDeps({ api: real.api, logger: pino({ level: 'silent' }), cooldownMs: 0 });
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
    const message = patched as { content: string; embeds: { title: string }[]; components: unknown[] };
    expect(message.content).toBe('추천 결과 1–2위');
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
});
