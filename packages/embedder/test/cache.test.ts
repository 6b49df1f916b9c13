import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type LoadedEmbedder } from '../src/index';
import { LruCache } from '../src/lru-cache';
import { fixtureModel, maxAbsDiff } from './fixture-models';

describe('embedding cache', () => {
  let embedder: LoadedEmbedder;
  beforeAll(async () => {
    embedder = await loadEmbedder({ modelDir: fixtureModel.tiny, cacheSize: 2 });
  });
  afterAll(async () => embedder.close());

  it('answers a repeated text from the cache without running the model', async () => {
    const [first] = await embedder.embed(['경상북도 거주, 2년차 개발자']);
    const before = embedder.stats();
    const [second] = await embedder.embed(['경상북도 거주, 2년차 개발자']);
    const after = embedder.stats();
    expect(after.inferenceRuns).toBe(before.inferenceRuns);
    expect(after.cacheHits).toBe(before.cacheHits + 1);
    expect(maxAbsDiff(first!, second!)).toBe(0);
  });

  it('hands out copies, so a caller mutating its vector cannot poison the cache', async () => {
    const [mine] = await embedder.embed(['강원도 지역 프로젝트']);
    const original = mine!.slice();
    mine!.fill(0);
    const [again] = await embedder.embed(['강원도 지역 프로젝트']);
    expect(maxAbsDiff(again!, original)).toBe(0);
  });

  it('evicts the least recently used entry beyond cacheSize', async () => {
    await embedder.embed(['하나']);
    await embedder.embed(['둘']);
    await embedder.embed(['하나']); // 하나 is now the most recent
    await embedder.embed(['셋']); // evicts 둘
    const before = embedder.stats().inferredTexts;
    await embedder.embed(['하나', '셋']);
    expect(embedder.stats().inferredTexts).toBe(before);
    await embedder.embed(['둘']);
    expect(embedder.stats().inferredTexts).toBe(before + 1);
    expect(embedder.stats().cacheEntries).toBe(2);
  });

  it('runs the model every time when cacheSize is 0', async () => {
    const uncached = await loadEmbedder({ modelDir: fixtureModel.tiny, cacheSize: 0 });
    await uncached.embed(['경상북도']);
    await uncached.embed(['경상북도']);
    expect(uncached.stats()).toMatchObject({ inferenceRuns: 2, cacheHits: 0, cacheEntries: 0 });
    await uncached.close();
  });
});

describe('LruCache', () => {
  it('keeps at most capacity entries, dropping the least recently read or written', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});
