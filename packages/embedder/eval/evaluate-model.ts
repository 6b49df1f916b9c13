import {
  parseOpeningSentence,
  parseProfileSentence,
  referenceScore,
  renderOpeningSentence,
  renderProfileSentence,
} from '@moim/matching';
import type { Embedder } from '../src/index';
import type { EvalSet } from './eval-set';
import { cosine, ndcgAtK, pearson, spearman } from './metrics';

export const SEED_PROFILE = '경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심';
export const SEED_OPENINGS = [
  '경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심',
  '강원도 지역 프로젝트, 요구 스택: JPA, 필요 경력: 2년차 이상. 특이사항: 비전공자 환영, 프로젝트 중심',
] as const;

export const TARGETS = { spearman: 0.97, ndcgAt10: 0.98, seedMatch: 0.9, variantsMean: 0.9 } as const;

export interface EvalReport {
  modelId: string;
  dimension: number;
  pairs: { count: number; spearman: number; pearson: number };
  retrieval: { profiles: number; openings: number; ndcgAt10: number; profilesWithoutRelevant: number };
  seed: { profile: string; openings: { opening: string; cosine: number; referenceScore: number }[] };
  variants: { groups: number; variants: number; meanCosine: number; minCosine: number; worst: { canonical: string; variant: string } };
  checks: { name: string; value: number; target: number; pass: boolean }[];
  pass: boolean;
  seconds: number;
}

export type Progress = (message: string) => void;

export async function evaluateModel(embedder: Embedder, set: EvalSet, progress: Progress): Promise<EvalReport> {
  const started = performance.now();
  const profileSentences = set.profiles.map(renderProfileSentence);
  const openingSentences = set.openings.map(renderOpeningSentence);
  const vectors = await embedAll(
    embedder,
    [
      ...profileSentences,
      ...openingSentences,
      ...set.pairs.flatMap((p) => [p.a, p.b]),
      ...set.variants.flatMap((g) => [g.canonical, ...g.variants]),
      SEED_PROFILE,
      ...SEED_OPENINGS,
    ],
    progress,
  );
  const vec = (s: string) => vectors.get(s)!;

  const pairCosines = set.pairs.map((p) => cosine(vec(p.a), vec(p.b)));
  const labels = set.pairs.map((p) => p.label);

  progress(`ranking ${set.openings.length} openings for ${set.profiles.length} profiles`);
  const ndcgs: number[] = [];
  let withoutRelevant = 0;
  set.profiles.forEach((profile, i) => {
    const p = vec(profileSentences[i]!);
    const scores = openingSentences.map((o) => cosine(p, vec(o)));
    const relevance = set.openings.map((o) => referenceScore(profile, o).score);
    const ndcg = ndcgAtK(scores, relevance, 10);
    if (ndcg === null) withoutRelevant++;
    else ndcgs.push(ndcg);
  });

  const seedProfile = parseProfileSentence(SEED_PROFILE);
  const seed = SEED_OPENINGS.map((opening) => ({
    opening,
    cosine: cosine(vec(SEED_PROFILE), vec(opening)),
    referenceScore: referenceScore(seedProfile, parseOpeningSentence(opening)).score,
  }));

  let worst = { cosine: Infinity, canonical: '', variant: '' };
  const variantCosines = set.variants.flatMap((g) =>
    g.variants.map((variant) => {
      const c = cosine(vec(g.canonical), vec(variant));
      if (c < worst.cosine) worst = { cosine: c, canonical: g.canonical, variant };
      return c;
    }),
  );

  const report = {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    pairs: { count: set.pairs.length, spearman: spearman(pairCosines, labels), pearson: pearson(pairCosines, labels) },
    retrieval: {
      profiles: set.profiles.length,
      openings: set.openings.length,
      ndcgAt10: mean(ndcgs),
      profilesWithoutRelevant: withoutRelevant,
    },
    seed: { profile: SEED_PROFILE, openings: seed },
    variants: {
      groups: set.variants.length,
      variants: variantCosines.length,
      meanCosine: mean(variantCosines),
      minCosine: Math.min(...variantCosines),
      worst: { canonical: worst.canonical, variant: worst.variant },
    },
  };
  const checks = [
    { name: 'pairs Spearman', value: report.pairs.spearman, target: TARGETS.spearman },
    { name: 'NDCG@10', value: report.retrieval.ndcgAt10, target: TARGETS.ndcgAt10 },
    { name: 'seed match cosine', value: seed[0]!.cosine, target: TARGETS.seedMatch },
    { name: 'variants mean cosine', value: report.variants.meanCosine, target: TARGETS.variantsMean },
  ].map((check) => ({ ...check, pass: check.value >= check.target }));
  return { ...report, checks, pass: checks.every((c) => c.pass), seconds: (performance.now() - started) / 1000 };
}

async function embedAll(embedder: Embedder, sentences: string[], progress: Progress): Promise<Map<string, Float32Array>> {
  const unique = [...new Set(sentences)];
  const vectors = new Map<string, Float32Array>();
  const chunk = 512;
  for (let start = 0; start < unique.length; start += chunk) {
    const texts = unique.slice(start, start + chunk);
    (await embedder.embed(texts)).forEach((v, i) => vectors.set(texts[i]!, v));
    progress(`embedded ${Math.min(start + chunk, unique.length)}/${unique.length} sentences`);
  }
  return vectors;
}

function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
