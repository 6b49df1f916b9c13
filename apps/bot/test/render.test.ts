import { describe, expect, it } from 'vitest';
import type { OpeningMatchView, Vocabulary } from '../src/api/types';
import { translator } from '../src/i18n';
import { decodeButton } from '../src/interactions/custom-id';
import { LIMITS, embedLength, fitEmbeds, truncate } from '../src/render/limits';
import { PAGE_SIZE, renderMatchPage } from '../src/render/match-reply';
import { scoreBar } from '../src/render/score-bar';

const vocabulary: Vocabulary = {
  regions: ['서울특별시', '경기도', '재택'],
  stacks: ['Java', 'Spring Boot', 'React', 'TypeScript'],
  traits: ['비전공자', '온라인 중심'],
  tags: ['스터디'],
};
const VIEWER = '100000000000000001';

function match(i: number, overrides: Partial<OpeningMatchView['opening']> = {}, score = 0.5): OpeningMatchView {
  return {
    opening: {
      id: `opening${i}`,
      kind: 'PROJECT',
      title: `팀 ${i}`,
      region: '서울특별시',
      stacks: ['Java', 'Spring Boot'],
      minExperienceYears: 2,
      tags: [],
      capacity: 4,
      freeSeats: 3,
      status: 'OPEN',
      createdAt: null,
      lead: null,
      ...overrides,
    },
    score,
    reasons: [
      { code: 'SAME_REGION', message: '같은 지역' },
      { code: 'STACK_MATCH', message: '스택 일치 (Java)' },
      { code: 'EXPERIENCE_MET', message: '경력 충족 (3년차 ≥ 2년차)' },
      { code: 'SHARED_TAG', message: '공통 관심사 (스터디)' },
    ],
  };
}

describe('scoreBar', () => {
  it('fills cells in proportion to the score and prints the percentage', () => {
    expect(scoreBar(0.72)).toBe('▰▰▰▰▰▰▰▱▱▱ 72%');
    expect(scoreBar(0)).toBe('▱▱▱▱▱▱▱▱▱▱ 0%');
    expect(scoreBar(1, 6)).toBe('▰▰▰▰▰▰ 100%');
  });
  it('clamps out-of-range and non-finite scores', () => {
    expect(scoreBar(1.7)).toBe(scoreBar(1));
    expect(scoreBar(-3)).toBe(scoreBar(0));
    expect(scoreBar(Number.NaN)).toBe(scoreBar(0));
  });
});

describe('truncate and fitEmbeds', () => {
  it('cuts by code points and marks the cut', () => {
    expect(truncate('가나다라마', 3)).toBe('가나…');
    expect(truncate('가나다', 3)).toBe('가나다');
    expect(Array.from(truncate('😀'.repeat(10), 5))).toHaveLength(5);
  });
  it('drops trailing embeds once the 6000-character total would be exceeded', () => {
    const big = { title: 'x', description: 'y'.repeat(2500) };
    const kept = fitEmbeds([big, big, big, big]);
    expect(kept).toHaveLength(2);
    expect(kept.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
  it('never keeps more than ten embeds', () => {
    expect(fitEmbeds(Array.from({ length: 12 }, () => ({ title: 'a' })))).toHaveLength(10);
  });
});

describe('renderMatchPage', () => {
  const t = translator('ko');

  it('renders one embed per opening with region, stacks, years, seats, score bar and top three reasons', () => {
    const reply = renderMatchPage(
      { matches: [match(1, {}, 0.9), match(2)], page: 0, hasMore: false, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER },
      t,
    );
    expect(reply.embeds).toHaveLength(2);
    const first = reply.embeds![0]!;
    expect(first.title).toBe('1. [프로젝트] 팀 1');
    expect(first.description).toBe('적합도 ▰▰▰▰▰▰▰▰▰▱ 90%');
    const fields = Object.fromEntries(first.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ 지역: '서울특별시', 스택: 'Java, Spring Boot', '최소 경력': '2년차 이상', '남은 자리': '3 / 4' });
    expect(fields['추천 이유']).toBe('• 같은 지역\n• 스택 일치 (Java)\n• 경력 충족 (3년차 ≥ 2년차)');
    expect(reply.content).toBe('저장된 프로필로 찾은 추천 결과 1–2위');
  });

  it('numbers a later page and encodes the next page and the save button into custom ids', () => {
    const query = {
      source: 'options' as const,
      kind: 'STUDY' as const,
      profile: { region: '경기도', experienceYears: 3, stacks: ['React', 'TypeScript'], traits: ['비전공자'] },
    };
    const five = [1, 2, 3, 4, 5].map((i) => match(i));
    const first = renderMatchPage({ matches: five, page: 0, hasMore: true, query, vocabulary, viewerDiscordId: VIEWER }, t);
    const navigation = first.components![1]!.components.map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(navigation).toHaveLength(2);
    expect(decodeButton(navigation[0]!, vocabulary)).toEqual({ action: 'more', page: 1, query });
    expect(decodeButton(navigation[1]!, vocabulary)).toEqual({ action: 'save', query });

    const second = renderMatchPage({ matches: five, page: 1, hasMore: false, query, vocabulary, viewerDiscordId: VIEWER }, t);
    expect(second.embeds![0]!.title).toMatch(/^6\. /);
    expect(second.components).toHaveLength(1); // apply only: no lead's buttons, no more pages, no save after page 1
  });

  it('offers 비슷한 팀원 보기 only on the openings the viewer leads (the API shows their members to the lead only)', () => {
    const me = { id: 'm-me', displayName: '나', discordId: VIEWER };
    const someoneElse = { id: 'm-other', displayName: '남', discordId: '200000000000000002' };
    const matches = [match(1, { lead: someoneElse }), match(2, { lead: me }), match(3), match(4, { lead: me })];
    const reply = renderMatchPage({ matches, page: 0, hasMore: false, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER }, t);
    const rows = reply.components!.map((row) => row.components.map((c) => ('custom_id' in c && 'label' in c ? [c.custom_id, c.label] : [])));
    expect(rows).toEqual([
      [['a:opening1', '지원하기 1'], ['a:opening2', '지원하기 2'], ['a:opening3', '지원하기 3'], ['a:opening4', '지원하기 4']],
      [['s:opening2', '비슷한 팀원 보기 2'], ['s:opening4', '비슷한 팀원 보기 4']],
    ]);
    const stranger = renderMatchPage({ matches, page: 0, hasMore: false, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: '300000000000000003' }, t);
    expect(stranger.components).toHaveLength(1);
    expect(stranger.components![0]!.components.every((c) => 'custom_id' in c && c.custom_id.startsWith('a:'))).toBe(true);
  });

  it('stays within Discord limits for absurdly long data', () => {
    const long = match(1, { title: '긴제목'.repeat(200), stacks: Array(10).fill('Spring Boot') }, 0.3);
    long.reasons = Array.from({ length: 20 }, (_, i) => ({ code: 'X', message: `이유 ${i} ${'가'.repeat(500)}` }));
    const reply = renderMatchPage(
      { matches: Array.from({ length: PAGE_SIZE }, () => long), page: 0, hasMore: true, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER },
      t,
    );
    const embeds = reply.embeds!;
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const embed of embeds) {
      expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
      for (const field of embed.fields!) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(reply.components!.length).toBeLessThanOrEqual(LIMITS.actionRows);
    for (const row of reply.components!) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    // buttons exist only for openings whose embed is shown
    expect(reply.components![0]!.components).toHaveLength(embeds.length);
  });

  it('speaks English when asked', () => {
    const reply = renderMatchPage(
      { matches: [match(1, { minExperienceYears: 0, kind: 'STUDY' })], page: 0, hasMore: false, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER },
      translator('en-US'),
    );
    expect(reply.embeds![0]!.title).toBe('1. [Study] 팀 1');
    expect(reply.embeds![0]!.fields!.map((f) => f.name)).toEqual(['Region', 'Stacks', 'Min. experience', 'Free seats', 'Why']);
    expect(reply.embeds![0]!.fields![2]!.value).toBe('any');
    expect(reply.embeds![0]!.fields![4]!.value).toBe('• Same region\n• Stack match (Java)\n• Experience met (3y ≥ 2y)');
  });
});

describe('replyAsText', () => {
  it('shows content, each embed with inline fields on one line, and the button labels row by row', async () => {
    const { replyAsText } = await import('../src/render/as-text');
    const reply = renderMatchPage(
      { matches: [match(1, { lead: { id: 'm1', displayName: '나', discordId: VIEWER } }, 0.8)], page: 0, hasMore: true, query: { source: 'profile', kind: null }, vocabulary, viewerDiscordId: VIEWER },
      translator('ko'),
    );
    expect(replyAsText(reply)).toBe(
      [
        '저장된 프로필로 찾은 추천 결과 1–1위',
        '',
        '┃ 1. [프로젝트] 팀 1',
        '┃ 적합도 ▰▰▰▰▰▰▰▰▱▱ 80%',
        '┃ 지역: 서울특별시  ·  스택: Java, Spring Boot  ·  최소 경력: 2년차 이상  ·  남은 자리: 3 / 4',
        '┃ 추천 이유:',
        '┃   • 같은 지역',
        '┃   • 스택 일치 (Java)',
        '┃   • 경력 충족 (3년차 ≥ 2년차)',
        '',
        '[지원하기 1]',
        '[비슷한 팀원 보기 1]',
        '[더 보기]',
      ].join('\n'),
    );
  });
});
