import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../src/index';
import { fixtureModel } from './fixture-models';

describe('inference off the main thread', () => {
  it('keeps the event loop responsive while the 768-wide model embeds a large batch', async () => {
    const embedder = await loadEmbedder({ modelDir: fixtureModel.krSbertStandIn, cacheSize: 0 });
    const texts = Array.from({ length: 128 }, (_, i) => `경상북도 거주, ${i % 8}년차 ${i}번째 개발자, 스택: Java, Spring Boot, JPA. 추가: 비전공자, 온라인 중심, 스터디`);
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const started = performance.now();
    await embedder.embed(texts);
    const finished = performance.now();
    clearInterval(timer);
    await embedder.close();

    const marks = [started, ...ticks.filter((t) => t < finished), finished];
    const longestStall = Math.max(...marks.slice(1).map((t, i) => t - marks[i]!));
    const duration = finished - started;
    expect(duration).toBeGreaterThan(100); // the work is heavy enough for a stall to show
    // onnxruntime-node's run() is synchronous; on the main thread the loop would stall for ~the whole duration.
    expect(longestStall).toBeLessThan(duration / 3);
  });
});
