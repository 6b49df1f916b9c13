import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbedderLoadError, loadEmbedder } from '../src/index';
import { fixtureModel } from './fixture-models';

const copies: string[] = [];

/** A private copy of the tiny fixture model that a test may break. */
async function copyOfTiny(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'moim-embedder-')), 'broken-model');
  await cp(fixtureModel.tiny, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

async function editJson(path: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(path, JSON.stringify(json));
}

async function loadError(modelDir: string): Promise<EmbedderLoadError> {
  const error = await loadEmbedder({ modelDir }).then(
    async (embedder) => {
      await embedder.close();
      throw new Error('loadEmbedder succeeded on a broken model directory');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbedderLoadError);
  return error as EmbedderLoadError;
}

afterEach(async () => {
  await Promise.all(copies.splice(0).map((dir) => rm(join(dir, '..'), { recursive: true, force: true })));
});

describe('loadEmbedder on a broken model directory', () => {
  it('names the pooling config and the mode for an unsupported pooling mode', async () => {
    const dir = await copyOfTiny();
    const file = join(dir, '1_Pooling', 'config.json');
    await editJson(file, (json) => {
      json.pooling_mode_mean_tokens = false;
      json.pooling_mode_weightedmean_tokens = true;
    });
    const error = await loadError(dir);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('pooling_mode_weightedmean_tokens');
  });

  it('names the pooling config when no pooling mode is set', async () => {
    const dir = await copyOfTiny();
    const file = join(dir, '1_Pooling', 'config.json');
    await editJson(file, (json) => void (json.pooling_mode_mean_tokens = false));
    expect((await loadError(dir)).message).toMatch(/config\.json: no pooling mode is set/);
  });

  it('names tokenizer.json when it is missing', async () => {
    const dir = await copyOfTiny();
    await rm(join(dir, 'tokenizer.json'));
    const error = await loadError(dir);
    expect(error.message).toBe(`${join(dir, 'tokenizer.json')}: file is missing`);
  });

  it('names the ONNX file when no model.onnx exists', async () => {
    const dir = await copyOfTiny();
    await rm(join(dir, 'onnx'), { recursive: true });
    const error = await loadError(dir);
    expect(error.file).toBe(join(dir, 'onnx', 'model.onnx'));
    expect(error.message).toContain('ONNX model file is missing');
    expect(error.message).toContain(join(dir, 'model.onnx'));
  });

  it('names the ONNX file when it is not a valid model', async () => {
    const dir = await copyOfTiny();
    await writeFile(join(dir, 'onnx', 'model.onnx'), 'not a protobuf');
    const error = await loadError(dir);
    expect(error.file).toBe(join(dir, 'onnx', 'model.onnx'));
    expect(error.message).toContain('ONNX Runtime cannot load it');
  });

  it.each(['sentence_bert_config.json', 'modules.json', 'tokenizer.json', 'tokenizer_config.json', '1_Pooling/config.json'])(
    'names %s when it is malformed JSON',
    async (name) => {
      const dir = await copyOfTiny();
      await writeFile(join(dir, name), '{ "max_seq_length": 128,');
      const error = await loadError(dir);
      expect(error.file).toBe(join(dir, name));
      expect(error.message).toContain('malformed JSON');
    },
  );

  it('names sentence_bert_config.json and the value for a bad max_seq_length', async () => {
    const dir = await copyOfTiny();
    await editJson(join(dir, 'sentence_bert_config.json'), (json) => void (json.max_seq_length = '128'));
    expect((await loadError(dir)).message).toContain('sentence_bert_config.json: max_seq_length must be an integer >= 3, got string "128"');
  });

  it('names modules.json for a module the runtime cannot run', async () => {
    const dir = await copyOfTiny();
    const modules = JSON.parse(await readFile(join(dir, 'modules.json'), 'utf8')) as unknown[];
    modules.push({ idx: 2, name: '2', path: '2_Dense', type: 'sentence_transformers.models.Dense' });
    await writeFile(join(dir, 'modules.json'), JSON.stringify(modules));
    expect((await loadError(dir)).message).toContain('modules.json: modules[2] has unsupported module type "sentence_transformers.models.Dense"');
  });

  it('names the pooling config when its dimension disagrees with the ONNX graph', async () => {
    const dir = await copyOfTiny();
    await editJson(join(dir, '1_Pooling', 'config.json'), (json) => void (json.word_embedding_dimension = 768));
    expect((await loadError(dir)).message).toMatch(/config\.json: word_embedding_dimension 768 does not match the hidden size 32/);
  });

  it('names sentence_bert_config.json when max_seq_length exceeds the position embeddings in config.json', async () => {
    const dir = await copyOfTiny();
    await editJson(join(dir, 'sentence_bert_config.json'), (json) => void (json.max_seq_length = 1024));
    expect((await loadError(dir)).message).toBe(
      `${join(dir, 'sentence_bert_config.json')}: max_seq_length 1024 exceeds max_position_embeddings 512 in ${join(dir, 'config.json')}`,
    );
  });

  it('names the directory when it does not exist', async () => {
    const error = await loadError('/nonexistent/moim-model');
    expect(error.message).toBe('/nonexistent/moim-model: model directory does not exist');
  });

  it('loads without tokenizer_config.json (it is optional)', async () => {
    const dir = await copyOfTiny();
    await rm(join(dir, 'tokenizer_config.json'));
    const embedder = await loadEmbedder({ modelDir: dir });
    expect(await embedder.embed(['경상북도'])).toHaveLength(1);
    await embedder.close();
  });
});

describe('loadEmbedder options', () => {
  it.each([
    [{ threads: 0 }, 'threads must be a positive integer, got 0'],
    [{ maxBatchSize: 1.5 }, 'maxBatchSize must be a positive integer, got 1.5'],
    [{ cacheSize: -1 }, 'cacheSize must be an integer >= 0, got -1'],
  ])('rejects %o', async (options, message) => {
    await expect(loadEmbedder({ modelDir: fixtureModel.tiny, ...options })).rejects.toThrow(message);
  });
});
