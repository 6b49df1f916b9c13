import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../src/index';
import { fixtureModel } from './fixture-models';

describe('modelId', () => {
  it('is "<dir name>@<first 12 hex of sha256(onnx file)>"', async () => {
    const sha = execFileSync('sha256sum', [join(fixtureModel.tiny, 'onnx', 'model.onnx')], { encoding: 'utf8' }).slice(0, 12);
    const embedder = await loadEmbedder({ modelDir: fixtureModel.tiny });
    expect(embedder.modelId).toBe(`tiny@${sha}`);
    await embedder.close();
  });

  it('changes with the weights, not only with the directory name', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'moim-embedder-'));
    await cp(fixtureModel.max, join(parent, 'tiny'), { recursive: true });
    const renamed = await loadEmbedder({ modelDir: join(parent, 'tiny') });
    const original = await loadEmbedder({ modelDir: fixtureModel.tiny });
    expect(renamed.modelId.split('@')[0]).toBe('tiny');
    expect(renamed.modelId).not.toBe(original.modelId);
    await Promise.all([renamed.close(), original.close()]);
    await rm(parent, { recursive: true, force: true });
  });
});
