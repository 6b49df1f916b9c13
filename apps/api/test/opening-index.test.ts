import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIvfflatLists, IVFFLAT_MIN_ROWS, openingIndexInUse } from '@moim/db';
import { startApi, type InProcessApi } from '../src/testing';

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const REGIONS = ['서울', '부산', '대전', '재택'];
const STACKS = ['Java', 'React', 'Go', 'Django', 'Node.js'];

describe('the openings index after imports', () => {
  it('stays HNSW for a few openings, becomes ivfflat once an import brings IVFFLAT_MIN_ROWS, and recommendations keep answering', async () => {
    const modelKey = api.app.services.deps.embedding.serving.modelKey;
    await api.app.services.openingIndex.drain();
    expect(await openingIndexInUse(api.db, modelKey)).toEqual({ method: 'hnsw', lists: null });

    const rows = Array.from({ length: IVFFLAT_MIN_ROWS + 200 }, (_, i) =>
      JSON.stringify({
        externalId: `ix-${i}`,
        kind: i % 3 === 0 ? 'STUDY' : 'PROJECT',
        title: `색인 ${i}`,
        region: REGIONS[i % REGIONS.length],
        stacks: [STACKS[i % STACKS.length], STACKS[(i >> 2) % STACKS.length]].filter((s, j, all) => all.indexOf(s) === j),
        minExperienceYears: i % 6,
        capacity: 2 + (i % 4),
      }),
    ).join('\n');
    const res = await fetch(`${api.url}/admin/openings/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${api.adminKey}` },
      body: rows,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'SUCCEEDED', created: IVFFLAT_MIN_ROWS + 200, failed: 0 });

    await api.app.services.openingIndex.drain();
    expect(await openingIndexInUse(api.db, modelKey)).toEqual({ method: 'ivfflat', lists: defaultIvfflatLists(IVFFLAT_MIN_ROWS + 200) });
    const rec = await api.gql(`{ recommendOpenings(profile: { region: "서울", experienceYears: 3, stacks: ["Java"] }, first: 10) { score opening { id region } } }`);
    expect(rec.body.errors).toBeUndefined();
    expect((rec.body.data as any).recommendOpenings).toHaveLength(10);
  }, 180_000);
});
