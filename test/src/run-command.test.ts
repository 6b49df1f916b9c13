// The README's run command on a fresh machine: the API process on embedded PGlite with the shipped model,
// demo data loaded on the first start, reused on the second, and a clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlOk } from './support/http';

const apiDir = fileURLToPath(new URL('../../apps/api', import.meta.url));
const tsx = join(apiDir, 'node_modules/.bin/tsx');

interface Running {
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts `apps/api/src/main.ts` as `pnpm start` does and resolves once it logs that it is ready. */
function startApi(dataDir: string): Promise<Running> {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      MOIM_DATA_DIR: dataDir,
      MOIM_EMBED_THREADS: '1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      const msg = String(entry.msg ?? '');
      if (msg.startsWith('listening on ')) url = msg.slice('listening on '.length);
      if (msg.startsWith('ready:') && url) resolve({ child, url, logs, exited });
    });
    exited.then((code) => reject(new Error(`API exited with ${code} before it was ready:\n${stderr}`)));
  });
}

async function stop(api: Running): Promise<number | null> {
  api.child.kill('SIGTERM');
  return api.exited;
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
