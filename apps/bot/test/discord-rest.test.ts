import { REST } from '@discordjs/rest';
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandJson } from '../src/commands/index';
import { registerSlashCommands } from '../src/register-slash-commands';
import { RestDiscordOutlet, isPermanentRefusal } from '../src/notifications/messenger';
import { parseInteractionBody } from '../src/transports/interaction-body';
import { fromRawInteraction } from '../src/transports/raw-context';
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
    expect(result.count).toBe(5);
    expect(sent).toEqual(commandJson());
    expect(authorization).toBe('Bot test-token');
  });
});

describe('RestDiscordOutlet (what the outbox drain does in Discord)', () => {
  it('DMs through the DM channel, makes a private thread, adds a member, and pings no one', async () => {
    const calls: { method: string; path: string; body: unknown }[] = [];
    const record = (method: string) => (request: { path: string; body?: unknown }) => {
      calls.push({ method, path: String(request.path), body: request.body ? JSON.parse(String(request.body)) : null });
      return {};
    };
    const pool = agent.get('https://discord.com');
    pool.intercept({ method: 'POST', path: '/api/v10/users/@me/channels' }).reply(200, (request) => (record('POST')(request), { id: '700000000000000001', type: 1 }), json);
    pool.intercept({ method: 'POST', path: '/api/v10/channels/700000000000000001/messages' }).reply(200, (request) => (record('POST')(request), { id: 'm1' }), json);
    pool.intercept({ method: 'POST', path: '/api/v10/channels/600000000000000001/threads' }).reply(201, (request) => (record('POST')(request), { id: '650000000000000001', type: 12 }), json);
    pool.intercept({ method: 'PUT', path: '/api/v10/channels/650000000000000001/thread-members/900000000000000001' }).reply(204, (request) => (record('PUT')(request), ''));
    pool.intercept({ method: 'DELETE', path: '/api/v10/channels/650000000000000001' }).reply(200, (request) => (record('DELETE')(request), { id: '650000000000000001' }), json);

    const outlet = new RestDiscordOutlet(new REST({ version: '10' }).setToken('test-token'));
    await outlet.sendDirect('900000000000000001', { content: '@everyone 안녕하세요' });
    expect(await outlet.createPrivateThread('600000000000000001', '스프링 팀')).toBe('650000000000000001');
    await outlet.addThreadMember('650000000000000001', '900000000000000001');
    await outlet.deleteChannel('650000000000000001');
    agent.assertNoPendingInterceptors();
    expect(calls[0]!.body).toEqual({ recipient_id: '900000000000000001' });
    expect(calls[1]!.body).toEqual({ content: '@everyone 안녕하세요', allowed_mentions: { parse: [] } });
    expect(calls[2]!.body).toEqual({ name: '스프링 팀', type: 12, invitable: false, auto_archive_duration: 10080 });
    expect(calls.map((call) => call.method)).toEqual(['POST', 'POST', 'POST', 'PUT', 'DELETE']);
  });

  it('tells a closed DM (50007) from a failure worth retrying (500)', async () => {
    const pool = agent.get('https://discord.com');
    pool.intercept({ method: 'POST', path: '/api/v10/users/@me/channels' }).reply(200, { id: '700000000000000002', type: 1 }, json).times(2);
    pool.intercept({ method: 'POST', path: '/api/v10/channels/700000000000000002/messages' }).reply(403, { code: 50007, message: 'Cannot send messages to this user' }, json);
    pool.intercept({ method: 'POST', path: '/api/v10/channels/700000000000000002/messages' }).reply(400, { code: 50035, message: 'Invalid Form Body' }, json);
    const outlet = new RestDiscordOutlet(new REST({ version: '10', retries: 0 }).setToken('test-token'));
    const closed = await outlet.sendDirect('900000000000000002', { content: 'x' }).catch((error: unknown) => error);
    expect(isPermanentRefusal(closed)).toBe(true);
    const invalid = await outlet.sendDirect('900000000000000002', { content: 'x' }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(Error);
    expect(isPermanentRefusal(invalid)).toBe(false);
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
