import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { OPENING_FIELDS, createOpening, errorOf, opening, tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const IMPORT = `mutation($i: [OpeningInput!]!, $atomic: Boolean) {
  importOpenings(input: $i, atomic: $atomic) { created updated jobId failed { index field message } }
}`;

describe('openings', () => {
  it('createOpening stores canonical values, the spec sentence and a vector; aliases accepted', async () => {
    const o = await createOpening(api, { kind: '스터디', region: 'remote', stacks: ['springboot', 'jpa'], tags: ['스터디'], minExperienceYears: 0 });
    expect(o).toMatchObject({ kind: 'STUDY', region: '재택', stacks: ['Spring Boot', 'JPA'], status: 'OPEN', freeSeats: 3, acceptedCount: 0, applicationCount: 0 });
    expect(o.sentence).toBe('재택 지역 프로젝트, 요구 스택: Spring Boot, JPA, 필요 경력: 무관. 특이사항: 스터디');
    expect(await api.db.prisma.openingEmbedding.count({ where: { openingId: o.id } })).toBe(1);
  });

  it('createOpening refuses an externalId that exists (importOpenings updates instead)', async () => {
    await createOpening(api, { externalId: 'dup-1' });
    const before = await tableCounts(api);
    const r = await api.gql(`mutation($i: OpeningInput!) { createOpening(input: $i) { id } }`, { i: opening({ externalId: 'dup-1' }) }, api.adminKey);
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.externalId', value: 'dup-1' });
    expect(await tableCounts(api)).toEqual(before);
  });

  it('updateOpening replaces fields and re-embeds; closeOpening and reopenOpening switch status', async () => {
    const o = await createOpening(api);
    const u = await api.gql(`mutation($id: ID!, $i: OpeningInput!) { updateOpening(id: $id, input: $i) { ${OPENING_FIELDS} } }`,
      { id: o.id, i: opening({ title: '바뀐 제목', stacks: ['React'], region: '부산' }) }, api.adminKey);
    expect(u.body.data!.updateOpening).toMatchObject({ id: o.id, title: '바뀐 제목', stacks: ['React'], region: '부산광역시' });
    expect(u.body.data!.updateOpening.sentence).toContain('요구 스택: React');
    const closed = await api.gql(`mutation($id: ID!) { closeOpening(id: $id) { id status } }`, { id: o.id }, api.adminKey);
    expect(closed.body.data!.closeOpening.status).toBe('CLOSED');
    const reopened = await api.gql(`mutation($id: ID!) { reopenOpening(id: $id) { id status } }`, { id: o.id }, api.adminKey);
    expect(reopened.body.data!.reopenOpening.status).toBe('OPEN');
  });

  it('openings: cursor pages cover every row exactly once; filters by kind, region alias, stack, status, text', async () => {
    const batch = Array.from({ length: 25 }, (_, i) =>
      opening({ externalId: `page-${i}`, title: `페이지 ${i}${i % 5 === 0 ? ' 특별' : ''}`, kind: i % 2 ? 'STUDY' : 'PROJECT', region: i % 3 ? '대구' : '광주광역시', stacks: i % 4 ? ['Go'] : ['Kotlin'] }),
    );
    expect((await api.gql(IMPORT, { i: batch }, api.adminKey)).body.data!.importOpenings.created).toBe(25);
    const q = `query($f: OpeningFilter, $after: String) { openings(filter: $f, first: 7, after: $after) { totalCount edges { cursor node { externalId } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: { body: { data?: any } } = await api.gql(q, { f: { stacks: ['go', 'kotlin'], regions: ['대구', '광주'] }, after });
      const c: any = r.body.data!.openings;
      expect(c.totalCount).toBe(25);
      seen.push(...c.edges.map((e: any) => e.node.externalId));
      pages++;
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(25);
    const kind = await api.gql(q, { f: { kind: 'STUDY', stacks: ['Kotlin'] } });
    expect(kind.body.data!.openings.totalCount).toBe(batch.filter((b) => b.kind === 'STUDY' && (b.stacks as string[])[0] === 'Kotlin').length);
    const text = await api.gql(q, { f: { text: '특별' } });
    expect(text.body.data!.openings.totalCount).toBe(5);
    const status = await api.gql(q, { f: { status: ['CLOSED'], text: '페이지' } });
    expect(status.body.data!.openings.totalCount).toBe(0);
  });

  it('first above 100, a bad cursor and an unknown filter region are BAD_USER_INPUT', async () => {
    expect(errorOf(await api.gql(`{ openings(first: 101) { totalCount } }`))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', value: 101 });
    expect(errorOf(await api.gql(`{ openings(first: 0) { totalCount } }`))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await api.gql(`{ openings(after: "bm9wZQ") { totalCount } }`))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorOf(await api.gql(`{ openings(filter: { regions: ["서울", "아틀란티스"] }) { totalCount } }`))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.regions[1]',
      value: '아틀란티스',
    });
  });
});

describe('importOpenings', () => {
  const rows = () => [
    opening({ externalId: 'imp-1', title: '하나' }),
    opening({ externalId: 'imp-2', title: '둘', region: '화성시' }),
    opening({ externalId: 'imp-3', title: '셋', stacks: ['Java', 'Cobol'] }),
    opening({ externalId: 'imp-4', title: '넷', minExperienceYears: 99 }),
    opening({ externalId: 'imp-5', title: '다섯', capacity: 0 }),
    opening({ externalId: 'imp-6', title: '여섯', kind: 'HACKATHON' }),
    opening({ externalId: 'imp-1', title: '하나 중복' }),
    opening({ externalId: null, title: '외부 ID 없음' }),
  ];

  it('atomic: true stores nothing when any row is bad, and reports every bad row', async () => {
    const before = await tableCounts(api);
    const r = await api.gql(IMPORT, { i: rows(), atomic: true }, api.adminKey);
    const report = r.body.data!.importOpenings;
    expect(report).toMatchObject({ created: 0, updated: 0 });
    expect(report.failed.map((f: any) => [f.index, f.field])).toEqual([
      [1, 'region'],
      [2, 'stacks[1]'],
      [3, 'minExperienceYears'],
      [4, 'capacity'],
      [5, 'kind'],
      [6, 'externalId'],
    ]);
    expect(report.failed[1].message).toContain('Cobol');
    const after = await tableCounts(api);
    expect({ ...after, importJobs: before.importJobs }).toEqual(before);
    const job = await api.gql(`query($id: ID!) { importJob(id: $id) { status total processed created failed errors { index field } } }`, { id: report.jobId }, api.adminKey);
    expect(job.body.data!.importJob).toMatchObject({ status: 'FAILED', total: 8, processed: 8, created: 0, failed: 6 });
  });

  it('atomic: false stores the valid rows and reports the bad ones; re-upload updates, never duplicates', async () => {
    const first = (await api.gql(IMPORT, { i: rows(), atomic: false }, api.adminKey)).body.data!.importOpenings;
    expect(first).toMatchObject({ created: 2, updated: 0 });
    expect(first.failed).toHaveLength(6);
    const stored = await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'imp-1' } });
    expect(stored.title).toBe('하나');
    const again = rows().filter((r) => r.externalId === 'imp-1' || r.externalId === null).slice(0, 1);
    again[0]!.title = '하나 (수정)';
    again[0]!.capacity = 5;
    const second = (await api.gql(IMPORT, { i: again }, api.adminKey)).body.data!.importOpenings;
    expect(second).toMatchObject({ created: 0, updated: 1, failed: [] });
    expect(await api.db.prisma.opening.count({ where: { externalId: 'imp-1' } })).toBe(1);
    const updated = await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'imp-1' } });
    expect(updated).toMatchObject({ id: stored.id, title: '하나 (수정)', capacity: 5 });
    expect(await api.db.prisma.openingEmbedding.count({ where: { openingId: stored.id } })).toBe(1);
    const job = await api.gql(`query($id: ID!) { importJob(id: $id) { status total processed created updated failed } }`, { id: second.jobId }, api.adminKey);
    expect(job.body.data!.importJob).toEqual({ status: 'SUCCEEDED', total: 1, processed: 1, created: 0, updated: 1, failed: 0 });
  });
});
