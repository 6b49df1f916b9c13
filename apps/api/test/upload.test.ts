import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { tableCounts } from './support/fixtures';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const CSV = [
  '\uFEFFexternalId,kind,title,description,region,stacks,minExperienceYears,tags,capacity',
  'up-1,PROJECT,자바 팀,"여러 줄\n설명, 쉼표 포함",서울,Java;Spring Boot,1,팀 협업,3',
  'up-2,스터디,리액트 스터디,,부산,react|typescript,0,스터디,4',
  'up-3,STUDY,나쁜 지역,,화성시,Java,1,,3',
  'up-4,PROJECT,나쁜 스택,,서울,Cobol,1,,3',
  'up-5,PROJECT,경력 초과,,서울,Java,99,,3',
  'up-6,PROJECT,정원 0,,서울,Java,1,,0',
  'up-7,PROJECT,칸 부족,,서울',
  ',PROJECT,외부 ID 없음,,재택,Go,2,,2',
].join('\r\n');

const JSONL = [
  JSON.stringify({ externalId: 'jl-1', kind: 'PROJECT', title: '노드 팀', region: '대전', stacks: ['Node.js'], minExperienceYears: 1, capacity: 2 }),
  '',
  '{"externalId": "jl-2", "kind": "STUDY"',
  JSON.stringify({ externalId: 'jl-3', kind: 'STUDY', title: '파이썬', region: '대전', stacks: ['Django'], minExperienceYears: 'three', capacity: 2 }),
  JSON.stringify(['not', 'an', 'object']),
  JSON.stringify({ externalId: 'jl-4', kind: 'STUDY', title: '고 스터디', region: '제주', stacks: ['Go'], minExperienceYears: 0, capacity: 5, tags: ['스터디'] }),
].join('\n');

async function upload(body: string, type: string, key: string | null, query = '') {
  const res = await fetch(`${api.url}/admin/openings/import${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('POST /admin/openings/import', () => {
  it('refuses missing and BOT keys (401/403) without storing anything', async () => {
    const before = await tableCounts(api);
    const anon = await upload(CSV, 'text/csv', null);
    expect(anon.status).toBe(401);
    expect(anon.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bot = await upload(CSV, 'text/csv', api.botKey);
    expect(bot.status).toBe(403);
    expect(bot.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const wrong = await upload(CSV, 'text/csv', 'moim_wrong');
    expect(wrong.status).toBe(401);
    expect(await tableCounts(api)).toEqual(before);
  });

  it('CSV: stores valid rows, reports each bad row by index and field, records the job', async () => {
    const r = await upload(CSV, 'text/csv; charset=utf-8', api.adminKey);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'SUCCEEDED', created: 3, updated: 0, failed: 5 });
    expect(r.body.errors.map((e: any) => [e.index, e.field])).toEqual([
      [2, 'region'],
      [3, 'stacks[0]'],
      [4, 'minExperienceYears'],
      [5, 'capacity'],
      [6, 'row'],
    ]);
    expect(r.headers.get('x-import-job-id')).toBe(r.body.jobId);
    const stored = await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'up-1' } });
    expect(stored).toMatchObject({ description: '여러 줄\n설명, 쉼표 포함', stacks: ['Java', 'Spring Boot'], region: '서울특별시' });
    expect((await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'up-2' } })).kind).toBe('STUDY');
    expect(await api.db.prisma.openingEmbedding.count({ where: { opening: { externalId: { in: ['up-1', 'up-2'] } } } })).toBe(2);
    const job = await api.gql(`query($id: ID!) { importJob(id: $id) { status total processed created updated failed errors { index field message } finishedAt } }`, { id: r.body.jobId }, api.adminKey);
    expect(job.body.data!.importJob).toMatchObject({ status: 'SUCCEEDED', total: 8, processed: 8, created: 3, failed: 5 });
    expect(job.body.data!.importJob.errors[0].message).toContain('화성시');

    // Same file again: the rows with externalIds update; the one without creates another opening.
    const again = await upload(CSV, 'text/csv', api.adminKey);
    expect(again.body).toMatchObject({ created: 1, updated: 2, failed: 5 });
    expect(await api.db.prisma.opening.count({ where: { externalId: { startsWith: 'up-' } } })).toBe(2);
  });

  it('JSON Lines: bad JSON, non-objects and bad fields are per-row errors', async () => {
    const r = await upload(JSONL, 'application/x-ndjson', api.adminKey);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 2, failed: 3 });
    expect(r.body.errors.map((e: any) => [e.index, e.field])).toEqual([
      [1, 'line'],
      [2, 'minExperienceYears'],
      [3, 'line'],
    ]);
  });

  it('atomic=true stores nothing when a row is bad; a clean file is stored whole', async () => {
    const before = await api.db.prisma.opening.count();
    const r = await upload(JSONL, 'application/x-ndjson', api.adminKey, '?atomic=true');
    expect(r.body).toMatchObject({ status: 'FAILED', created: 0, updated: 0, failed: 3 });
    expect(await api.db.prisma.opening.count()).toBe(before);
    const clean = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({ externalId: `bulk-${i}`, kind: 'PROJECT', title: `대량 ${i}`, region: '경기', stacks: ['Vue.js'], minExperienceYears: i % 4, capacity: 3 }),
    ).join('\n');
    const ok = await upload(clean, 'application/x-ndjson', api.adminKey, '?atomic=true');
    expect(ok.body).toMatchObject({ status: 'SUCCEEDED', created: 1200, failed: 0 });
    expect(await api.db.prisma.opening.count()).toBe(before + 1200);
    expect(await api.db.prisma.openingEmbedding.count({ where: { opening: { externalId: { startsWith: 'bulk-' } } } })).toBe(1200);
  });

  it('a malformed header or content type is a clear 400/415', async () => {
    const header = await upload('id,kind\n1,PROJECT', 'text/csv', api.adminKey);
    expect(header.status).toBe(400);
    expect(header.body.errors[0].message).toContain('unknown column');
    const type = await upload('{}', 'application/xml', api.adminKey);
    expect(type.status).toBe(415);
  });
});
