import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, loadEmbedder, type LoadedEmbedder } from '../src/index';
import { defaultModelAvailable, fixtureModel, maxAbsDiff, readReference } from './fixture-models';

// Golden values: token ids and PyTorch vectors written next to each model by the Python pipeline.
const models: [string, string, boolean][] = [
  ['tiny (mean pooling)', fixtureModel.tiny, true],
  ['tiny-cls-notti (cls pooling, no token_type_ids input)', fixtureModel.clsWithoutTokenTypes, true],
  ['tiny-max (max pooling)', fixtureModel.max, true],
  ['kr-sbert-standin (768 wide, 30k vocab)', fixtureModel.krSbertStandIn, true],
  ['shipped default model moim-ko-mini', DEFAULT_MODEL_DIR, defaultModelAvailable],
];

describe.each(models)('parity with PyTorch: %s', (_name, modelDir, available) => {
  let embedder: LoadedEmbedder;
  const reference = available ? readReference(modelDir) : null;

  beforeAll(async () => {
    if (available) embedder = await loadEmbedder({ modelDir, cacheSize: 0 });
  });
  afterAll(async () => embedder?.close());

  it.runIf(available)('reports the reference dimension, max_seq_length and pooling', () => {
    expect(embedder.dimension).toBe(reference!.dimension);
    expect(embedder.maxSeqLength).toBe(reference!.max_seq_length);
    expect(embedder.poolingModes).toEqual([reference!.pooling]);
  });

  it.runIf(available)('produces the Python token ids for every reference sentence', () => {
    const truncated = reference!.sentences.filter((s) => s.untruncated_token_count > reference!.max_seq_length);
    expect(truncated.length).toBeGreaterThan(0); // the set must exercise truncation
    for (const sentence of reference!.sentences) {
      expect({ text: sentence.text, ids: embedder.tokenize(sentence.text) }).toEqual({ text: sentence.text, ids: sentence.input_ids });
    }
  });

  it.runIf(available)('matches the PyTorch vectors one sentence at a time (1e-5)', async () => {
    for (const sentence of reference!.sentences) {
      const [vector] = await embedder.embed([sentence.text]);
      expect(maxAbsDiff(vector!, sentence.embedding), sentence.text).toBeLessThan(1e-5);
    }
  });

  it.runIf(available)('matches the PyTorch vectors in one padded batch (1e-5)', async () => {
    const vectors = await embedder.embed(reference!.sentences.map((s) => s.text));
    reference!.sentences.forEach((sentence, i) => {
      expect(maxAbsDiff(vectors[i]!, sentence.embedding), sentence.text).toBeLessThan(1e-5);
    });
  });
});
