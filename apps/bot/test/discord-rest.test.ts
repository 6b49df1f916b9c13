import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from '@discordjs/rest';
import pino from 'pino';
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandJson } from '../src/commands/index';
import { registerSlashCommands } from '../src/register-slash-commands';
import { RestDirectMessenger } from '../src/notifications/messenger';
import { Notifier } from '../src/notifications/notifier';
import { NotificationStore } from '../src/notifications/store';
import { parseInteractionBody } from '../src/transports/interaction-body';
import { fromRawInteraction } from '../src/transports/raw-context';
import { FakeApi, fakeOpening } from './support/fake-api';
import { APPLICATION_ID, rawCommand } from './support/signed';

let agent: MockAgent;
let previous: Dispatcher;

beforeEach(() => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
});
afterEach(async () => {
  setGlobalDispatcher(previous);
  await agent.close();
});

const json = { headers: { 'content-type': 'application/json' } };

describe('registerSlashCommands', () => {
  it.each([
    ['guild', '800000000000000002', '/api/v10/applications/800000000000000001/guilds/800000000000000002/commands'],
    ['global', undefined, '/api/v10/applications/800000000000000001/commands'],
  ])('PUTs every command JSON to the %s route with the bot token', async (_scope, guildId, path) => {
    let sent: unknown;
    let authorization: unknown;
    agent
      .get('https://discord.com')
      .intercept({
        method: 'PUT',
        path,
        body: (text) => ((sent = JSON.parse(text)), true),
        headers: (headers) => ((authorization = (headers as Record<string, string>).authorization ?? (headers as Record<string, string>).Authorization), true),
      })
      .reply(200, commandJson(), json);
    const rest = new REST({ version: '10' }).setToken('test-token');
    const result = await registerSlashCommands(rest, '800000000000000001', guildId);
    expect(result.count).toBe(4);
    expect(sent).toEqual(commandJson());
    expect(authorization).toBe('Bot test-token');
  });
});

describe('Notifier', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moim-bot-notify-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('DMs only new openings above the threshold, once, and remembers them on disk', async () => {
    const api = new FakeApi();
    api.openings = [fakeOpening(1)];
    const member = await api.upsertMember({ displayName: 'x', discordId: '700000000000000001', region: '서울특별시', experienceYears: 2, stacks: ['Java'], traits: [] });
    const path = join(dir, 'subs.json');
    const store = new NotificationStore(path);
    await store.subscribe(member.discordId!, 0.8, ['op1']); // op1 already known at opt-in
    api.openings.push(fakeOpening(2), fakeOpening(3, { region: '경기도' })); // op2 scores 1, op3 scores 0.75

    const sent: unknown[] = [];
    const pool = agent.get('https://discord.com');
    pool.intercept({ method: 'POST', path: '/api/v10/users/@me/channels', body: (t) => JSON.parse(t).recipient_id === '700000000000000001' })
      .reply(200, { id: '600000000000000001', type: 1 }, json);
    pool.intercept({ method: 'POST', path: '/api/v10/channels/600000000000000001/messages' })
      .reply(200, (request) => (sent.push(JSON.parse(String(request.body))), { id: '1' }), json);

    const notifier = new Notifier({ api, store, messenger: new RestDirectMessenger(new REST({ version: '10' }).setToken('t')), logger: pino({ level: 'silent' }) });
    expect(await notifier.checkOnce()).toEqual({ checked: 1, sent: 1 });
    agent.assertNoPendingInterceptors();
    expect(sent).toHaveLength(1);
    const message = sent[0] as { content: string; embeds: { title: string }[]; allowed_mentions: unknown };
    expect(message.content).toBe('새 모집이 회원님과 잘 맞아요!');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds.map((embed) => embed.title)).toEqual(['1. [프로젝트] 오프닝 2']);

    // A second check sends nothing (no interceptors left: a request would fail the check and log).
    expect(await notifier.checkOnce()).toEqual({ checked: 1, sent: 0 });
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(saved.subscriptions[0].notified).toEqual(['op1', 'op2']);
  });
});

describe('HTTP-transport replies (webhook edit and follow-up through REST)', () => {
  it('tell Discord to parse no mentions, whatever the text says', async () => {
    const parsed = parseInteractionBody(JSON.stringify(rawCommand('match', [], 'rest-token')));
    if (!parsed.ok || parsed.interaction.type === 1) throw new Error('expected a command');
    const ctx = fromRawInteraction(parsed.interaction, { respond: () => {}, rest: new REST({ version: '10' }), applicationId: APPLICATION_ID });
    if (ctx?.type !== 'command') throw new Error('expected a command context');
    const bodies: Record<string, unknown> = {};
    const pool = agent.get('https://discord.com');
    pool
      .intercept({ method: 'PATCH', path: `/api/v10/webhooks/${APPLICATION_ID}/rest-token/messages/%40original` })
      .reply(200, (request) => ((bodies.edit = JSON.parse(String(request.body))), { id: '1' }), json);
    pool
      .intercept({ method: 'POST', path: `/api/v10/webhooks/${APPLICATION_ID}/rest-token` })
      .reply(200, (request) => ((bodies.followUp = JSON.parse(String(request.body))), { id: '2' }), json);

    await ctx.edit({ content: '@everyone <@123456789012345678>' });
    await ctx.followUp({ content: '@here' });
    agent.assertNoPendingInterceptors();
    expect(bodies.edit).toEqual({ content: '@everyone <@123456789012345678>', allowed_mentions: { parse: [] } });
    expect(bodies.followUp).toEqual({ content: '@here', flags: 64, allowed_mentions: { parse: [] } });
  });
});
