import { REST } from '@discordjs/rest';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphqlApi } from '../src/api/moim-graphql-api';
import type { MoimApi, Vocabulary } from '../src/api/types';
import { deliverNotification } from '../src/notifications/deliver';
import { RestDiscordOutlet } from '../src/notifications/messenger';
import { OutboxDrain } from '../src/notifications/outbox-drain';
import { memberRef, openingData, startFakeGraphql, type FakeGraphql } from './support/fake-graphql';
import { interceptDiscord, type FakeDiscord } from './support/fake-discord';

/**
 * The outbox drain through the real GraphQL client against a fake endpoint that keeps an outbox with leases the way
 * the contract says (claimed rows are invisible to other claims until the lease ends; acknowledged rows never come
 * back), and Discord's REST intercepted.
 */
const LEAD = memberRef('m-lead', '610000000000000001', '팀장 [링크](https://evil.example)');
const ANN = memberRef('m-ann', '620000000000000002', '앤');
const BO = memberRef('m-bo', '630000000000000003', '보');
const NO_DISCORD = memberRef('m-web', null, '웹 회원');
const TEAM_CHANNEL = '690000000000000009';
const vocabulary: Vocabulary = { regions: ['서울특별시'], stacks: ['Java'], traits: [], tags: [] };

interface Row {
  id: string;
  kind: string;
  /** `locale` as the API keeps it on the member; absent = none recorded (Korean). */
  recipient: ReturnType<typeof memberRef> & { locale?: 'ko' | 'en' };
  openingId: string | null;
  payload: Record<string, unknown>;
  leasedUntil: number;
  deliveredAt: number | null;
}

let fake: FakeGraphql;
let discord: FakeDiscord;
let rows: Row[];
let clock: number;
let threadOf: Map<string, string>;
let api: MoimApi;

function row(id: string, kind: string, recipient: Row['recipient'], payload: Record<string, unknown>, openingId: string | null = 'op1'): Row {
  return { id, kind, recipient, openingId, payload: { openingId, openingTitle: '스프링 *팀*', ...payload }, leasedUntil: 0, deliveredAt: null };
}

beforeEach(async () => {
  discord = interceptDiscord();
  rows = [];
  clock = 1_000_000;
  threadOf = new Map();
  fake = await startFakeGraphql({
    ClaimNotifications: ({ limit, leaseSeconds }) => {
      const free = rows.filter((r) => r.deliveredAt === null && r.leasedUntil <= clock).slice(0, limit as number);
      for (const r of free) r.leasedUntil = clock + (leaseSeconds as number) * 1000;
      return {
        claimNotifications: free.map((r) => ({
          id: r.id,
          kind: r.kind,
          payload: JSON.stringify(r.payload),
          createdAt: '2026-12-01T00:00:00.000Z',
          recipient: r.recipient,
          opening: r.openingId ? { ...openingData(r.openingId, { title: '스프링 *팀*' }), teamThreadId: threadOf.get(r.openingId) ?? null, lead: LEAD } : null,
        })),
      };
    },
    AckNotifications: ({ ids }) => {
      let marked = 0;
      for (const r of rows) {
        if ((ids as string[]).includes(r.id) && r.deliveredAt === null) {
          r.deliveredAt = clock;
          marked += 1;
        }
      }
      return { ackNotifications: marked };
    },
    RecordTeamThread: ({ openingId, threadId }) => {
      if (!threadOf.has(openingId as string)) threadOf.set(openingId as string, threadId as string);
      return { recordTeamThread: { id: openingId, teamThreadId: threadOf.get(openingId as string) } };
    },
    OpeningTeamThread: ({ id }) => ({ opening: { id, teamThreadId: threadOf.get(id as string) ?? null } }),
  });
  api = createGraphqlApi({ url: fake.url, apiKey: 'bot_key_for_drain_tests' });
});
afterEach(async () => {
  await fake.close();
  await discord.close();
});

function drain(teamChannelId: string | null, overrides: Partial<ConstructorParameters<typeof OutboxDrain>[0]> = {}) {
  const outlet = new RestDiscordOutlet(new REST({ version: '10', retries: 0 }).setToken('test-token'));
  const logger = pino({ level: process.env.DRAIN_TEST_LOG ?? 'silent' });
  return new OutboxDrain({
    api,
    logger,
    now: () => clock,
    deliver: (notification) => deliverNotification(notification, { api, outlet, vocabulary: async () => vocabulary, teamChannelId, logger }),
    ...overrides,
  });
}

function buttonIds(body: Record<string, unknown>): string[] {
  const rowsOf = (body.components ?? []) as { components: { custom_id: string }[] }[];
  return rowsOf.flatMap((r) => r.components.map((c) => c.custom_id));
}

describe('outbox drain: one DM per notification, acknowledged once delivered', () => {
  it('delivers every kind as its DM, with the buttons that act on it, and acknowledges each', async () => {
    rows.push(
      row('n1', 'APPLICATION_RECEIVED', LEAD, { applicationId: 'app1', applicantId: 'm-ann', applicantName: '앤 @everyone' }),
      row('n2', 'APPLICATION_DECIDED', ANN, { applicationId: 'app1', accepted: true }),
      row('n3', 'INVITATION_RECEIVED', BO, { invitationId: 'inv1', leadName: LEAD.displayName }),
      row('n4', 'INVITATION_ANSWERED', LEAD, { invitationId: 'inv1', memberName: '보', accepted: false }),
      row('n5', 'SEAT_FREED', LEAD, { memberName: '앤', freeSeats: 2 }),
      row('n6', 'NEW_MATCH', BO, { score: 0.82, reasons: [{ code: 'STACK_MATCH', message: '스택 일치 (Java)' }] }),
    );
    const result = await drain(null).drainOnce();
    expect(result).toEqual({ claimed: 6, acked: 6, left: 0 });
    expect(rows.every((r) => r.deliveredAt !== null)).toBe(true);

    const dms = discord.directMessages();
    expect(dms.map((dm) => dm.userId)).toEqual([LEAD.discordId, ANN.discordId, BO.discordId, LEAD.discordId, LEAD.discordId, BO.discordId]);
    expect(dms.every((dm) => JSON.stringify(dm.body.allowed_mentions) === '{"parse":[]}')).toBe(true);
    expect(dms[0]!.body.content).toBe('**앤 @\u200beveryone** 님이 **스프링 \\*팀\\*** 에 지원했어요. 수락할까요?');
    expect(buttonIds(dms[0]!.body)).toEqual(['d:app1:y', 'd:app1:n']);
    expect(dms[1]!.body.content).toBe('**스프링 \\*팀\\*** 지원이 수락되었어요! 팀이 꾸려지면 알려 드릴게요.');
    expect(dms[2]!.body.content).toBe('**팀장 \\[링크\\](https://evil.example)** 님이 **스프링 \\*팀\\*** 에 함께하자고 제안했어요. 수락할까요?');
    expect(buttonIds(dms[2]!.body)).toEqual(['r:inv1:y', 'r:inv1:n']);
    expect(dms[3]!.body.content).toBe('**보** 님이 **스프링 \\*팀\\*** 제안을 거절했어요.');
    expect(dms[4]!.body.content).toBe('**앤** 님이 **스프링 \\*팀\\*** 에서 빠졌어요. 남은 자리: 2');
    expect(dms[5]!.body.content).toBe('새 모집이 회원님과 잘 맞아요!');
    const embed = (dms[5]!.body.embeds as { title: string; description: string; fields: { value: string }[] }[])[0]!;
    expect(embed.title).toBe('1. [프로젝트] 스프링 \\*팀\\*');
    expect(embed.description).toMatch(/82%$/);
    expect(embed.fields.at(-1)!.value).toBe('• 스택 일치 (Java)');
    expect(buttonIds(dms[5]!.body)).toEqual(['a:op1']);

    // The drain is the bot itself: it acts for no member.
    expect(fake.received.filter((r) => r.operation.endsWith('Notifications')).every((r) => r.acting === null)).toBe(true);
    expect(fake.operations().filter((op) => op === 'AckNotifications')).toHaveLength(6);
    expect(await drain(null).drainOnce()).toEqual({ claimed: 0, acked: 0, left: 0 });
  });

  it('tells members whose request the last seat or a close withdrew (SEAT_REQUEST_CLOSED), each in their own language', async () => {
    const annInEnglish = { ...ANN, locale: 'en' as const };
    const boInKorean = { ...BO, locale: 'ko' as const };
    rows.push(
      row('n1', 'SEAT_REQUEST_CLOSED', annInEnglish, { reason: 'FULL', request: 'APPLICATION', applicationId: 'app1' }),
      row('n2', 'SEAT_REQUEST_CLOSED', annInEnglish, { reason: 'CLOSED', request: 'INVITATION', invitationId: 'inv1' }),
      row('n3', 'SEAT_REQUEST_CLOSED', boInKorean, { reason: 'CLOSED', request: 'APPLICATION', applicationId: 'app2' }),
      row('n4', 'SEAT_REQUEST_CLOSED', LEAD, { reason: 'FULL', request: 'INVITATION', invitationId: 'inv2' }),
      row('n5', 'APPLICATION_DECIDED', annInEnglish, { applicationId: 'app3', accepted: false }),
    );
    expect(await drain(null).drainOnce()).toEqual({ claimed: 5, acked: 5, left: 0 });
    expect(discord.directMessages().map((dm) => [dm.userId, dm.body.content, buttonIds(dm.body)])).toEqual([
      [ANN.discordId, 'Sorry, **스프링 \\*팀\\*** filled its last seat, so your application was closed. Find another team with /match.', []],
      [ANN.discordId, '**스프링 \\*팀\\*** was closed, so your invitation was withdrawn.', []],
      [BO.discordId, '**스프링 \\*팀\\*** 모집이 마감되어 지원이 취소되었어요. /match 로 다른 팀을 찾아보세요.', []],
      // No locale recorded: Korean, the default.
      [LEAD.discordId, '**스프링 \\*팀\\*** 모집 인원이 다 차서 받은 제안이 취소되었어요.', []],
      [ANN.discordId, 'Sorry, your application to **스프링 \\*팀\\*** was declined. Find another team with /match.', []],
    ]);
  });

  it('leaves a failed delivery leased (not acknowledged): it comes back after the lease and is then delivered', async () => {
    rows.push(row('n1', 'APPLICATION_DECIDED', ANN, { accepted: false }), row('n2', 'APPLICATION_DECIDED', BO, { accepted: true }));
    discord.failWhen((call) => (call.path === `/channels/dm-${ANN.discordId}/messages` ? { status: 500, body: { message: 'boom', code: 0 } } : null));
    const bot = drain(null, { leaseSeconds: 30 });
    expect(await bot.drainOnce()).toEqual({ claimed: 2, acked: 1, left: 1 });
    expect(rows.map((r) => r.deliveredAt !== null)).toEqual([false, true]);

    discord.failWhen(() => null);
    expect(await bot.drainOnce()).toEqual({ claimed: 0, acked: 0, left: 0 }); // still leased
    clock += 30_000;
    expect(await bot.drainOnce()).toEqual({ claimed: 1, acked: 1, left: 0 });
    expect(discord.directMessages().map((dm) => dm.userId)).toEqual([BO.discordId, ANN.discordId]);
  });

  it('acknowledges what Discord can never deliver (DMs closed, no Discord id) instead of retrying it forever', async () => {
    rows.push(row('n1', 'APPLICATION_DECIDED', ANN, { accepted: true }), row('n2', 'APPLICATION_DECIDED', NO_DISCORD, { accepted: true }));
    discord.failWhen((call) => (call.path.includes('/messages') ? { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } } : null));
    expect(await drain(null).drainOnce()).toEqual({ claimed: 2, acked: 2, left: 0 });
    expect(discord.directMessages()).toEqual([]);
  });

  it('does not start rows near the end of their lease: another bot may hold them by then', async () => {
    rows.push(row('n1', 'APPLICATION_DECIDED', ANN, { accepted: true }), row('n2', 'APPLICATION_DECIDED', BO, { accepted: true }));
    const slowDeliveries = drain(null, {
      leaseSeconds: 20,
      deliver: async () => {
        clock += 16_000; // past the last safe start (lease 20 s - margin 5 s)
        return 'delivered';
      },
    });
    expect(await slowDeliveries.drainOnce()).toEqual({ claimed: 2, acked: 1, left: 1 });
  });
});

describe('TEAM_FORMED', () => {
  const team = [LEAD, ANN, BO];
  const formed = (id: string, recipient: Row['recipient'], role: string) => row(id, 'TEAM_FORMED', recipient, { role, members: team });

  it('with a team channel: the LEAD row makes one private thread, records it, adds everyone and posts the card; MEMBER rows get no DM', async () => {
    rows.push(formed('t1', ANN, 'MEMBER'), formed('t2', LEAD, 'LEAD'), formed('t3', BO, 'MEMBER'));
    expect(await drain(TEAM_CHANNEL).drainOnce()).toEqual({ claimed: 3, acked: 3, left: 0 });
    expect(discord.directMessages()).toEqual([]);
    const threadCalls = discord.calls.map((call) => `${call.method} ${call.path}`);
    expect(threadCalls).toEqual([
      `POST /channels/${TEAM_CHANNEL}/threads`,
      `PUT /channels/thread-1/thread-members/${LEAD.discordId}`,
      `PUT /channels/thread-1/thread-members/${ANN.discordId}`,
      `PUT /channels/thread-1/thread-members/${BO.discordId}`,
      'POST /channels/thread-1/messages',
    ]);
    expect(discord.calls[0]!.body).toMatchObject({ name: '스프링 *팀* 팀', type: 12, invitable: false });
    const card = (discord.calls[4]!.body!.embeds as { title: string; fields: { value: string }[] }[])[0]!;
    expect(card.title).toBe('스프링 \\*팀\\* 팀이 꾸려졌어요');
    expect(card.fields.map((field) => field.value)).toEqual(['팀장 \\[링크\\](https://evil.example)', '앤, 보']);
    expect(threadOf.get('op1')).toBe('thread-1');

    // Started again later (or redelivered): the recorded thread is reused, never a second one.
    rows.push(formed('t4', LEAD, 'LEAD'));
    expect(await drain(TEAM_CHANNEL).drainOnce()).toEqual({ claimed: 1, acked: 1, left: 0 });
    expect(discord.calls.filter((call) => call.path.endsWith('/threads'))).toHaveLength(1);
    expect(discord.calls.at(-1)).toMatchObject({ method: 'POST', path: '/channels/thread-1/messages' });
  });

  it('names the thread and writes the card in the lead\'s language; without a channel, each member reads their own', async () => {
    const leadInEnglish = { ...LEAD, locale: 'en' as const };
    rows.push(formed('t1', leadInEnglish, 'LEAD'));
    expect(await drain(TEAM_CHANNEL).drainOnce()).toEqual({ claimed: 1, acked: 1, left: 0 });
    expect(discord.calls[0]!.body).toMatchObject({ name: '스프링 *팀* team' });
    const card = (discord.calls.at(-1)!.body!.embeds as { title: string; fields: { name: string }[] }[])[0]!;
    expect([card.title, ...card.fields.map((field) => field.name)]).toEqual(['The team 스프링 \\*팀\\* is formed', 'Lead', 'Members']);

    rows.push(formed('t2', { ...ANN, locale: 'en' }, 'MEMBER'), formed('t3', BO, 'MEMBER'));
    expect(await drain(null).drainOnce()).toEqual({ claimed: 2, acked: 2, left: 0 });
    expect(discord.directMessages().map((dm) => dm.body.content)).toEqual([
      'The team **스프링 \\*팀\\*** is formed! With you: 팀장 \\[링크\\](https://evil.example), 보',
      '**스프링 \\*팀\\*** 팀이 꾸려졌어요! 함께할 사람: 팀장 \\[링크\\](https://evil.example), 앤',
    ]);
  });

  it('when another delivery recorded a thread first, ours is deleted and theirs used', async () => {
    rows.push(formed('t1', LEAD, 'LEAD'));
    fake.resolvers.RecordTeamThread = ({ openingId }) => ({ recordTeamThread: { id: openingId, teamThreadId: 'thread-theirs' } });
    expect(await drain(TEAM_CHANNEL).drainOnce()).toEqual({ claimed: 1, acked: 1, left: 0 });
    const calls = discord.calls.map((call) => `${call.method} ${call.path}`);
    expect(calls).toContain('DELETE /channels/thread-1');
    expect(calls.at(-1)).toBe('POST /channels/thread-theirs/messages');
  });

  it('without a team channel: every member is told the others\' names by DM', async () => {
    rows.push(formed('t1', LEAD, 'LEAD'), formed('t2', ANN, 'MEMBER'), formed('t3', BO, 'MEMBER'));
    expect(await drain(null).drainOnce()).toEqual({ claimed: 3, acked: 3, left: 0 });
    expect(discord.directMessages().map((dm) => [dm.userId, dm.body.content])).toEqual([
      [LEAD.discordId, '**스프링 \\*팀\\*** 팀이 꾸려졌어요! 함께할 사람: 앤, 보'],
      [ANN.discordId, '**스프링 \\*팀\\*** 팀이 꾸려졌어요! 함께할 사람: 팀장 \\[링크\\](https://evil.example), 보'],
      [BO.discordId, '**스프링 \\*팀\\*** 팀이 꾸려졌어요! 함께할 사람: 팀장 \\[링크\\](https://evil.example), 앤'],
    ]);
    expect(discord.calls.some((call) => call.path.endsWith('/threads'))).toBe(false);
  });

  it('a thread that cannot be made leaves the LEAD row leased, to be tried again', async () => {
    rows.push(formed('t1', LEAD, 'LEAD'));
    discord.failWhen((call) => (call.path.endsWith('/threads') ? { status: 403, body: { message: 'Missing Access', code: 50001 } } : null));
    expect(await drain(TEAM_CHANNEL).drainOnce()).toEqual({ claimed: 1, acked: 0, left: 1 });
    expect(threadOf.size).toBe(0);
  });
});

describe('the loop', () => {
  it('drains a backlog batch after batch, then stops gracefully: the row in hand is finished, no new claim', async () => {
    for (let i = 0; i < 7; i += 1) rows.push(row(`n${i}`, 'APPLICATION_DECIDED', ANN, { accepted: true }));
    let delivered = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bot = drain(null, {
      batchSize: 3,
      idleMs: 60_000,
      deliver: async () => {
        delivered += 1;
        if (delivered === 5) await gate; // hold the 5th row while stop() is called
        return 'delivered';
      },
    });
    bot.start();
    await expect.poll(() => delivered, { timeout: 10_000 }).toBe(5);
    const stopped = bot.stop();
    release();
    await stopped;
    const claimsAtStop = fake.operations().filter((op) => op === 'ClaimNotifications').length;
    expect(claimsAtStop).toBe(2); // 3 + 3 rows; the second batch was in hand
    expect(rows.filter((r) => r.deliveredAt !== null)).toHaveLength(5);
    // The sixth row of the batch was left leased, the seventh never claimed: both come back after the lease.
    clock += 60_000;
    expect(await drain(null).drainOnce()).toEqual({ claimed: 2, acked: 2, left: 0 });
  });
});

describe('an API that cannot be reached', () => {
  it('is asked again less and less often, and the loop still stops at once', async () => {
    const down = createGraphqlApi({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 1000 });
    let claims = 0;
    const bot = new OutboxDrain({
      api: { claimNotifications: (limit, lease) => ((claims += 1), down.claimNotifications(limit, lease)), ackNotifications: (ids) => down.ackNotifications(ids) },
      deliver: async () => 'delivered',
      logger: pino({ level: 'silent' }),
      idleMs: 50,
    });
    bot.start();
    // Backoff 100, 200, 400, 800 ms…: about 5 claims in 1.5 s instead of 30 at the idle pause.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const started = Date.now();
    await bot.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(claims).toBeGreaterThanOrEqual(2);
    expect(claims).toBeLessThanOrEqual(8);
  });
});
