import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-keys';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, createOpening, errorOf } from './support/fixtures';
import { SECOND_MODEL } from './support/models';

const run = promisify(execFile);
let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function waitForJob(id: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const r = await api.gql(`query($id: ID!) { reembedJob(id: $id) { id status modelId previousModelId total processed error } }`, { id }, api.adminKey);
    const job = r.body.data!.reembedJob;
    if (job.status !== 'RUNNING') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('re-embed did not finish');
}

describe('re-embed after a model change', () => {
  it('writes vectors for the new model while the old keeps serving, then switches', async () => {
    await Promise.all([0, 1, 2].map((i) => createOpening(api, { title: `재임베딩 ${i}`, stacks: ['Go'] })));
    await createMember(api, { stacks: ['Go'] });
    const oldModel = (await api.gql(`{ embedder { modelId dimension } }`)).body.data!.embedder;
    const start = await api.gql(`mutation($dir: String) { startReembed(modelDir: $dir) { id status previousModelId } }`, { dir: SECOND_MODEL }, api.adminKey);
    expect(start.body.data!.startReembed).toMatchObject({ status: 'RUNNING', previousModelId: oldModel.modelId });
    const second = await api.gql(`mutation($dir: String) { startReembed(modelDir: $dir) { id } }`, { dir: SECOND_MODEL }, api.adminKey);
    // Either the first job is still running (CONFLICT) or it already finished and this one starts.
    if (second.body.errors) expect(errorOf(second).code).toBe('CONFLICT');
    else await waitForJob(second.body.data!.startReembed.id);
    const job = await waitForJob(start.body.data!.startReembed.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(job.modelId).toMatch(/^api-model-768@[0-9a-f]{12}$/);
    expect(job.processed).toBe(job.total);

    const now = (await api.gql(`{ embedder { modelId dimension } }`)).body.data!.embedder;
    expect(now).toEqual({ modelId: job.modelId, dimension: 768 });
    const models = await api.db.prisma.embeddingModel.findMany({ orderBy: { key: 'asc' } });
    expect(models.map((m) => [m.name, m.active])).toEqual([
      [oldModel.modelId, false],
      [job.modelId, true],
    ]);
    const [oldKey, newKey] = models.map((m) => m.key);
    const openings = await api.db.prisma.opening.count();
    expect(await api.db.prisma.openingEmbedding.count({ where: { modelKey: newKey } })).toBe(openings);
    expect(await api.db.prisma.openingEmbedding.count({ where: { modelKey: oldKey } })).toBe(openings);

    const rec = await api.gql(`{ recommendOpenings(profile: { region: "서울", experienceYears: 1, stacks: ["Go"] }, first: 3) { similarity opening { title } } }`);
    expect(rec.body.errors).toBeUndefined();
    expect(rec.body.data!.recommendOpenings).toHaveLength(3);
    // New writes use the new model.
    const o = await createOpening(api, { title: '새 모델로' });
    expect(await api.db.prisma.openingEmbedding.findMany({ where: { openingId: o.id }, select: { modelKey: true } })).toEqual([{ modelKey: newKey }]);
  });
});

describe('CLI scripts', () => {
  it('keys:create prints a key whose sha256 is stored with the role', async () => {
    const cwd = join(import.meta.dirname, '..');
    const { stdout } = await run('npx', ['tsx', 'scripts/create-key.ts', '--role', 'BOT', '--name', 'cli bot'], {
      cwd,
      env: { ...process.env, DATABASE_URL: api.db.databaseUrl, NODE_ENV: 'test' },
    });
    const key = stdout.trim();
    expect(key).toMatch(/^moim_[A-Za-z0-9_-]{40,}$/);
    const row = await api.db.prisma.apiKey.findUniqueOrThrow({ where: { keyHash: hashApiKey(key) } });
    expect(row).toMatchObject({ name: 'cli bot', role: 'BOT' });
    expect((await api.gql(`{ viewer { role keyName } }`, {}, key)).body.data!.viewer).toEqual({ role: 'BOT', keyName: 'cli bot' });
    await expect(run('npx', ['tsx', 'scripts/create-key.ts', '--role', 'ROOT', '--name', 'x'], { cwd, env: { ...process.env, DATABASE_URL: api.db.databaseUrl } })).rejects.toMatchObject({
      stderr: expect.stringContaining('--role must be ADMIN or BOT'),
    });
  });
});
