import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type LoadedEmbedder } from '../src/index';
import { fixtureModel, maxAbsDiff, readReference } from './fixture-models';

const sentences = readReference(fixtureModel.krSbertStandIn).sentences.map((s) => s.text).filter((t) => t.length < 200);

describe('batching on the 768-wide stand-in model', () => {
  let embedder: LoadedEmbedder;
  beforeAll(async () => {
    embedder = await loadEmbedder({ modelDir: fixtureModel.krSbertStandIn, cacheSize: 0, maxBatchSize: 16 });
  });
  afterAll(async () => embedder.close());

  it('gives every text of a padded batch the vector it gets alone (1e-5), in input order', async () => {
    const lengths = new Set(sentences.map((t) => embedder.tokenize(t).length));
    expect(lengths.size).toBeGreaterThan(5); // the batch really mixes lengths, so rows are padded
    const batch = await embedder.embed(sentences);
    for (const [i, text] of sentences.entries()) {
      const [single] = await embedder.embed([text]);
      expect(maxAbsDiff(batch[i]!, single!), text).toBeLessThan(1e-5);
    }
  });

  it('runs a text requested by several concurrent callers once', async () => {
    const before = embedder.stats().inferredTexts;
    const results = await Promise.all([embedder.embed(['같은 문장']), embedder.embed(['같은 문장']), embedder.embed(['같은 문장', '같은 문장'])]);
    expect(embedder.stats().inferredTexts - before).toBe(1);
    expect(maxAbsDiff(results[0]![0]!, results[2]![1]!)).toBe(0);
  });

  it('returns L2-normalised vectors of the model dimension and an empty list for no texts', async () => {
    const [vector] = await embedder.embed(['경상북도 거주, 2년차 개발자, 스택: Java']);
    expect(vector).toHaveLength(768);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    await expect(embedder.embed([])).resolves.toEqual([]);
  });

  it('rejects a non-string text naming its index', async () => {
    await expect(embedder.embed(['ok', 42 as unknown as string])).rejects.toThrow('texts[1] must be a string');
  });
});

describe('coalescing concurrent calls (tiny model)', () => {
  let embedder: LoadedEmbedder;
  beforeAll(async () => {
    embedder = await loadEmbedder({ modelDir: fixtureModel.tiny, cacheSize: 0, maxBatchSize: 16 });
  });
  afterAll(async () => embedder.close());

  it('coalesces 100 concurrent single-text calls into ≤ ceil(100/maxBatchSize)+1 runs with batch-identical vectors', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `${sentences[i % sentences.length]} #${i}`);
    const before = embedder.stats().inferenceRuns;
    const concurrent = await Promise.all(texts.map((text) => embedder.embed([text]).then((v) => v[0]!)));
    const runs = embedder.stats().inferenceRuns - before;
    expect(runs).toBeLessThanOrEqual(Math.ceil(100 / 16) + 1);
    const batch = await embedder.embed(texts);
    concurrent.forEach((vector, i) => expect(maxAbsDiff(vector, batch[i]!)).toBeLessThan(1e-5));
  });
});

describe('length sorting inside a large call', () => {
  it('groups similar lengths so little padding is fed to the model', async () => {
    const embedder = await loadEmbedder({ modelDir: fixtureModel.tiny, cacheSize: 0, maxBatchSize: 8 });
    const short = (i: number) => `경상북도 ${i}`;
    const long = (i: number) => `경상북도 거주, 2년차 개발자, 스택: Java, Spring Boot, JPA. 추가: 비전공자, 온라인 중심, 스터디 ${i}`;
    // Alternating short and long: unsorted chunks of 8 would be about half padding.
    const texts = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? short(i) : long(i)));
    const vectors = await embedder.embed(texts);
    const { tokens, paddedTokens, inferenceRuns } = embedder.stats();
    expect(inferenceRuns).toBe(8);
    expect(tokens / paddedTokens).toBeGreaterThan(0.9);
    const [alone] = await embedder.embed([texts[5]!]);
    expect(maxAbsDiff(vectors[5]!, alone!)).toBeLessThan(1e-5); // results still come back in input order
    await embedder.close();
  });
});
