import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { MEMBER_FIELDS, errorOf, member, tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const UPSERT = `mutation($i: MemberInput!, $id: ID) { upsertMember(input: $i, id: $id) { ${MEMBER_FIELDS} } }`;

describe('members', () => {
  it('creates a member with canonical values, the spec sentence and a stored vector', async () => {
    const r = await api.gql(UPSERT, { i: member({ region: '서울', stacks: ['spring boot', 'jpa'], traits: ['비전공자', '온라인 중심'] }) }, api.botKey);
    expect(r.body.errors).toBeUndefined();
    const m = r.body.data!.upsertMember;
    expect(m).toMatchObject({ region: '서울특별시', stacks: ['Spring Boot', 'JPA'], traits: ['비전공자', '온라인 중심'] });
    expect(m.sentence).toBe('서울특별시 거주, 2년차 개발자, 스택: Spring Boot, JPA. 추가: 비전공자, 온라인 중심');
    const vectors = await api.db.prisma.memberEmbedding.count({ where: { memberId: m.id } });
    expect(vectors).toBe(1);
    const read = await api.gql(`query($id: ID!) { member(id: $id) { ${MEMBER_FIELDS} applications { id } } }`, { id: m.id }, api.botKey);
    expect(read.body.data!.member).toMatchObject({ id: m.id, applications: [] });
  });

  it('upserts by discordId (update, not duplicate) and by id', async () => {
    const discordId = '123456789012345678';
    const first = await api.gql(UPSERT, { i: member({ discordId, displayName: '처음' }) }, api.botKey);
    const second = await api.gql(UPSERT, { i: member({ discordId, displayName: '두번째', experienceYears: 7 }) }, api.botKey);
    const a = first.body.data!.upsertMember;
    const b = second.body.data!.upsertMember;
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ displayName: '두번째', experienceYears: 7 });
    expect(b.sentence).toContain('7년차 이상 개발자');
    expect(await api.db.prisma.member.count({ where: { discordId } })).toBe(1);
    const byDiscord = await api.gql(`query($d: String!) { memberByDiscordId(discordId: $d) { id displayName } }`, { d: discordId }, api.botKey);
    expect(byDiscord.body.data!.memberByDiscordId).toEqual({ id: a.id, displayName: '두번째' });
    const byId = await api.gql(UPSERT, { i: member({ displayName: '세번째' }), id: a.id }, api.adminKey);
    expect(byId.body.data!.upsertMember).toMatchObject({ id: a.id, displayName: '세번째', discordId: null });
  });

  it('deletes a member (false the second time)', async () => {
    const created = (await api.gql(UPSERT, { i: member() }, api.botKey)).body.data!.upsertMember;
    const del = `mutation($id: ID!) { deleteMember(id: $id) }`;
    expect((await api.gql(del, { id: created.id }, api.botKey)).body.data).toEqual({ deleteMember: true });
    expect((await api.gql(del, { id: created.id }, api.botKey)).body.data).toEqual({ deleteMember: false });
    expect((await api.gql(`query($id: ID!) { member(id: $id) { id } }`, { id: created.id }, api.botKey)).body.data).toEqual({ member: null });
  });

  it('refuses anonymous writes', async () => {
    const before = await tableCounts(api);
    const r = await api.gql(UPSERT, { i: member() });
    expect(errorOf(r).code).toBe('UNAUTHENTICATED');
    expect(await tableCounts(api)).toEqual(before);
  });

  const badInputs: [string, Record<string, unknown>, string, unknown][] = [
    ['unknown region', { region: '화성시' }, 'input.region', '화성시'],
    ['unknown stack', { stacks: ['Java', 'Cobol'] }, 'input.stacks[1]', 'Cobol'],
    ['years above range', { experienceYears: 51 }, 'input.experienceYears', 51],
    ['negative years', { experienceYears: -1 }, 'input.experienceYears', -1],
    ['empty stacks', { stacks: [] }, 'input.stacks', []],
    ['duplicate stack after aliases', { stacks: ['Java', 'java'] }, 'input.stacks[1]', 'java'],
    ['oversized displayName', { displayName: '가'.repeat(51) }, 'input.displayName', '가'.repeat(51)],
    ['control character in displayName', { displayName: 'a\u0007b' }, 'input.displayName', 'a\u0007b'],
    ['malformed discordId', { discordId: '12ab' }, 'input.discordId', '12ab'],
    ['unknown trait', { traits: ['천재'] }, 'input.traits[0]', '천재'],
  ];
  it.each(badInputs)('BAD_USER_INPUT naming the field and value, nothing written: %s', async (_name, patch, field, value) => {
    const before = await tableCounts(api);
    const r = await api.gql(UPSERT, { i: member(patch) }, api.botKey);
    const e = errorOf(r);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.field).toBe(field);
    expect(e.value).toEqual(value);
    expect(e.message).toContain(field);
    expect(await tableCounts(api)).toEqual(before);
  });

  it('refuses an unknown id on update', async () => {
    const r = await api.gql(UPSERT, { i: member(), id: 'no-such-member' }, api.botKey);
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', value: 'no-such-member' });
  });
});
