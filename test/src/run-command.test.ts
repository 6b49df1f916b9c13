// The README's run command on a fresh machine: the API process on embedded PGlite with the shipped model,
// demo data loaded on the first start, reused on the second, and a clean exit on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApi, type ChildApi } from '@moim/api/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlOk } from './support/http';

/** `pnpm start` on a fresh machine: no DATABASE_URL (embedded PGlite in dataDir), demo data on, development logs as JSON. */
const startApi = (dataDir: string) =>
  spawnApi({
    database: { pgliteDir: dataDir },
    cleanEnv: true,
    env: { NODE_ENV: 'development', LOG_LEVEL: 'info', MOIM_DEMO_DATA: 'true', MOIM_EMBED_THREADS: '1' },
    readyTimeoutMs: 220_000,
  });

async function stop(api: ChildApi): Promise<number | null> {
  await api.close();
  return api.child.exitCode;
}

describe('pnpm start on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'moim-run-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let openingCount = 0;

  it('loads the demo data on the first start and answers recommendations', async () => {
    const api = await startApi(dataDir);
    try {
      expect(api.logs.some((l) => String(l.msg).includes('loading the demo data set'))).toBe(true);
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);

      const { openings } = await graphqlOk<{ openings: { totalCount: number } }>(api.url, '{ openings(first: 1) { totalCount } }');
      openingCount = openings.totalCount;
      expect(openingCount).toBeGreaterThanOrEqual(200);

      const { recommendOpenings } = await graphqlOk<{ recommendOpenings: { score: number; reasons: { message: string }[]; opening: { stacks: string[] } }[] }>(
        api.url,
        '{ recommendOpenings(profile: { region: "서울", experienceYears: 3, stacks: ["spring boot"] }, first: 5) { score reasons { message } opening { stacks } } }',
      );
      expect(recommendOpenings).toHaveLength(5);
      expect(recommendOpenings[0]!.reasons.length).toBeGreaterThan(0);
      const scores = recommendOpenings.map((m) => m.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    } finally {
      expect(await stop(api)).toBe(0);
    }
  });

  it('reuses the stored data on the second start', async () => {
    const api = await startApi(dataDir);
    try {
      expect(api.logs.some((l) => String(l.msg).includes('loading the demo data set'))).toBe(false);
      const { openings } = await graphqlOk<{ openings: { totalCount: number } }>(api.url, '{ openings(first: 1) { totalCount } }');
      expect(openings.totalCount).toBe(openingCount);
    } finally {
      expect(await stop(api)).toBe(0);
    }
  });
});
