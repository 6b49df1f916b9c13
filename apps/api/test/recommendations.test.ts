import { referenceScore, type OpeningCriteria, type Profile } from '@moim/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, createOpening, errorOf, opening, tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const RECOMMEND = `query($m: ID, $p: ProfileInput, $f: OpeningFilter, $first: Int, $same: Boolean, $exp: Boolean, $excl: Boolean) {
  recommendOpenings(memberId: $m, profile: $p, filter: $f, first: $first, sameRegionOnly: $same, experienceMet: $exp, excludeApplied: $excl) {
    score similarity referenceScore reasons { code message }
    opening { id externalId kind region stacks minExperienceYears tags status }
  }
}`;
const PROFILE = { region: '서울', experienceYears: 2, stacks: ['Java', 'spring boot'], traits: ['팀 협업'] };

describe('recommendOpenings', () => {
  it('exactly one of memberId/profile; first 1..100; profile fields named', async () => {
    const before = await tableCounts(api);
    expect(errorOf(await api.gql(RECOMMEND, {}))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'profile' });
    expect(errorOf(await api.gql(RECOMMEND, { m: 'x', p: PROFILE }, api.botKey))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(errorOf(await api.gql(RECOMMEND, { p: PROFILE, first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', value: 101 });
    expect(errorOf(await api.gql(RECOMMEND, { p: { ...PROFILE, region: '달' } }))).toMatchObject({ field: 'profile.region', value: '달' });
    expect(errorOf(await api.gql(RECOMMEND, { p: { ...PROFILE, stacks: [] } }))).toMatchObject({ field: 'profile.stacks' });
    expect(errorOf(await api.gql(RECOMMEND, { p: { ...PROFILE, experienceYears: 99 } }))).toMatchObject({ field: 'profile.experienceYears', value: 99 });
    expect(errorOf(await api.gql(RECOMMEND, { p: PROFILE, f: { status: ['FULL'] } }))).toMatchObject({ field: 'filter.status' });
    expect(errorOf(await api.gql(RECOMMEND, { m: 'no-such-member' }, api.botKey))).toMatchObject({ field: 'memberId', value: 'no-such-member' });
    expect(await tableCounts(api)).toEqual(before);
  });

  it('ranks by the documented blend, explains with Korean reasons, and never recommends FULL or CLOSED openings', async () => {
    const open = await createOpening(api, { title: '열린 자리', region: '서울', stacks: ['Java', 'Spring Boot'] });
    const closed = await createOpening(api, { title: '닫힌 자리', region: '서울', stacks: ['Java', 'Spring Boot'] });
    const full = await createOpening(api, { title: '꽉 찬 자리', region: '서울', stacks: ['Java', 'Spring Boot'], capacity: 1 });
    await createOpening(api, { title: '파이썬', region: '부산', stacks: ['Django'] });
    await api.gql(`mutation($id: ID!) { closeOpening(id: $id) { id } }`, { id: closed.id }, api.adminKey);
    const taker = await createMember(api, { displayName: '먼저 온 사람' });
    const app = await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: taker.id, o: full.id }, api.adminKey);
    await api.gql(`mutation($id: ID!) { decideApplication(id: $id, accept: true) { id } }`, { id: app.body.data!.apply.id }, api.adminKey);

    const r = await api.gql(RECOMMEND, { p: PROFILE, first: 100 });
    expect(r.body.errors).toBeUndefined();
    const matches = r.body.data!.recommendOpenings as any[];
    const ids = matches.map((m) => m.opening.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(full.id);
    expect(matches.every((m) => m.opening.status === 'OPEN')).toBe(true);
    const w = api.app.config.scoreWeight;
    const profile: Profile = { region: '서울특별시', experienceYears: 2, stacks: ['Java', 'Spring Boot'], traits: ['팀 협업'] };
    for (const m of matches) {
      const ref = referenceScore(profile, m.opening as OpeningCriteria);
      expect(m.referenceScore).toBe(ref.score);
      expect(m.reasons).toEqual(ref.reasons);
      expect(m.score).toBeCloseTo(w * Math.min(1, Math.max(0, m.similarity)) + (1 - w) * ref.score, 5);
    }
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1].score).toBeGreaterThanOrEqual(matches[i].score);
    const best = matches.find((m) => m.opening.id === open.id)!;
    expect(best.reasons[0]).toEqual({ code: 'STACK_MATCH', message: '스택 일치 (Java, Spring Boot)' });
  });

  it('memberId: hard filters (same region, experience met, not already applied) apply in the search', async () => {
    const m = await createMember(api, { region: '대전', experienceYears: 1, stacks: ['React'] });
    const applied = await createOpening(api, { region: '대전', stacks: ['React'], minExperienceYears: 0 });
    await createOpening(api, { region: '재택', stacks: ['React'], minExperienceYears: 1 });
    await createOpening(api, { region: '대전', stacks: ['React'], minExperienceYears: 5 });
    await createOpening(api, { region: '울산', stacks: ['React'], minExperienceYears: 0 });
    await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: m.id, o: applied.id }, api.adminKey);

    const r = await api.gql(RECOMMEND, { m: m.id, first: 100, same: true, exp: true }, api.botKey);
    const got = r.body.data!.recommendOpenings as any[];
    expect(got.length).toBeGreaterThan(0);
    for (const x of got) {
      expect(['대전광역시', '재택']).toContain(x.opening.region);
      expect(x.opening.minExperienceYears).toBeLessThanOrEqual(1);
      expect(x.opening.id).not.toBe(applied.id);
    }
    const withApplied = await api.gql(RECOMMEND, { m: m.id, first: 100, same: true, excl: false }, api.botKey);
    expect((withApplied.body.data!.recommendOpenings as any[]).map((x) => x.opening.id)).toContain(applied.id);
  });

  it('filtered nearest-neighbour search still returns `first` rows when the filter is rare (iterative scan)', async () => {
    // 2,000 openings, 60 of them STUDY in 제주: the rare ones are far from the top of the unfiltered index.
    const rows = Array.from({ length: 2000 }, (_, i) =>
      opening({
        externalId: `ann-${i}`,
        kind: i % 33 === 0 && i < 1980 ? 'STUDY' : 'PROJECT',
        region: i % 33 === 0 && i < 1980 ? '제주' : '서울',
        stacks: i % 33 === 0 ? ['Go'] : ['Java', 'Spring Boot'],
        title: `후보 ${i}`,
      }),
    );
    const imported = await api.gql(`mutation($i: [OpeningInput!]!) { importOpenings(input: $i) { created failed { index } } }`, { i: rows }, api.adminKey);
    expect(imported.body.data!.importOpenings).toEqual({ created: 2000, failed: [] });
    const rare = rows.filter((r) => r.kind === 'STUDY').length;
    expect(rare).toBe(60);
    const r = await api.gql(RECOMMEND, { p: PROFILE, f: { kind: 'STUDY', regions: ['제주'] }, first: 50 });
    const got = r.body.data!.recommendOpenings as any[];
    expect(got).toHaveLength(50);
    expect(got.every((x) => x.opening.kind === 'STUDY' && x.opening.region === '제주특별자치도')).toBe(true);
  });
});

describe('recommendMembers, proposeTeam, formTeams', () => {
  it('recommendMembers excludes applicants and ranks best first', async () => {
    const o = await createOpening(api, { region: '광주', stacks: ['Django', 'Flask'], capacity: 3 });
    const good = await createMember(api, { displayName: '장고 개발자', region: '광주', stacks: ['Django'], experienceYears: 3 });
    const applicant = await createMember(api, { displayName: '지원자', region: '광주', stacks: ['Flask'], experienceYears: 3 });
    await api.gql(`mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: applicant.id, o: o.id }, api.adminKey);
    const r = await api.gql(`query($id: ID!) { recommendMembers(openingId: $id, first: 100) { score referenceScore reasons { code } member { id } } }`, { id: o.id }, api.adminKey);
    const got = r.body.data!.recommendMembers as any[];
    const ids = got.map((x) => x.member.id);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(applicant.id);
    for (let i = 1; i < got.length; i++) expect(got[i - 1].score).toBeGreaterThanOrEqual(got[i].score);
    expect(errorOf(await api.gql(`{ recommendMembers(openingId: "nope") { score } }`, {}, api.adminKey))).toMatchObject({ field: 'openingId', value: 'nope' });
  });

  it('proposeTeam fills free seats, covering required stacks first, with per-member and total scores', async () => {
    const o = await createOpening(api, { region: '세종', stacks: ['Kotlin', 'Vue.js', 'FastAPI'], capacity: 3, minExperienceYears: 0 });
    await createMember(api, { displayName: '코틀린', region: '세종', stacks: ['Kotlin'] });
    await createMember(api, { displayName: '뷰', region: '세종', stacks: ['Vue.js'] });
    await createMember(api, { displayName: '패스트', region: '세종', stacks: ['FastAPI'] });
    const r = await api.gql(`query($id: ID!) { proposeTeam(openingId: $id) { totalScore coveredStacks missingStacks opening { id freeSeats } members { score member { stacks } } } }`, { id: o.id }, api.adminKey);
    const t = r.body.data!.proposeTeam;
    expect(t.members.length).toBeLessThanOrEqual(t.opening.freeSeats);
    expect(t.members).toHaveLength(3);
    expect(t.coveredStacks.sort()).toEqual(['FastAPI', 'Kotlin', 'Vue.js']);
    expect(t.missingStacks).toEqual([]);
    expect(t.totalScore).toBeCloseTo(t.members.reduce((s: number, m: any) => s + m.score, 0), 5);
  });

  it('formTeams (admin) assigns globally within free seats instead of everyone taking the popular top-1', async () => {
    const popular = await createOpening(api, { title: '인기', region: '인천', stacks: ['Node.js'], capacity: 1, minExperienceYears: 0 });
    const second = await createOpening(api, { title: '차선', region: '인천', stacks: ['Node.js', 'TypeScript'], capacity: 2, minExperienceYears: 0 });
    const members = await Promise.all([0, 1, 2].map((i) => createMember(api, { displayName: `노드${i}`, region: '인천', stacks: ['Node.js'] })));
    const q = `query($ids: [ID!]!) { formTeams(kind: PROJECT, memberIds: $ids) { totalScore algorithm unassigned { id } assignments { totalScore opening { id capacity } members { score member { id } } } } }`;
    expect(errorOf(await api.gql(q, { ids: members.map((m) => m.id) }, api.botKey)).code).toBe('FORBIDDEN');
    const r = await api.gql(q, { ids: members.map((m) => m.id) }, api.adminKey);
    const f = r.body.data!.formTeams;
    const placed = f.assignments.flatMap((a: any) => a.members.map((m: any) => m.member.id));
    expect(new Set(placed).size).toBe(placed.length);
    for (const a of f.assignments) expect(a.members.length).toBeLessThanOrEqual(a.opening.capacity);
    const at = (id: string) => f.assignments.find((a: any) => a.opening.id === id)?.members.length ?? 0;
    expect(at(popular.id)).toBeLessThanOrEqual(1);
    expect(placed).toHaveLength(3);
    expect(at(popular.id) + at(second.id)).toBeGreaterThanOrEqual(1);
    expect(f.totalScore).toBeCloseTo(f.assignments.reduce((s: number, a: any) => s + a.totalScore, 0), 5);
    expect(f.algorithm).toContain('min-cost');
    expect(errorOf(await api.gql(q, { ids: [members[0]!.id, 'ghost'] }, api.adminKey))).toMatchObject({ field: 'memberIds[1]', value: 'ghost' });
  });
});
