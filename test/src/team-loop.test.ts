// The whole team loop, end to end: the real API over HTTP on real PostgreSQL + pgvector with the shipped model, the
// bot's real handler for every command and click, and TWO bot processes draining one notifications outbox, with
// Discord's REST API stood in for by a local server. /open -> /team -> invite + another member's apply -> the
// invitee's and the lead's decisions from their DMs -> FULL -> one private team thread. Then a backlog drained while
// one bot process is killed mid-delivery: nothing is lost, and nothing is delivered twice while leased.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createApp, testConfig, type App } from '@moim/api';
import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphqlApi } from '../../apps/bot/src/api/moim-graphql-api';
import type { Form, Reply } from '../../apps/bot/src/interactions/context';
import { createHandlerDeps, type HandlerDeps } from '../../apps/bot/src/interactions/deps';
import { createLogger } from '../../apps/bot/src/logger';
import { handleInteraction } from '../../apps/bot/src/interactions/handler';
import { buttonContext, commandContext, customIds, formContext, options } from '../../apps/bot/test/support/fake-context';
import { startFakeDiscord, threadId as nthThread, type FakeDiscordServer } from './support/fake-discord-server';
import { graphqlOk } from './support/http';

const botDir = fileURLToPath(new URL('../../apps/bot', import.meta.url));
const drainScript = fileURLToPath(new URL('./support/bot-drain.ts', import.meta.url));

const LEAD = '700000000000000001';
const INVITEE = '700000000000000002';
const APPLICANT = '700000000000000003';
const OUTSIDER = '700000000000000004';
const TEAM_CHANNEL = '790000000000000009';
const LEASE_SECONDS = 5;
const BATCH_SIZE = 2;
const BACKLOG = Array.from({ length: 8 }, (_, i) => `7100000000000000${String(i + 10)}`);

interface BotProcess {
  name: string;
  token: string;
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startBot(name: string, apiUrl: string, botKey: string, discordApi: string): Promise<BotProcess> {
  const token = `e2e-token-${name}`;
  // node itself with tsx's loader (resolved from apps/bot), not the tsx CLI: the CLI runs the script in a child
  // process, and a SIGKILL of the CLI would leave that child running.
  const child = spawn(process.execPath, ['--import', 'tsx', drainScript], {
    cwd: botDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MOIM_API_URL: apiUrl,
      MOIM_BOT_KEY: botKey,
      E2E_BOT_NAME: name,
      E2E_DISCORD_TOKEN: token,
      E2E_DISCORD_API: discordApi,
      E2E_LEASE_SECONDS: String(LEASE_SECONDS),
      E2E_BATCH_SIZE: String(BATCH_SIZE),
      BOT_TEAM_CHANNEL_ID: TEAM_CHANNEL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'drain started') resolve({ name, token, child, logs, exited });
      } catch {
        // not a log line
      }
    });
    exited.then((code) => reject(new Error(`bot ${name} exited with ${code} before it started:\n${stderr}`)));
  });
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs` naming what it waited for. */
async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 60_000): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value as Exclude<T, false | undefined | null>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('team loop end to end (real API and PostgreSQL, two bot processes, Discord stood in for)', () => {
  let db: TestDatabase;
  let app: App;
  let base: string;
  let url: string;
  let deps: HandlerDeps;
  let discord: FakeDiscordServer;
  const bots: BotProcess[] = [];
  const adminKey = `e2e-admin-${randomBytes(12).toString('hex')}`;
  const memberIds: Record<string, string> = {};
  let openingId = '';

  const admin = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlOk<T>(base, query, variables, adminKey);

  async function command(name: string, values: Record<string, string | number>, subcommand: string | null, userId: string) {
    const { ctx, recorded } = commandContext(name, options(values, subcommand), { userId, userName: `멤버-${userId.slice(-2)}` });
    await handleInteraction(ctx, deps);
    return recorded;
  }
  async function click(customId: string, userId: string): Promise<Reply> {
    const { ctx, recorded } = buttonContext(customId, { userId, userName: `멤버-${userId.slice(-2)}` });
    await handleInteraction(ctx, deps);
    return recorded.last!;
  }
  async function open(title: string, seats: number): Promise<string> {
    const shown = await command('open', { kind: 'PROJECT', region: '서울' }, null, LEAD);
    expect(shown.deferred).toBe(0);
    const form: Form = shown.forms[0]!;
    const { ctx, recorded } = formContext(form.custom_id, { title, stacks: 'Java, Spring Boot', years: '1', seats: String(seats), description: '' }, { userId: LEAD });
    await handleInteraction(ctx, deps);
    expect(recorded.last?.content).toMatch(/모집을 열었어요! 회원님이 팀장이에요/);
    const found = await admin<{ openings: { edges: { node: { id: string; lead: { discordId: string } | null } }[] } }>(
      'query ($text: String) { openings(filter: { text: $text }) { edges { node { id lead { discordId } } } } }',
      { text: title },
    );
    expect(found.openings.edges).toHaveLength(1);
    expect(found.openings.edges[0]!.node.lead?.discordId).toBe(LEAD);
    return found.openings.edges[0]!.node.id;
  }
  async function notificationsOf(discordId: string) {
    const data = await admin<{ memberByDiscordId: { notifications: { id: string; kind: string; deliveredAt: string | null }[] } }>(
      'query ($d: String!) { memberByDiscordId(discordId: $d) { notifications(first: 100) { id kind deliveredAt } } }',
      { d: discordId },
    );
    return data.memberByDiscordId.notifications;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp({
      config: testConfig({ logLevel: 'error', adminKey, rateLimitPerMinuteIp: 0, rateLimitPerMinuteKey: 0 }),
      db,
      serveAdmin: false,
    });
    base = await app.listen(0, '127.0.0.1');
    url = `${base}/graphql`;
    await app.ready;
    const botKey = (await app.services.apiKeys.create('e2e bot', 'BOT')).key;
    deps = createHandlerDeps({ api: createGraphqlApi({ url, apiKey: botKey }), logger: createLogger({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' }), cooldownMs: 0 });
    discord = await startFakeDiscord();
    bots.push(...(await Promise.all([startBot('a', url, botKey, discord.apiUrl), startBot('b', url, botKey, discord.apiUrl)])));
  });

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await discord?.close();
    await app?.close();
    await db?.close();
  });

  it('/open -> /team -> invite + apply -> decisions from the DMs -> FULL -> one team thread, each notification delivered once', async () => {
    for (const userId of [LEAD, INVITEE, APPLICANT, OUTSIDER]) {
      const saved = await command('profile', { region: '서울특별시', years: 3, stack: 'Java', stack2: 'Spring Boot' }, 'set', userId);
      expect(saved.last?.content).toBe('프로필을 저장했어요.');
      memberIds[userId] = (await deps.api.memberByDiscordId(userId))!.id;
    }
    openingId = await open('스프링 일정 공유 앱', 2);

    const refused = await command('team', { opening: openingId }, null, OUTSIDER);
    expect(refused.last?.content).toBe('이 모집의 팀장만 쓸 수 있어요. /open 으로 직접 모집을 열 수 있어요.');
    const team = (await command('team', { opening: openingId }, null, LEAD)).last!;
    const invite = customIds(team).flat().find((id) => id === `p:${openingId}:${memberIds[INVITEE]}`);
    expect(invite, 'the invitee is among the recommended members').toBeDefined();
    expect(customIds(team).at(-1)).toEqual([`g:${openingId}`]);
    expect((await click(invite!, LEAD)).content).toMatch(/합류를 제안했어요/);
    expect((await click(`a:${openingId}`, APPLICANT)).content).toMatch(/에 지원했어요!/);

    // The bots deliver the invitation to the invitee and the application to the lead, with their buttons.
    const invitation = await waitFor('the invitation DM', () => discord.directMessages().find((dm) => dm.userId === INVITEE));
    const application = await waitFor('the application DM', () => discord.directMessages().find((dm) => dm.userId === LEAD));
    const yesInvite = invitation.customIds.find((id) => /^r:.+:y$/.test(id))!;
    const yesApplication = application.customIds.find((id) => /^d:.+:y$/.test(id))!;
    expect(yesInvite).toBeDefined();
    expect(yesApplication).toBeDefined();

    // Only the invitee may answer, only the lead may decide.
    expect((await click(yesInvite, OUTSIDER)).content).toBe('이 작업은 할 수 없어요. 모집의 팀장이나 당사자만 할 수 있어요.');
    expect((await click(yesApplication, APPLICANT)).content).toBe('이 모집의 팀장만 쓸 수 있어요. /open 으로 직접 모집을 열 수 있어요.');
    expect((await click(yesInvite, INVITEE)).content).toMatch(/에 합류했어요!/);
    expect((await click(yesApplication, LEAD)).content).toMatch(/지원을 수락했어요/);

    const opening = await admin<{ opening: { status: string; teamThreadId: string | null; team: { discordId: string }[] } }>(
      'query ($id: ID!) { opening(id: $id) { status teamThreadId team { discordId } } }',
      { id: openingId },
    );
    expect(opening.opening.status).toBe('FULL');
    expect(opening.opening.team.map((member) => member.discordId)).toEqual([LEAD, expect.any(String), expect.any(String)]);

    // FULL -> TEAM_FORMED: one private thread in the team channel, everyone added, the card posted.
    const threadId = nthThread(1);
    await waitFor('the team card', () => discord.calls.find((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages`));
    await waitFor('every notification acknowledged', async () => {
      const all = (await Promise.all([LEAD, INVITEE, APPLICANT].map(notificationsOf))).flat();
      return all.length > 0 && all.every((notification) => notification.deliveredAt !== null);
    });
    expect(discord.calls.filter((call) => call.path === `/channels/${TEAM_CHANNEL}/threads`)).toHaveLength(1);
    const added = discord.calls.filter((call) => call.method === 'PUT' && call.path.startsWith(`/channels/${threadId}/thread-members/`));
    expect(added.map((call) => call.path.split('/').at(-1)).sort()).toEqual([LEAD, INVITEE, APPLICANT].sort());
    expect((await admin<{ opening: { teamThreadId: string } }>('query ($id: ID!) { opening(id: $id) { teamThreadId } }', { id: openingId })).opening.teamThreadId).toBe(threadId);

    // Exactly one DM per DM-worthy notification: invitation, application, the invitee's answer, the decision.
    const dms = discord.directMessages();
    expect(dms.map((dm) => dm.userId).sort()).toEqual([LEAD, LEAD, INVITEE, APPLICANT].sort());
    expect(new Set(dms.map((dm) => `${dm.userId} ${dm.content}`)).size).toBe(dms.length);
    const kinds = (await notificationsOf(LEAD)).map((notification) => notification.kind).sort();
    expect(kinds).toEqual(['APPLICATION_RECEIVED', 'INVITATION_ANSWERED', 'TEAM_FORMED']);
  });

  it('a backlog drained by both bots loses nothing when one is killed mid-delivery, and nothing is delivered twice while leased', async () => {
    const backlogOpening = await open('백엔드 대기열 프로젝트', 20);
    const before = discord.directMessages().length;
    const hold = discord.holdNext((call) => call.path === `/channels/dm-${LEAD}/messages` && String(call.body?.content).includes('백엔드 대기열'));
    for (const userId of BACKLOG) {
      await command('profile', { region: '서울특별시', years: 2, stack: 'Java' }, 'set', userId);
      expect((await click(`a:${backlogOpening}`, userId)).content).toMatch(/에 지원했어요!/);
    }
    const held = await hold.held;
    const victim = bots.find((bot) => bot.token === held.token)!;
    const survivor = bots.find((bot) => bot !== victim)!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const killedAt = Date.now();
    hold.release();

    await waitFor('every backlog application delivered and acknowledged', async () => {
      const received = (await notificationsOf(LEAD)).filter((notification) => notification.kind === 'APPLICATION_RECEIVED');
      return received.length === 1 + BACKLOG.length && received.every((notification) => notification.deliveredAt !== null);
    }, 90_000);

    const backlogDms = discord.directMessages().slice(before).filter((dm) => dm.content.includes('백엔드 대기열'));
    // None lost: every applicant's application reached the lead.
    for (const userId of BACKLOG) expect(backlogDms.some((dm) => dm.content.includes(`멤버-${userId.slice(-2)}`))).toBe(true);
    // Nothing twice while leased: the only repeat is the row the killed process had sent but not acknowledged, sent
    // again by the survivor once its lease had run out; the survivor itself never repeats anything.
    const heldContent = String(held.body?.content);
    const repeats = backlogDms.filter((dm, index) => backlogDms.findIndex((other) => other.content === dm.content) !== index);
    expect(repeats.every((dm) => dm.content === heldContent)).toBe(true);
    const bySurvivor = backlogDms.filter((dm) => dm.token === survivor.token).map((dm) => dm.content);
    expect(new Set(bySurvivor).size).toBe(bySurvivor.length);
    const redelivery = backlogDms.find((dm) => dm.content === heldContent && dm.token === survivor.token);
    expect(redelivery, 'the held row came back to the survivor').toBeDefined();
    // Generous bound: the lease began a moment before the held send (2x slack for a slow machine).
    expect(redelivery!.at - held.at).toBeGreaterThan(LEASE_SECONDS * 1000 - 2_000);
    expect(backlogDms.filter((dm) => dm.token === victim.token && dm.at > killedAt)).toEqual([]);
    expect(backlogDms.length).toBeLessThanOrEqual(BACKLOG.length + 1);
    // In the database: the rows claimed twice are the killed process's last batch (the held row, plus the rows it
    // claimed beside it and never sent), each claimed once by each process; every other row was claimed once.
    const claims = await db.prisma.$queryRaw<{ name: string; claims: number }[]>`
      SELECT payload->>'applicantName' AS name, claim_count AS claims FROM notifications WHERE opening_id = ${backlogOpening}`;
    const heldName = BACKLOG.map((userId) => `멤버-${userId.slice(-2)}`).find((name) => heldContent.includes(`**${name}**`));
    const reclaimed = claims.filter((row) => row.claims !== 1);
    expect(reclaimed).toContainEqual({ name: heldName, claims: 2 });
    expect(reclaimed.every((row) => row.claims === 2)).toBe(true);
    expect(reclaimed.length).toBeLessThanOrEqual(BATCH_SIZE);
    // Both processes drained the one outbox.
    expect(new Set(discord.directMessages().map((dm) => dm.token))).toEqual(new Set(bots.map((bot) => bot.token)));

    // The survivor stops gracefully.
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.logs.some((entry) => entry.msg === 'drain stopped')).toBe(true);
  });
});
