import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphqlApi } from '../src/api/moim-graphql-api';
import { createHandlerDeps, type HandlerDeps } from '../src/interactions/deps';
import { handleInteraction } from '../src/interactions/handler';
import { deliverNotification } from '../src/notifications/deliver';
import type { DiscordOutlet } from '../src/notifications/messenger';
import type { Reply } from '../src/interactions/context';
import { buttonContext, commandContext, customIds, options } from './support/fake-context';
import { startRealApi, type RealApi } from './support/real-api';

/**
 * Handlers driven by fake interaction contexts (Discord is the one thing we cannot reach) against the real API
 * on a real PostgreSQL database with a real embedding model.
 */
let real: RealApi;
let deps: HandlerDeps;
const ids: Record<string, string> = {};

const MEMBER_A = '111111111111111111';
const MEMBER_B = '222222222222222222';
const MEMBER_C = '333333333333333333';
const NEWCOMER = '444444444444444444';

async function run(ctx: Parameters<typeof handleInteraction>[0], using: HandlerDeps = deps) {
  await handleInteraction(ctx, using);
}

async function command(name: string, values: Record<string, string | number> = {}, subcommand: string | null = null, userId = MEMBER_A, locale = 'ko') {
  const { ctx, recorded } = commandContext(name, options(values, subcommand), { userId, locale, userName: `user-${userId.slice(0, 3)}` });
  await run(ctx);
  expect(recorded.deferred).toBe(1);
  return recorded.last!;
}

async function click(customId: string, userId = MEMBER_A) {
  const { ctx, recorded } = buttonContext(customId, { userId, userName: `user-${userId.slice(0, 3)}` });
  await run(ctx);
  expect(recorded.deferred).toBe(1);
  return recorded.last!;
}

function titles(reply: Reply): string[] {
  return (reply.embeds ?? []).map((embed) => embed.title ?? '');
}

beforeAll(async () => {
  real = await startRealApi();
  deps = createHandlerDeps({ api: real.api, logger: pino({ level: 'silent' }), cooldownMs: 0 });
  const seeds = [
    { key: 'spring', kind: 'PROJECT', title: '스프링 부트 백엔드 팀', region: '서울특별시', stacks: ['Java', 'Spring Boot'], minExperienceYears: 1, capacity: 1 },
    { key: 'react', kind: 'STUDY', title: '리액트 주말 스터디', region: '재택', stacks: ['React', 'TypeScript'], minExperienceYears: 0, capacity: 4 },
    { key: 'django', kind: 'PROJECT', title: '장고 커머스 프로젝트', region: '부산광역시', stacks: ['Django'], minExperienceYears: 3, capacity: 3 },
    { key: 'jpa', kind: 'PROJECT', title: 'JPA 성능 개선 프로젝트', region: '경기도', stacks: ['JPA'], minExperienceYears: 2, capacity: 2 },
    { key: 'kotlin', kind: 'PROJECT', title: '코틀린 안드로이드 앱', region: '서울특별시', stacks: ['Kotlin'], minExperienceYears: 1, capacity: 3 },
    { key: 'java2', kind: 'PROJECT', title: '자바 알고리즘 프로젝트', region: '재택', stacks: ['Java'], minExperienceYears: 3, capacity: 5 },
    { key: 'next', kind: 'PROJECT', title: 'Next.js 포트폴리오 사이트', region: '서울특별시', stacks: ['Next.js'], minExperienceYears: 1, capacity: 2 },
  ] as const;
  for (const { key, ...seed } of seeds) ids[key] = await real.admin.createOpening({ ...seed, stacks: [...seed.stacks] });
}, 180_000);

afterAll(async () => {
  await real?.close();
});

describe('/match against the real API', () => {
  it('with options: one embed per opening, Korean reasons, apply/similar/more/save buttons, then 더 보기', async () => {
    const reply = await command('match', { kind: 'PROJECT', region: '서울특별시', years: 2, stack: 'Java', stack2: 'Spring Boot' });
    expect(reply.content).toBe('추천 결과 1–5위');
    expect(reply.embeds).toHaveLength(5);
    expect(titles(reply).every((title) => title.includes('[프로젝트]'))).toBe(true);
    const rank = titles(reply).findIndex((title) => title.endsWith('스프링 부트 백엔드 팀'));
    expect(rank).toBeGreaterThanOrEqual(0);
    const spring = reply.embeds![rank]!;
    expect(spring.title).toBe(`${rank + 1}. [프로젝트] 스프링 부트 백엔드 팀`);
    const fields = Object.fromEntries(spring.fields!.map((field) => [field.name, field.value]));
    expect(fields).toMatchObject({ 지역: '서울특별시', 스택: 'Java, Spring Boot', '최소 경력': '1년차 이상', '남은 자리': '1 / 1' });
    expect(fields['추천 이유']).toContain('스택 일치');
    expect(fields['추천 이유']).toContain('같은 지역');
    expect(spring.description).toMatch(/^적합도 [▰▱]{10} \d{1,3}%$/);
    const rows = customIds(reply);
    expect(rows[0]![rank]).toBe(`a:${ids.spring}`);
    expect(rows[1]!.map((id) => id.split(':')[0])).toEqual(['m', 'v']); // no 비슷한 팀원 보기: MEMBER_A leads none of these

    const next = await click(rows[1]![0]!);
    expect(next.content).toBe('추천 결과 6–6위');
    expect(titles(next)).toHaveLength(1);
    expect(titles(next)[0]).toMatch(/^6\. \[프로젝트\] /);
    const all = new Set([...titles(reply), ...titles(next)].map((title) => title.replace(/^\d+\. /, '')));
    expect(all.size).toBe(6); // six PROJECT openings, no repeats across pages
  });

  it('with no options and no saved profile: asks for a profile', async () => {
    const reply = await command('match', {}, null, NEWCOMER);
    expect(reply.content).toBe('저장된 프로필이 없어요. /profile set 으로 프로필을 저장하거나 /match 에 옵션을 입력해 주세요.');
    expect(reply.embeds ?? []).toEqual([]);
  });

  it('with a saved profile: /profile set, show, then /match with no options uses it', async () => {
    const saved = await command('profile', { region: '재택', years: 1, stack: 'react', extra: '비전공자' }, 'set', MEMBER_B);
    expect(saved.content).toBe('프로필을 저장했어요.');
    const stored = await real.api.memberByDiscordId(MEMBER_B);
    expect(stored).toMatchObject({ region: '재택', experienceYears: 1, stacks: ['React'], traits: ['비전공자'], displayName: 'user-222' });

    const shown = await command('profile', {}, 'show', MEMBER_B);
    expect(shown.embeds![0]!.fields!.map((field) => field.value)).toEqual(['재택', '1년', 'React', '비전공자']);

    const reply = await command('match', { kind: 'STUDY' }, null, MEMBER_B);
    expect(reply.content).toBe('저장된 프로필로 찾은 추천 결과 1–1위');
    expect(titles(reply)).toEqual(['1. [스터디] 리액트 주말 스터디']);
    expect(customIds(reply)[1]).toBeUndefined(); // no save button for a saved-profile query, no more pages
  });

  it('with some options: the rest come from the saved profile, and 저장 stores the typed options', async () => {
    const reply = await command('match', { stack: 'Kotlin' }, null, MEMBER_B);
    expect(titles(reply).some((title) => title.endsWith('[프로젝트] 코틀린 안드로이드 앱'))).toBe(true);
    const save = customIds(reply).at(-1)!.find((id) => id.startsWith('v:'))!;
    await click(save, MEMBER_B);
    expect((await real.api.memberByDiscordId(MEMBER_B))?.stacks).toEqual(['Kotlin']);
  });

  it('English locale gets English labels', async () => {
    const reply = await command('match', { region: '서울특별시', years: 1, stack: 'Java' }, null, MEMBER_C, 'en-US');
    expect(reply.content).toMatch(/^Matches 1–5$/);
    expect(reply.embeds![0]!.fields!.map((field) => field.name)).toEqual(['Region', 'Stacks', 'Min. experience', 'Free seats', 'Why']);
  });
});

describe('지원하기 then FULL', () => {
  it('applies, and once the last seat is taken a second member is told the team is full', async () => {
    await command('profile', { region: '서울특별시', years: 3, stack: 'Java' }, 'set', MEMBER_A);
    const applied = await click(`a:${ids.spring}`, MEMBER_A);
    expect(applied.content).toBe('**스프링 부트 백엔드 팀** 에 지원했어요! 팀장이 확인하면 알려 드릴게요.');
    const again = await click(`a:${ids.spring}`, MEMBER_A); // idempotent on the API side
    expect(again.content).toBe(applied.content);

    const [applicationId] = await real.admin.applicationIds(ids.spring!);
    await real.admin.decide(applicationId!, true);
    expect(await real.admin.openingStatus(ids.spring!)).toBe('FULL');

    await command('profile', { region: '서울특별시', years: 5, stack: 'Spring Boot' }, 'set', MEMBER_C);
    const full = await click(`a:${ids.spring}`, MEMBER_C);
    expect(full.content).toBe('아쉽지만 이 팀은 이미 자리가 다 찼어요. 다른 팀을 찾아보세요.');

    const after = await command('match', { region: '서울특별시', years: 5, stack: 'Java' }, null, MEMBER_C);
    expect(titles(after).some((title) => title.includes('스프링 부트 백엔드 팀'))).toBe(false); // FULL is never recommended
  });
});

describe('leads: /team and 비슷한 팀원 보기', () => {
  it('for the lead: recommended members with 제안하기 buttons, 팀 시작, and similar members', async () => {
    const led = await real.admin.createOpening({ kind: 'PROJECT', title: '코틀린 서버 리드 팀', region: '서울특별시', stacks: ['Kotlin', 'React'], minExperienceYears: 0, capacity: 3, leadDiscordId: MEMBER_A });
    const team = await command('team', { opening: led }, null, MEMBER_A);
    expect(team.embeds![0]!.title).toBe('코틀린 서버 리드 팀 에 제안할 만한 팀원');
    expect(team.embeds![0]!.description).toContain('user-222');
    const rows = customIds(team);
    expect(rows[0]!.length).toBeGreaterThan(0);
    expect(rows[0]!.every((id) => id.startsWith(`p:${led}:`))).toBe(true);
    expect(rows.at(-1)).toEqual([`g:${led}`]);

    const similar = await click(`s:${led}`, MEMBER_A);
    expect(similar.embeds![0]!.title).toBe('코틀린 서버 리드 팀 에 어울리는 팀원');
    expect(similar.embeds![0]!.description).toMatch(/^1\. \*\*user-/);
  });

  it('/match offers 비슷한 팀원 보기 only to the lead of the opening, and the lead\'s click answers', async () => {
    const led = await real.admin.createOpening({ kind: 'STUDY', title: '고 언어 리드 스터디', region: '서울특별시', stacks: ['Go'], minExperienceYears: 0, capacity: 3, leadDiscordId: MEMBER_A });
    const query = { kind: 'STUDY', region: '서울특별시', years: 1, stack: 'Go' };
    const similarButtons = (reply: Reply) => customIds(reply).flat().filter((id) => id.startsWith('s:'));

    const asLead = await command('match', query, null, MEMBER_A);
    expect(titles(asLead).some((title) => title.endsWith('고 언어 리드 스터디'))).toBe(true);
    expect(similarButtons(asLead)).toEqual([`s:${led}`]);
    const similar = await click(`s:${led}`, MEMBER_A);
    expect(similar.embeds![0]!.title).toBe('고 언어 리드 스터디 에 어울리는 팀원');
    expect(similar.embeds![0]!.description).toMatch(/^1\. \*\*user-/);

    const asOther = await command('match', query, null, MEMBER_B);
    expect(titles(asOther).some((title) => title.endsWith('고 언어 리드 스터디'))).toBe(true);
    expect(similarButtons(asOther)).toEqual([]);
  });

  it('for anyone else, and for openings without a lead: only the lead may (the API says FORBIDDEN)', async () => {
    const notLead = '이 모집의 팀장만 쓸 수 있어요. /open 으로 직접 모집을 열 수 있어요.';
    expect((await command('team', { opening: ids.kotlin! }, null, MEMBER_A)).content).toBe(notLead);
    expect((await click(`s:${ids.java2}`, MEMBER_B)).content).toBe(notLead);
  });
});

describe('every error path has its own message', () => {
  it('API unreachable', async () => {
    const down = createHandlerDeps({ api: createGraphqlApi({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 }), logger: pino({ level: 'silent' }), cooldownMs: 0 });
    const { ctx, recorded } = commandContext('match', options({}), { userId: MEMBER_A });
    await run(ctx, down);
    expect(recorded.last?.content).toBe('지금은 Moim 서버에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.');
  });

  it('bad option (BAD_USER_INPUT from the API) names the option the member typed', async () => {
    const region = await command('match', { region: '화성', years: 1, stack: 'Java' });
    expect(region.content).toBe('입력값을 확인해 주세요: `region` 값 `화성` 은(는) 사용할 수 없어요.');
    const duplicate = await command('match', { region: '서울특별시', years: 1, stack: 'Java', stack2: 'JAVA' });
    expect(duplicate.content).toBe('입력값을 확인해 주세요: `stack2` 값 `Java` 은(는) 사용할 수 없어요.');
    const unknownStack = await command('profile', { region: '서울특별시', years: 1, stack: 'Java', stack2: 'Cobol' }, 'set', NEWCOMER);
    expect(unknownStack.content).toBe('입력값을 확인해 주세요: `stack2` 값 `Cobol` 은(는) 사용할 수 없어요.');
    expect(await real.api.memberByDiscordId(NEWCOMER)).toBeNull(); // nothing written
  });

  it('aliases the API folds (서울, springboot) work', async () => {
    const reply = await command('match', { region: '서울', years: 2, stack: 'springboot' }, null, NEWCOMER);
    expect(reply.embeds!.length).toBeGreaterThan(0);
  });

  it('nothing found', async () => {
    const reply = await click('m:19:_', MEMBER_A); // page 20 of the saved-profile query is past the last result
    expect(reply.content).toBe('조건에 맞는 결과를 찾지 못했어요. 조건을 넓혀서 다시 시도해 보세요.');
  });

  it('no saved profile, also for 지원하기 and /notify', async () => {
    expect((await click(`a:${ids.react}`, NEWCOMER)).content).toMatch(/^저장된 프로필이 없어요/);
    expect((await command('notify', {}, 'on', NEWCOMER)).content).toMatch(/^저장된 프로필이 없어요/);
    expect((await command('profile', {}, 'delete', NEWCOMER)).content).toMatch(/^저장된 프로필이 없어요/);
  });

  it('unknown opening and tampered buttons', async () => {
    expect((await click('a:doesnotexist00000000000000', MEMBER_A)).content).toBe('요청한 항목을 찾을 수 없어요. 이미 삭제되었을 수 있어요.');
    expect((await click('v:_.999.1.0.', MEMBER_A)).content).toBe('이 버튼은 더 이상 사용할 수 없어요. 명령어를 다시 실행해 주세요.');
  });

  it('a key without rights is reported as such, not as a crash', async () => {
    const anonymous = createHandlerDeps({ api: createGraphqlApi({ url: real.url }), logger: pino({ level: 'silent' }), cooldownMs: 0 });
    const { ctx, recorded } = commandContext('profile', options({ region: '서울특별시', years: 1, stack: 'Java' }, 'set'), { userId: NEWCOMER });
    await run(ctx, anonymous);
    expect(recorded.last?.content).toBe('봇에 이 작업 권한이 없어요. 관리자에게 알려 주세요.');
    expect(await real.api.memberByDiscordId(NEWCOMER)).toBeNull();
  });
});

describe('/notify through the API', () => {
  it('keeps the threshold on the member (notifyThreshold), and /profile set leaves it as it is', async () => {
    expect((await command('notify', { threshold: 30 }, 'on', MEMBER_B)).content).toBe('알림을 켰어요. 적합도 30% 이상인 새 모집이 올라오면 DM으로 알려 드릴게요.');
    expect((await real.api.memberByDiscordId(MEMBER_B))?.notifyThreshold).toBeCloseTo(0.3);
    expect((await command('notify', {}, 'status', MEMBER_B)).content).toBe('알림: 켜짐 (적합도 30% 이상)');
    await command('profile', { region: '재택', years: 1, stack: 'Kotlin' }, 'set', MEMBER_B);
    expect((await real.api.memberByDiscordId(MEMBER_B))?.notifyThreshold).toBeCloseTo(0.3);
    expect((await command('notify', {}, 'off', MEMBER_B)).content).toBe('알림을 껐어요.');
    expect((await real.api.memberByDiscordId(MEMBER_B))?.notifyThreshold).toBeNull();
    expect((await command('notify', {}, 'status', MEMBER_B)).content).toBe('알림: 꺼짐');
  });
});

describe('DMs in the member\'s language, from the real outbox', () => {
  it('/profile set records the Discord client\'s language; a closed opening then tells each applicant in theirs', async () => {
    const english = '555555555555555555';
    const korean = '666666666666666666';
    await command('profile', { region: '경기도', years: 2, stack: 'Java' }, 'set', english, 'en-US');
    await command('profile', { region: '경기도', years: 2, stack: 'Java' }, 'set', korean, 'ko');
    expect([await real.admin.memberLocale(english), await real.admin.memberLocale(korean)]).toEqual(['en', 'ko']);

    const closing = await real.admin.createOpening({ kind: 'PROJECT', title: '마감될 [팀](https://evil.example)', region: '경기도', stacks: ['Java'], minExperienceYears: 0, capacity: 2 });
    await click(`a:${closing}`, english);
    await click(`a:${closing}`, korean);
    await real.admin.closeOpening(closing);

    const rows = (await real.api.claimNotifications(100, 60)).filter((n) => n.kind === 'SEAT_REQUEST_CLOSED' && n.opening?.id === closing);
    const sent: Record<string, string | undefined> = {};
    const notThreads = () => Promise.reject(new Error('no team threads here'));
    const outlet: DiscordOutlet = {
      sendDirect: async (userId, reply) => void (sent[userId] = reply.content),
      createPrivateThread: notThreads,
      addThreadMember: notThreads,
      post: notThreads,
      deleteChannel: notThreads,
    };
    const delivery = { api: real.api, outlet, vocabulary: () => real.api.vocabulary(), teamChannelId: null, logger: pino({ level: 'silent' }) };
    for (const row of rows) expect(await deliverNotification(row, delivery)).toBe('delivered');
    await real.api.ackNotifications(rows.map((row) => row.id));
    expect(sent).toEqual({
      [english]: '**마감될 \\[팀\\](https://evil.example)** was closed, so your application was withdrawn. Find another team with /match.',
      [korean]: '**마감될 \\[팀\\](https://evil.example)** 모집이 마감되어 지원이 취소되었어요. /match 로 다른 팀을 찾아보세요.',
    });
  });
});

describe('profile removal', () => {
  it('/profile delete removes the member through the API', async () => {
    expect((await command('profile', {}, 'delete', MEMBER_C)).content).toBe('프로필을 삭제했어요.');
    expect(await real.api.memberByDiscordId(MEMBER_C)).toBeNull();
  });
});
