import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphqlApi } from '../src/api/moim-graphql-api';
import { createHandlerDeps, type HandlerDeps } from '../src/interactions/deps';
import { handleInteraction } from '../src/interactions/handler';
import { OPEN_FIELDS } from '../src/command-helpers/open-form';
import { autocompleteContext, buttonContext, commandContext, customIds, formContext, options, type Recorded } from './support/fake-context';
import { FakeGraphqlError, memberData, memberRef, openingData, startFakeGraphql, type FakeGraphql } from './support/fake-graphql';

/**
 * The bot's side of the team loop (/open, /team, 제안하기, 팀 시작, 수락 / 거절, /notify) through the real GraphQL
 * client against a fake endpoint that checks each operation against the API's schema files and records the acting
 * member header. (The real API serves these operations once the `team` branch lands; see the e2e test.)
 */
const LEAD = '510000000000000001';
const OTHER = '520000000000000002';
const BOT_KEY = 'bot_test_key_0123456789';

let fake: FakeGraphql;
let deps: HandlerDeps;

const vocabulary = { regions: ['서울특별시', '경기도', '재택'], stacks: ['Java', 'Spring Boot', 'React'], traits: ['비전공자'], tags: [] };

beforeAll(async () => {
  fake = await startFakeGraphql();
  deps = createHandlerDeps({ api: createGraphqlApi({ url: fake.url, apiKey: BOT_KEY }), logger: pino({ level: 'silent' }), cooldownMs: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.received.length = 0;
  fake.resolvers = {
    Vocabulary: () => ({ vocabulary: vocabulary }),
    MemberByDiscordId: ({ discordId }) => ({
      memberByDiscordId: discordId === LEAD ? memberData('m-lead', LEAD, { stacks: ['Java', 'Spring Boot'] }) : discordId === OTHER ? memberData('m-other', OTHER) : null,
    }),
  };
});

/** Runs one interaction (a submitted form, a click, a command) through the handler; the text the member finally reads. */
async function contentOf(made: { ctx: Parameters<typeof handleInteraction>[0]; recorded: Recorded }): Promise<string | undefined> {
  await handleInteraction(made.ctx, deps);
  return made.recorded.last?.content;
}

/** Every request but the vocabulary (cached, shared) was made for the member who acted, with the BOT key. */
function expectActingFor(discordId: string) {
  const requests = fake.received.filter((request) => request.operation !== 'Vocabulary');
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect({ operation: request.operation, acting: request.acting, authorization: request.authorization }).toEqual({
      operation: request.operation,
      acting: discordId,
      authorization: `Bearer ${BOT_KEY}`,
    });
  }
}

describe('/open', () => {
  it('shows a five-input form (kind and region are the options) prefilled with the lead\'s stacks, without deferring', async () => {
    const { ctx, recorded } = commandContext('open', options({ kind: 'STUDY', region: '서울' }), { userId: LEAD });
    await handleInteraction(ctx, deps);
    expect(recorded.deferred).toBe(0);
    expect(recorded.forms).toHaveLength(1);
    const form = recorded.forms[0]!;
    expect(form.custom_id).toBe('o:S.0'); // 서울 folded to 서울특별시, index 0
    expect(form.title).toBe('새 모집 열기');
    const inputs = form.components.flatMap((row) => ('components' in row ? row.components : [])) as { custom_id: string; value?: string; required?: boolean }[];
    expect(inputs.map((input) => input.custom_id)).toEqual(Object.values(OPEN_FIELDS));
    expect(inputs.find((input) => input.custom_id === 'stacks')?.value).toBe('Java, Spring Boot');
    expect(inputs.find((input) => input.custom_id === 'description')?.required).toBe(false);
    expectActingFor(LEAD);
  });

  it('tells a caller without a profile to use /profile first, and a region outside the vocabulary is named', async () => {
    const newcomer = commandContext('open', options({ kind: 'PROJECT', region: '재택' }), { userId: '530000000000000003' });
    await handleInteraction(newcomer.ctx, deps);
    expect(newcomer.recorded.forms).toHaveLength(0);
    expect(newcomer.recorded.last?.content).toBe('모집을 열려면 먼저 /profile set 으로 프로필을 저장해 주세요. 팀장도 프로필로 소개돼요.');

    const mars = commandContext('open', options({ kind: 'PROJECT', region: '화성' }), { userId: LEAD, locale: 'en-US' });
    await handleInteraction(mars.ctx, deps);
    expect(mars.recorded.forms).toHaveLength(0);
    expect(mars.recorded.last?.content).toBe('Please check your input: `region` value `화성` is not accepted.');
  });

  it('creates the opening from the submitted form, acting for the caller (the API makes them lead)', async () => {
    fake.resolvers.CreateOpening = ({ input }) => ({ createOpening: openingData('op-new', { ...(input as object), freeSeats: 4 }) });
    const { ctx, recorded } = formContext(
      'o:P.2',
      { title: '  리액트 [사이드](https://evil.example) 프로젝트 ', stacks: 'react, Spring Boot,react', years: '1', seats: '4', description: '주말마다 만나요' },
      { userId: LEAD },
    );
    await handleInteraction(ctx, deps);
    expect(recorded.deferred).toBe(1);
    const create = fake.received.find((request) => request.operation === 'CreateOpening')!;
    expect(create.variables.input).toEqual({
      kind: 'PROJECT',
      region: '재택',
      title: '리액트 [사이드](https://evil.example) 프로젝트',
      stacks: ['React', 'Spring Boot'],
      minExperienceYears: 1,
      capacity: 4,
      description: '주말마다 만나요',
      tags: [],
    });
    expect(recorded.last?.content).toBe('**리액트 \\[사이드\\](https://evil.example) 프로젝트** 모집을 열었어요! 회원님이 팀장이에요. /team 으로 어울리는 팀원을 찾아 제안해 보세요.');
    expect(recorded.last?.embeds?.[0]?.title).toBe('[프로젝트] 리액트 \\[사이드\\](https://evil.example) 프로젝트');
    expectActingFor(LEAD);
  });

  it('names the form field at fault, before and after the API, and sends nothing it knows is wrong', async () => {
    expect(await contentOf(formContext('o:P.0', { title: 't', stacks: 'Java', years: '0', seats: '0' }, { userId: LEAD }))).toBe('입력값을 확인해 주세요: `seats` 값 `0` 은(는) 사용할 수 없어요.');
    expect(await contentOf(formContext('o:P.0', { title: 't', stacks: 'Java', years: 'ten', seats: '3' }, { userId: LEAD }))).toBe('입력값을 확인해 주세요: `years` 값 `ten` 은(는) 사용할 수 없어요.');
    expect(fake.operations()).not.toContain('CreateOpening');

    fake.resolvers.CreateOpening = () => {
      throw new FakeGraphqlError('input.stacks[1]: unknown stack "Cobol"', { code: 'BAD_USER_INPUT', field: 'input.stacks[1]', value: 'Cobol' });
    };
    expect(await contentOf(formContext('o:P.0', { title: 't', stacks: 'Java, Cobol', years: '0', seats: '3' }, { userId: LEAD }))).toBe('입력값을 확인해 주세요: `stacks` 값 `Cobol` 은(는) 사용할 수 없어요.');

    expect(await contentOf(formContext('o:X.0', { title: 't', stacks: 'Java', years: '0', seats: '3' }, { userId: LEAD }))).toBe('이 버튼은 더 이상 사용할 수 없어요. 명령어를 다시 실행해 주세요.');
  });
});

describe('/team (leads only)', () => {
  beforeEach(() => {
    fake.resolvers.Opening = ({ id }) => ({ opening: id === 'op1' ? openingData('op1', { title: '스프링 팀' }) : null });
  });

  it('lists recommended members with a 제안하기 button each and a 팀 시작 button', async () => {
    fake.resolvers.RecommendMembers = ({ first }) => ({
      recommendMembers: [1, 2, 3].slice(0, first as number).map((i) => ({
        score: 0.9 - i / 10,
        reasons: [{ code: 'STACK_MATCH', message: '스택 일치 (Java)' }],
        member: memberData(`m${i}`, null, { displayName: `후보 ${i}` }),
      })),
    });
    const { ctx, recorded } = commandContext('team', options({ opening: 'op1' }), { userId: LEAD });
    await handleInteraction(ctx, deps);
    expect(recorded.last?.embeds?.[0]?.title).toBe('스프링 팀 에 제안할 만한 팀원');
    expect(recorded.last?.embeds?.[0]?.description).toMatch(/^1\. \*\*후보 1\*\* /);
    expect(customIds(recorded.last)).toEqual([['p:op1:m1', 'p:op1:m2', 'p:op1:m3'], ['g:op1']]);
    expectActingFor(LEAD);
  });

  it('answers a member who does not lead the opening politely (the API says FORBIDDEN)', async () => {
    fake.resolvers.RecommendMembers = () => {
      throw new FakeGraphqlError('only the lead may', { code: 'FORBIDDEN' });
    };
    const { ctx, recorded } = commandContext('team', options({ opening: 'op1' }), { userId: OTHER });
    await handleInteraction(ctx, deps);
    expect(recorded.last?.content).toBe('이 모집의 팀장만 쓸 수 있어요. /open 으로 직접 모집을 열 수 있어요.');
    expect(recorded.last?.components).toEqual([]);
    expectActingFor(OTHER);
  });

  it('autocompletes only the caller\'s own openings', async () => {
    fake.resolvers.SearchOpenings = () => ({
      openings: {
        edges: [
          { node: { ...openingData('op1', { title: '내 팀' }), lead: memberRef('m-lead', LEAD) } },
          { node: { ...openingData('op2', { title: '남의 팀' }), lead: memberRef('m-other', OTHER) } },
          { node: { ...openingData('op3', { title: '관리자 팀' }), lead: null } },
        ],
      },
    });
    const { ctx, recorded } = autocompleteContext('team', options({ opening: '팀' }, null, 'opening'), { userId: LEAD });
    await handleInteraction(ctx, deps);
    expect(recorded.choices).toEqual([[{ name: '내 팀 (서울특별시)', value: 'op1' }]]);
    expectActingFor(LEAD);
  });

  it('제안하기 invites, 팀 시작 starts, and the API\'s reasons get their own messages', async () => {
    fake.resolvers.InviteMember = ({ openingId, memberId }) => ({
      inviteMember: { id: 'inv1', status: 'PENDING', member: memberRef(memberId as string, null, '후보 @everyone'), opening: openingData(openingId as string, { title: '스프링 팀' }) },
    });
    fake.resolvers.StartTeam = ({ openingId }) => ({ startTeam: openingData(openingId as string, { title: '스프링 팀', status: 'FULL' }) });
    expect(await contentOf(buttonContext('p:op1:m2', { userId: LEAD }))).toBe('**후보 @\u200beveryone** 님에게 **스프링 팀** 합류를 제안했어요. 답이 오면 알려 드릴게요.');
    expect(fake.received.find((request) => request.operation === 'InviteMember')?.variables).toEqual({ openingId: 'op1', memberId: 'm2' });
    expect(await contentOf(buttonContext('g:op1', { userId: LEAD }))).toBe('**스프링 팀** 팀을 시작했어요! 팀원들에게 곧 안내가 가요.');
    expectActingFor(LEAD);

    const reasons: [string, string][] = [
      ['ALREADY_APPLIED', '이 회원은 이미 이 모집에 지원했어요. 받은 지원 DM에서 수락해 주세요.'],
      ['ALREADY_INVITED', '이미 제안을 보낸 회원이에요.'],
      ['ALREADY_SEATED', '이미 팀에 합류한 회원이에요.'],
      ['OPENING_NOT_OPEN', '이 모집은 지금 자리를 받지 않아요 (인원 마감 또는 마감).'],
      ['SELF_INVITE', '자기 자신에게는 제안할 수 없어요.'],
    ];
    for (const [reason, text] of reasons) {
      fake.resolvers.InviteMember = () => {
        throw new FakeGraphqlError(reason, { code: 'BAD_USER_INPUT', field: 'memberId', value: 'm2', reason });
      };
      expect(await contentOf(buttonContext('p:op1:m2', { userId: LEAD }))).toBe(text);
    }
    fake.resolvers.StartTeam = () => {
      throw new FakeGraphqlError('not the lead', { code: 'FORBIDDEN' });
    };
    expect(await contentOf(buttonContext('g:op1', { userId: OTHER, locale: 'en-US' }))).toBe('Only the lead of this opening can use this. Open your own with /open.');
  });
});

describe('수락 / 거절 under DMs', () => {
  it('decides an application (lead) and answers an invitation (invitee), acting for whoever clicked', async () => {
    fake.resolvers.DecideApplication = ({ id, accept }) => ({
      decideApplication: { id, status: accept ? 'ACCEPTED' : 'DECLINED', member: memberRef('m-other', OTHER, '지원자'), opening: openingData('op1', { title: '스프링 팀' }) },
    });
    fake.resolvers.RespondToInvitation = ({ id, accept }) => ({
      respondToInvitation: { id, status: accept ? 'ACCEPTED' : 'DECLINED', member: memberRef('m-other', OTHER), opening: openingData('op1', { title: '스프링 팀' }) },
    });
    expect(await contentOf(buttonContext('d:app1:y', { userId: LEAD }))).toBe('**지원자** 님의 **스프링 팀** 지원을 수락했어요.');
    expect(fake.received.find((request) => request.operation === 'DecideApplication')?.variables).toEqual({ id: 'app1', accept: true });
    expectActingFor(LEAD);

    fake.received.length = 0;
    expect(await contentOf(buttonContext('r:inv1:n', { userId: OTHER }))).toBe('**스프링 팀** 제안을 거절했어요.');
    expect(fake.received.find((request) => request.operation === 'RespondToInvitation')?.variables).toEqual({ id: 'inv1', accept: false });
    expectActingFor(OTHER);

    fake.resolvers.RespondToInvitation = () => {
      throw new FakeGraphqlError('already answered', { code: 'BAD_USER_INPUT', field: 'id', value: 'inv1', reason: 'INVITATION_NOT_PENDING' });
    };
    expect(await contentOf(buttonContext('r:inv1:y', { userId: OTHER }))).toBe('이미 답했거나 철회된 제안이에요.');
  });

  it('a decision by someone who is not the lead is FORBIDDEN and said so', async () => {
    fake.resolvers.DecideApplication = () => {
      throw new FakeGraphqlError('not the lead', { code: 'FORBIDDEN' });
    };
    const { ctx, recorded } = buttonContext('d:app1:n', { userId: OTHER });
    await handleInteraction(ctx, deps);
    expect(recorded.last?.content).toBe('이 모집의 팀장만 쓸 수 있어요. /open 으로 직접 모집을 열 수 있어요.');
  });
});

describe('/notify keeps the threshold on the member in the API', () => {
  it('on, status and off go through upsertMember with notifyThreshold, leaving the profile as it is', async () => {
    let threshold: number | null = null;
    fake.resolvers.MemberByDiscordId = () => ({ memberByDiscordId: memberData('m-lead', LEAD, { stacks: ['Java'], traits: ['비전공자'], notifyThreshold: threshold }) });
    fake.resolvers.UpsertMember = ({ input }) => {
      threshold = (input as { notifyThreshold: number | null }).notifyThreshold;
      return { upsertMember: memberData('m-lead', LEAD, { notifyThreshold: threshold }) };
    };
    expect(await contentOf(commandContext('notify', options({ threshold: 55 }, 'on'), { userId: LEAD }))).toBe('알림을 켰어요. 적합도 55% 이상인 새 모집이 올라오면 DM으로 알려 드릴게요.');
    expect(fake.received.find((request) => request.operation === 'UpsertMember')?.variables.input).toEqual({
      region: '서울특별시',
      experienceYears: 2,
      stacks: ['Java'],
      traits: ['비전공자'],
      displayName: '회원 m-lead',
      discordId: LEAD,
      notifyThreshold: 0.55,
      locale: 'ko',
    });
    expect(await contentOf(commandContext('notify', options({}, 'status'), { userId: LEAD }))).toBe('알림: 켜짐 (적합도 55% 이상)');
    expect(await contentOf(commandContext('notify', options({}, 'off'), { userId: LEAD }))).toBe('알림을 껐어요.');
    expect(threshold).toBeNull();
    expect(fake.operations().filter((operation) => operation === 'UpsertMember')).toHaveLength(2);
    expectActingFor(LEAD);
  });

  it('/profile set leaves notifyThreshold out (unchanged), so saving a profile never turns DMs on or off', async () => {
    fake.resolvers.UpsertMember = ({ input }) => ({ upsertMember: memberData('m-lead', LEAD, input as Record<string, unknown>) });
    const { ctx } = commandContext('profile', options({ region: '경기도', years: 3, stack: 'React' }, 'set'), { userId: LEAD });
    await handleInteraction(ctx, deps);
    const input = fake.received.find((request) => request.operation === 'UpsertMember')?.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({ region: '경기도', stacks: ['React'] });
    expect('notifyThreshold' in input).toBe(false);
  });
});
