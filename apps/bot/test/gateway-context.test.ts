import { ButtonInteraction, ChatInputCommandInteraction, Client, ModalSubmitInteraction, type Interaction } from 'discord.js';
import pino from 'pino';
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerDeps } from '../src/interactions/deps';
import { handleInteraction } from '../src/interactions/handler';
import { fromDiscordJs } from '../src/transports/discordjs-context';
import { FakeApi, fakeOpening } from './support/fake-api';
import { APPLICATION_ID, rawCommand } from './support/signed';

let agent: MockAgent;
let previous: Dispatcher;
let client: Client;

beforeEach(() => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  client = new Client({ intents: [] });
  client.token = 'gateway-test-token';
  client.rest.setToken('gateway-test-token');
  // discord.js reads the application id from the client user in some paths
  (client as unknown as { application: unknown }).application = { id: APPLICATION_ID };
});
afterEach(async () => {
  await client.destroy();
  setGlobalDispatcher(previous);
  await agent.close();
});

const json = { headers: { 'content-type': 'application/json' } };

describe('gateway transport adapter (discord.js interactions, Discord REST intercepted)', () => {
  it('defers ephemerally through the callback route, then edits @original with the rendered matches', async () => {
    const raw = rawCommand('match', [{ name: 'region', type: 3, value: '서울특별시' }, { name: 'years', type: 4, value: 1 }, { name: 'stack', type: 3, value: 'Java' }], 'gw-token');
    const interaction = new (ChatInputCommandInteraction as unknown as new (c: Client, d: unknown) => Interaction)(client, raw);
    const calls: { method: string; path: string; body: unknown }[] = [];
    const pool = agent.get('https://discord.com');
    pool
      .intercept({ method: 'POST', path: (path) => path.startsWith(`/api/v10/interactions/${raw.id}/gw-token/callback`) })
      .reply(204, (request) => (calls.push({ method: 'POST', path: String(request.path), body: JSON.parse(String(request.body)) }), ''));
    pool
      .intercept({ method: 'PATCH', path: (path) => path.startsWith(`/api/v10/webhooks/${APPLICATION_ID}/gw-token/messages/%40original`) })
      .reply(200, (request) => (calls.push({ method: 'PATCH', path: String(request.path), body: JSON.parse(String(request.body)) }), { id: '1', channel_id: '2' }), json);

    const api = new FakeApi();
    api.openings = [fakeOpening(1)];
    const ctx = fromDiscordJs(interaction);
    expect(ctx).toMatchObject({ type: 'command', commandName: 'match', userId: '930000000000000001', locale: 'ko' });
    await handleInteraction(ctx!, createHandlerDeps({ api, logger: pino({ level: 'silent' }), cooldownMs: 0 }));

    expect(calls.map((call) => call.method)).toEqual(['POST', 'PATCH']);
    expect(calls[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = calls[1]!.body as { content: string; embeds: { title: string }[]; allowed_mentions: unknown };
    expect(edit.content).toBe('추천 결과 1–1위');
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(edit.embeds[0]!.title).toBe('1. [프로젝트] 오프닝 1');
  });

  it('sends follow-ups with no mentions parsed', async () => {
    const raw = rawCommand('match', [], 'gw-follow');
    const interaction = new (ChatInputCommandInteraction as unknown as new (c: Client, d: unknown) => Interaction)(client, raw);
    (interaction as unknown as { deferred: boolean }).deferred = true;
    let body: unknown;
    agent
      .get('https://discord.com')
      .intercept({ method: 'POST', path: (path) => path.startsWith(`/api/v10/webhooks/${APPLICATION_ID}/gw-follow`) })
      .reply(200, (request) => ((body = JSON.parse(String(request.body))), { id: '3', channel_id: '2' }), json);
    const ctx = fromDiscordJs(interaction);
    if (ctx?.type !== 'command') throw new Error('expected a command context');
    await ctx.followUp({ content: '@everyone' });
    agent.assertNoPendingInterceptors();
    expect(body).toMatchObject({ content: '@everyone', flags: 64, allowed_mentions: { parse: [] } });
  });

  it('wraps buttons with their custom id', () => {
    const raw = { ...rawCommand('x', []), type: 3, message: { id: '5', channel_id: '6', author: { id: '7', username: 'bot' }, content: '', embeds: [], components: [] }, data: { custom_id: 'a:op1', component_type: 2 } };
    const interaction = new (ButtonInteraction as unknown as new (c: Client, d: unknown) => Interaction)(client, raw);
    expect(fromDiscordJs(interaction)).toMatchObject({ type: 'button', customId: 'a:op1', userName: '테스터' });
  });

  it('/open answers with its form through the callback route (type 9), and a submitted form reads its inputs', async () => {
    const raw = rawCommand('open', [{ name: 'kind', type: 3, value: 'STUDY' }, { name: 'region', type: 3, value: '재택' }], 'gw-open');
    const interaction = new (ChatInputCommandInteraction as unknown as new (c: Client, d: unknown) => Interaction)(client, raw);
    let body: { type: number; data: { custom_id: string; components: unknown[] } } | undefined;
    agent
      .get('https://discord.com')
      .intercept({ method: 'POST', path: (path) => path.startsWith(`/api/v10/interactions/${raw.id}/gw-open/callback`) })
      .reply(204, (request) => ((body = JSON.parse(String(request.body))), ''));
    const api = new FakeApi();
    await api.upsertMember({ displayName: '팀장', discordId: '930000000000000001', region: '재택', experienceYears: 3, stacks: ['React'], traits: [], locale: 'ko' });
    await handleInteraction(fromDiscordJs(interaction)!, createHandlerDeps({ api, logger: pino({ level: 'silent' }), cooldownMs: 0 }));
    agent.assertNoPendingInterceptors();
    expect(body?.type).toBe(9);
    expect(body?.data.custom_id).toBe('o:S.2');
    expect(body?.data.components).toHaveLength(5);
    expect(api.acting).toEqual(['930000000000000001']);

    const submitted = {
      ...rawCommand('x', []),
      type: 5,
      data: { custom_id: 'o:S.2', components: [{ type: 1, components: [{ type: 4, custom_id: 'title', value: '리액트 스터디' }] }] },
    };
    const submit = new (ModalSubmitInteraction as unknown as new (c: Client, d: unknown) => Interaction)(client, submitted);
    const ctx = fromDiscordJs(submit);
    if (ctx?.type !== 'form') throw new Error('expected a form context');
    expect(ctx.customId).toBe('o:S.2');
    expect(ctx.field('title')).toBe('리액트 스터디');
    expect(ctx.field('stacks')).toBeNull();
  });
});
