import { renderOpeningSentence, renderProfileSentence, type OpeningCriteria, type Profile } from '@moim/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalSet } from '../eval/eval-set';
import { evaluateModel, TARGETS, type EvalReport } from '../eval/evaluate-model';
import { spearman } from '../eval/metrics';
import { loadEmbedder, type LoadedEmbedder } from '../src/index';
import { fixtureModel } from './fixture-models';

const profiles: Profile[] = [
  { region: '경상북도', experienceYears: 2, stacks: ['Java'], traits: ['비전공자'] },
  { region: '서울특별시', experienceYears: 5, stacks: ['React', 'TypeScript'], traits: [] },
];
const openings: OpeningCriteria[] = [
  { region: '경상북도', minExperienceYears: 1, stacks: ['Java'], tags: ['스터디'] },
  { region: '서울특별시', minExperienceYears: 3, stacks: ['React'], tags: [] },
  { region: '재택', minExperienceYears: 0, stacks: ['Go'], tags: ['팀 협업'] },
];
const set: EvalSet = {
  profiles,
  openings,
  pairs: [
    { a: renderProfileSentence(profiles[0]!), b: renderOpeningSentence(openings[0]!), label: 1 },
    { a: renderProfileSentence(profiles[0]!), b: renderOpeningSentence(openings[2]!), label: 0 },
    { a: renderProfileSentence(profiles[1]!), b: renderOpeningSentence(openings[1]!), label: 1 },
    { a: renderProfileSentence(profiles[1]!), b: renderOpeningSentence(openings[0]!), label: 0 },
  ],
  variants: [{ canonical: renderProfileSentence(profiles[0]!), variants: ['경북 거주, 2년차 개발자, 스택: 자바. 추가: 비전공자'] }],
};

describe('evaluateModel on the tiny fixture model', () => {
  let embedder: LoadedEmbedder;
  let report: EvalReport;
  const progress: string[] = [];
  beforeAll(async () => {
    embedder = await loadEmbedder({ modelDir: fixtureModel.tiny });
    report = await evaluateModel(embedder, set, (m) => progress.push(m));
  });
  afterAll(async () => embedder.close());

  it('correlates the pair cosines it measures with the labels', async () => {
    const vectors = await embedder.embed(set.pairs.flatMap((p) => [p.a, p.b]));
    const cosines = set.pairs.map((_, i) => vectors[2 * i]!.reduce((sum, x, h) => sum + x * vectors[2 * i + 1]![h]!, 0));
    expect(report.pairs.count).toBe(4);
    expect(report.pairs.spearman).toBeCloseTo(spearman(cosines, set.pairs.map((p) => p.label)), 6);
  });

  it('puts the spec reference score beside the seed example (1.0 for Java, 0.5625 for JPA in another province)', () => {
    expect(report.seed.openings.map((o) => o.referenceScore)).toEqual([1, 0.5625]);
    expect(report.seed.openings[0]!.cosine).toBeGreaterThan(-1);
  });

  it('ranks every profile against every opening and gates on the four targets', () => {
    expect(report.retrieval).toMatchObject({ profiles: 2, openings: 3, profilesWithoutRelevant: 0 });
    expect(report.retrieval.ndcgAt10).toBeGreaterThan(0);
    expect(report.retrieval.ndcgAt10).toBeLessThanOrEqual(1);
    expect(report.checks.map((c) => [c.name, c.target])).toEqual([
      ['pairs Spearman', TARGETS.spearman],
      ['NDCG@10', TARGETS.ndcgAt10],
      ['seed match cosine', TARGETS.seedMatch],
      ['variants mean cosine', TARGETS.variantsMean],
    ]);
    for (const check of report.checks) expect(check.pass).toBe(check.value >= check.target);
    expect(report.pass).toBe(report.checks.every((c) => c.pass));
    expect(progress.some((m) => m.startsWith('embedded'))).toBe(true);
  });
});
