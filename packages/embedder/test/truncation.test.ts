import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type LoadedEmbedder } from '../src/index';
import { fixtureModel, maxAbsDiff } from './fixture-models';

describe('truncation at max_seq_length', () => {
  let embedder: LoadedEmbedder;
  // Words that are one token each, so "the first N words" is exactly "the first N content tokens".
  let words: string[];

  beforeAll(async () => {
    embedder = await loadEmbedder({ modelDir: fixtureModel.tiny, cacheSize: 0 });
    const candidates = '경상북도 거주 개발자 스택 Java 추가 비전공자 온라인 중심 지역 프로젝트 요구 필요 경력 이상 특이사항 스터디 서울특별시 React'.split(' ');
    words = candidates.filter((w) => embedder.tokenize(w).length === 3);
    expect(words.length).toBeGreaterThan(3);
  });
  afterAll(async () => embedder.close());

  const sentenceOf = (count: number) => Array.from({ length: count }, (_, i) => words[(i * 7) % words.length]).join(' ');

  it('keeps [CLS], the first max_seq_length-2 content tokens and [SEP]', () => {
    expect(embedder.maxSeqLength).toBe(128);
    const ids = embedder.tokenize(sentenceOf(500));
    const full = embedder.tokenize(sentenceOf(126));
    expect(ids).toHaveLength(128);
    expect(ids).toEqual(full);
    expect(ids[ids.length - 1]).toBe(embedder.tokenize('')[1]); // [SEP] re-appended
  });

  it('embeds a 500-token sentence exactly like its first 126 content tokens', async () => {
    const [long, first126, first125] = await embedder.embed([sentenceOf(500), sentenceOf(126), sentenceOf(125)]);
    expect(maxAbsDiff(long!, first126!)).toBeLessThan(1e-5);
    expect(maxAbsDiff(long!, first125!)).toBeGreaterThan(1e-4); // one token fewer is a different input
  });
});
