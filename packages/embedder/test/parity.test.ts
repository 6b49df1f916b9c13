import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, loadEmbedder, type LoadedEmbedder } from '../src/index';
import { fixtureModel, maxAbsDiff, readReference } from './fixture-models';

// Golden values: token ids and PyTorch vectors written next to each model by the Python pipeline.
const models: [string, string][] = [
  ['tiny (mean pooling)', fixtureModel.tiny],
  ['tiny-cls-notti (cls pooling, no token_type_ids input)', fixtureModel.clsWithoutTokenTypes],
  ['tiny-max (max pooling)', fixtureModel.max],
  ['kr-sbert-standin (768 wide, 30k vocab)', fixtureModel.krSbertStandIn],
  ['shipped default model moim-ko-mini', DEFAULT_MODEL_DIR],
];

describe.each(models)('parity with PyTorch: %s', (_name, modelDir) => {
  let embedder: LoadedEmbedder;
  const reference = readReference(modelDir);

  beforeAll(async () => {
    embedder = await loadEmbedder({ modelDir, cacheSize: 0 });
  });
  afterAll(async () => embedder?.close());

  it('reports the reference dimension, max_seq_length and pooling', () => {
    expect(embedder.dimension).toBe(reference.dimension);
    expect(embedder.maxSeqLength).toBe(reference.max_seq_length);
    expect(embedder.poolingModes).toEqual([reference.pooling]);
  });

  it('produces the Python token ids for every reference sentence', () => {
    const truncated = reference.sentences.filter((s) => s.untruncated_token_count > reference.max_seq_length);
    expect(truncated.length).toBeGreaterThan(0); // the set must exercise truncation
    for (const sentence of reference.sentences) {
      expect({ text: sentence.text, ids: embedder.tokenize(sentence.text) }).toEqual({ text: sentence.text, ids: sentence.input_ids });
    }
  });

  it('matches the PyTorch vectors one sentence at a time (1e-5)', async () => {
    for (const sentence of reference.sentences) {
      const [vector] = await embedder.embed([sentence.text]);
      expect(maxAbsDiff(vector!, sentence.embedding), sentence.text).toBeLessThan(1e-5);
    }
  });

  it('matches the PyTorch vectors in one padded batch (1e-5)', async () => {
    const vectors = await embedder.embed(reference.sentences.map((s) => s.text));
    reference.sentences.forEach((sentence, i) => {
      expect(maxAbsDiff(vectors[i]!, sentence.embedding), sentence.text).toBeLessThan(1e-5);
    });
  });
});
