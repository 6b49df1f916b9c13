// A member's and an admin's whole journey across the packages, with the shipped default model, the real
// API over HTTP and a real PostgreSQL + pgvector database: upload openings as an admin, save a profile
// as the bot, get recommendations with reasons, apply, get accepted, and see the full opening disappear.
import { startApi, type InProcessApi } from '@moim/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, graphqlOk } from './support/http';

// The seed card's usage example: a Java developer in 경상북도, a matching project and a poor one.
const SEED_PROFILE = { region: '경북', experienceYears: 2, stacks: ['자바'], traits: ['비전공자', '온라인 중심'] };
const CSV = [
  'externalId,kind,title,description,region,stacks,minExperienceYears,tags,capacity',
  'seed-match,PROJECT,경북 자바 프로젝트,주말마다 모여요,경상북도,Java,1,스터디;프로젝트 중심,1',
  'seed-poor,PROJECT,강원 JPA 프로젝트,,강원도,JPA,2,비전공자 환영;프로젝트 중심,2',
  'react-seoul,PROJECT,서울 리액트 사이드 프로젝트,,서울,React;TypeScript,3,팀 협업,4',
  'django-remote,STUDY,장고 스터디,,재택,Django,0,스터디,6',
  'go-busan,PROJECT,부산 Go 백엔드,,부산,Go,5,CS 전공자 필수,2',
  'bad-region,PROJECT,없는 지역,,화성,Java,1,,2',
  'bad-stack,PROJECT,없는 스택,,서울,Rust,1,,2',
].join('\n');

interface Match {
  score: number;
  similarity: number;
  reasons: { code: string; message: string }[];
  opening: { id: string; externalId: string | null; title: string; status: string; freeSeats: number };
}

const MATCH_FIELDS = 'score similarity reasons { code message } opening { id externalId title status freeSeats }';

describe('member and admin journey (default model, PostgreSQL, HTTP)', () => {
  let api: InProcessApi;
  let db: InProcessApi['db'];
  let url: string;
  let adminKey: string;
  let botKey: string;

  beforeAll(async () => {
    api = await startApi();
    ({ db, url, adminKey, botKey } = api);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('serves the shipped default model', async () => {
    const data = await graphqlOk<{ embedder: { modelId: string; dimension: number } }>(url, '{ embedder { modelId dimension } }');
    expect(data.embedder.modelId).toMatch(/^moim-ko-mini@[0-9a-f]{12}$/);
    expect(data.embedder.dimension).toBeGreaterThan(0);
  });

  it('imports openings from a CSV upload, storing good rows and reporting bad ones by field', async () => {
    const res = await fetch(`${url}/admin/openings/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminKey}` },
      body: CSV,
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { created: number; updated: number; errors: { index: number; field: string }[] };
    expect(report.created).toBe(5);
    expect(report.errors.map((e) => [e.index, e.field])).toEqual([
      [5, 'region'],
      [6, 'stacks[0]'],
    ]);
    expect(await db.prisma.opening.count()).toBe(5);
    expect(await db.prisma.openingEmbedding.count()).toBe(5);

    // Re-uploading the same external ids updates in place.
    const again = await fetch(`${url}/admin/openings/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminKey}` },
      body: CSV,
    });
    const second = (await again.json()) as { created: number; updated: number };
    expect(second).toMatchObject({ created: 0, updated: 5 });
    expect(await db.prisma.opening.count()).toBe(5);
  });

  it('recommends the seed card’s matching project first, with Korean reasons, for a profile typed with aliases', async () => {
    const member = await graphqlOk<{ upsertMember: { id: string; sentence: string } }>(
      url,
      'mutation($i: MemberInput!) { upsertMember(input: $i) { id sentence } }',
      { i: { ...SEED_PROFILE, displayName: '이서연', discordId: '123456789012345678' } },
      botKey,
    );
    expect(member.upsertMember.sentence).toBe('경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심');

    const { recommendOpenings } = await graphqlOk<{ recommendOpenings: Match[] }>(
      url,
      `query($m: ID!) { recommendOpenings(memberId: $m, first: 5) { ${MATCH_FIELDS} } }`,
      { m: member.upsertMember.id },
      botKey,
    );
    const order = recommendOpenings.map((m) => m.opening.externalId);
    expect(order[0]).toBe('seed-match');
    expect(order.indexOf('seed-match')).toBeLessThan(order.indexOf('seed-poor'));
    const top = recommendOpenings[0]!;
    const poor = recommendOpenings.find((m) => m.opening.externalId === 'seed-poor')!;
    // The model alone (cosine, before the blend with the reference score) must tell the two apart.
    expect(top.similarity - poor.similarity).toBeGreaterThan(0.1);
    expect(top.reasons.map((r) => r.message)).toEqual(
      expect.arrayContaining(['스택 일치 (Java)', '같은 지역']),
    );
    // Openings with no stack in common or related to Java score at the bottom, if returned at all.
    const unrelated = new Set(['react-seoul', 'django-remote', 'go-busan']);
    for (const m of recommendOpenings.filter((x) => unrelated.has(x.opening.externalId ?? ''))) {
      expect(m.score).toBeLessThan(top.score);
    }
  });

  it('applies, accepts the last seat, marks the opening FULL and stops recommending it', async () => {
    const { memberByDiscordId } = await graphqlOk<{ memberByDiscordId: { id: string } }>(
      url,
      '{ memberByDiscordId(discordId: "123456789012345678") { id } }',
      {},
      botKey,
    );
    const opening = await db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'seed-match' } });
    const applied = await graphqlOk<{ apply: { id: string; status: string } }>(
      url,
      'mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id status } }',
      { m: memberByDiscordId.id, o: opening.id },
      botKey,
      // The bot applies for the Discord user who clicked (issue 12: a BOT key acts only for its acting member).
      { 'x-moim-acting-discord-id': '123456789012345678' },
    );
    expect(applied.apply.status).toBe('APPLIED');

    const anonymous = await graphql(url, 'mutation($id: ID!) { decideApplication(id: $id, accept: true) { id } }', { id: applied.apply.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const closeByBot = await graphql(url, 'mutation($id: ID!) { closeOpening(id: $id) { id } }', { id: opening.id }, botKey);
    expect(closeByBot.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // An uploaded opening has no lead, so an admin decides (a lead decides through the bot as the acting lead).
    const decideByBot = await graphql(url, 'mutation($id: ID!) { decideApplication(id: $id, accept: true) { id } }', { id: applied.apply.id }, botKey);
    expect(decideByBot.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await graphqlOk(url, 'mutation($id: ID!) { decideApplication(id: $id, accept: true) { id status } }', { id: applied.apply.id }, adminKey);
    const after = await db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } });
    expect(after.status).toBe('FULL');

    const { recommendOpenings } = await graphqlOk<{ recommendOpenings: Match[] }>(
      url,
      `query($p: ProfileInput!) { recommendOpenings(profile: $p, first: 10) { ${MATCH_FIELDS} } }`,
      { p: SEED_PROFILE },
    );
    expect(recommendOpenings.length).toBeGreaterThan(0);
    expect(recommendOpenings.map((m) => m.opening.externalId)).not.toContain('seed-match');
  });
});
