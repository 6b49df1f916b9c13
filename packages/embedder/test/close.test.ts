import { describe, expect, it } from 'vitest';
import { EmbedderClosedError, loadEmbedder } from '../src/index';
import { fixtureModel } from './fixture-models';

describe('close()', () => {
  it('finishes the batch in flight, rejects queued work with EmbedderClosedError, then refuses new work', async () => {
    const embedder = await loadEmbedder({ modelDir: fixtureModel.tiny, maxBatchSize: 4, cacheSize: 0 });
    const calls = Array.from({ length: 40 }, (_, i) => embedder.embed([`문장 ${i}`]).then(() => 'done', (e: unknown) => e));
    // Let the first batch start, then close while the rest still waits.
    await new Promise((resolve) => setImmediate(resolve));
    await embedder.close();
    const outcomes = await Promise.all(calls);
    const rejected = outcomes.filter((o) => o instanceof EmbedderClosedError);
    expect(rejected.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'done').length + rejected.length).toBe(40);
    expect((rejected[0] as Error).message).toMatch(/^embedder tiny@[0-9a-f]{12} was closed before this text was embedded$/);
    await expect(embedder.embed(['after'])).rejects.toThrow(EmbedderClosedError);
    await expect(embedder.close()).resolves.toBeUndefined(); // idempotent
  });
});
