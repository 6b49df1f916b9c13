// Generates the synthetic training data for the default embedding model and the committed eval set.
// Labels come from @moim/matching's referenceScore (spec §3); this file never computes a score itself.
//
//   pnpm exec tsx training/generate-pairs.ts [--out training/data] [--seed 42] [--blocks 30000] [--block-size 14] [--block-variants 4]
//
// Writes
//   data/eval-set.json        committed: 200 profiles, 500 openings, ~3000 labelled pairs, ~200 variant groups
//   data/validation.json      same shape, smaller, from a separate hash bucket (per-epoch validation)
//   data/eval-relevance.json  the full 200 × 500 referenceScore matrix of the eval set (for NDCG@10 in Python)
//   data/train-blocks.jsonl   one block per line: profiles × openings label matrix plus variants
// and asserts that no eval or validation sentence occurs anywhere in the training blocks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  normalizeOpening,
  referenceScore,
  renderOpeningSentence,
  renderProfileSentence,
  type OpeningCriteria,
  type Profile,
} from '@moim/matching';
import { splitOf, type Split } from './pairs/holdout';
import { createRng, type Rng } from '@moim/matching';
import { randomTheme, sampleOpening, sampleProfile, uniformTheme, type Theme } from './pairs/sample';
import { distinctVariants, openingVariant, profileVariant, type Variant } from './pairs/variants';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(import.meta.dirname, 'data') },
    seed: { type: 'string', default: '42' },
    blocks: { type: 'string', default: '30000' },
    'block-size': { type: 'string', default: '14' },
    'block-variants': { type: 'string', default: '4' },
  },
});

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

const SEED = positiveInt('seed', args.seed);
const BLOCKS = positiveInt('blocks', args.blocks);
const BLOCK_SIZE = positiveInt('block-size', args['block-size']);
const BLOCK_VARIANTS = positiveInt('block-variants', args['block-variants']);
const OUT = resolve(args.out!);

/** The seed card's sentences: reported as their own figure, so never trained on. */
const SEED_SENTENCES = [
  '경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심',
  '경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심',
];

interface LabelledPair {
  a: string;
  b: string;
  label: number;
}
interface VariantGroup {
  canonical: string;
  variants: string[];
}
interface HeldOutSet {
  profiles: Profile[];
  openings: OpeningCriteria[];
  pairs: LabelledPair[];
  variants: VariantGroup[];
}

const score = (p: Profile, o: OpeningCriteria): number => referenceScore(p, o).score;

function checkedOpening(o: OpeningCriteria): OpeningCriteria {
  const { region, minExperienceYears, stacks, tags } = normalizeOpening({ kind: 'PROJECT', title: 'x', capacity: 1, ...o });
  return { region, minExperienceYears, stacks, tags };
}

function uniqueDraws<T>(count: number, draw: () => T, sentenceOf: (x: T) => string, accept: (s: string) => boolean): T[] {
  const out = new Map<string, T>();
  for (let guard = 0; out.size < count; guard++) {
    if (guard > count * 1000) throw new Error(`could not draw ${count} distinct sentences`);
    const x = draw();
    const s = sentenceOf(x);
    if (accept(s)) out.set(s, x);
  }
  return [...out.values()];
}

/** Label bins used to stratify held-out pairs so they are not nearly all zeros. */
const binOf = (label: number): number => (label === 0 ? 0 : label < 0.5 ? 1 : label < 0.8 ? 2 : 3);

function heldOutSet(rng: Rng, split: Split, sizes: { profiles: number; openings: number; pairsPerProfile: number; variantGroups: number }): HeldOutSet {
  const uniform = uniformTheme();
  const inSplit = (s: string) => splitOf(s) === split && !SEED_SENTENCES.includes(s);
  const profiles = uniqueDraws(sizes.profiles, () => sampleProfile(rng, uniform), renderProfileSentence, inSplit);
  const openings = uniqueDraws(sizes.openings, () => checkedOpening(sampleOpening(rng, uniform)), renderOpeningSentence, inSplit);
  const pairs: LabelledPair[] = [];
  for (const p of profiles) {
    const byBin: OpeningCriteria[][] = [[], [], [], []];
    for (const o of rng.shuffle(openings)) byBin[binOf(score(p, o))]!.push(o);
    const perBin = Math.ceil(sizes.pairsPerProfile / 4);
    const chosen = new Set(byBin.flatMap((bin) => bin.slice(0, perBin)));
    for (const o of rng.shuffle(openings)) {
      if (chosen.size >= sizes.pairsPerProfile) break;
      chosen.add(o);
    }
    for (const o of [...chosen].slice(0, sizes.pairsPerProfile)) {
      pairs.push({ a: renderProfileSentence(p), b: renderOpeningSentence(o), label: score(p, o) });
    }
  }
  const variants: VariantGroup[] = [];
  const half = sizes.variantGroups / 2;
  for (const p of profiles.slice(0, half)) {
    const canonical = renderProfileSentence(p);
    const vs = distinctVariants(() => profileVariant(rng, p, canonical), 4, () => true);
    variants.push({ canonical, variants: vs.map((v) => v.text) });
  }
  for (const o of openings.slice(0, half)) {
    const canonical = renderOpeningSentence(o);
    const vs = distinctVariants(() => openingVariant(rng, o, canonical), 4, () => true);
    variants.push({ canonical, variants: vs.map((v) => v.text) });
  }
  return { profiles, openings, pairs, variants };
}

function relevanceOf(set: HeldOutSet): { profiles: string[]; openings: string[]; relevance: number[][] } {
  return {
    profiles: set.profiles.map(renderProfileSentence),
    openings: set.openings.map(renderOpeningSentence),
    relevance: set.profiles.map((p) => set.openings.map((o) => score(p, o))),
  };
}

function sentencesOf(set: HeldOutSet): Set<string> {
  const out = new Set<string>([...set.profiles.map(renderProfileSentence), ...set.openings.map(renderOpeningSentence)]);
  for (const { a, b } of set.pairs) out.add(a).add(b);
  for (const { canonical, variants } of set.variants) [canonical, ...variants].forEach((s) => out.add(s));
  return out;
}

interface Block {
  profiles: string[];
  openings: string[];
  /** |profiles| × |openings| labels; -1 where a lossy variant gets no label. */
  labels: number[][];
  /** [side, canonical index, variant index]: the two sentences mean the same, label 1. */
  same: ['p' | 'o', number, number][];
}

function trainingBlock(rng: Rng, reserved: Set<string>): Block {
  const theme: Theme = rng.chance(0.8) ? randomTheme(rng) : uniformTheme();
  const trainable = (s: string) => splitOf(s) === 'train' && !reserved.has(s);
  const profiles = uniqueDraws(BLOCK_SIZE, () => sampleProfile(rng, theme), renderProfileSentence, trainable);
  const openings = uniqueDraws(BLOCK_SIZE, () => checkedOpening(sampleOpening(rng, theme)), renderOpeningSentence, trainable);
  const pTexts = profiles.map(renderProfileSentence);
  const oTexts = openings.map(renderOpeningSentence);
  const pRows: { canonical: number; variant: Variant | null }[] = pTexts.map((_, i) => ({ canonical: i, variant: null }));
  const oCols: { canonical: number; variant: Variant | null }[] = oTexts.map((_, i) => ({ canonical: i, variant: null }));
  const fresh = (v: Variant) => !reserved.has(v.text) && !pTexts.includes(v.text) && !oTexts.includes(v.text);
  for (const i of rng.sample([...pTexts.keys()], BLOCK_VARIANTS)) {
    const [v] = distinctVariants(() => profileVariant(rng, profiles[i]!, pTexts[i]!), 1, fresh);
    if (v && !pRows.some((r) => r.variant?.text === v.text)) pRows.push({ canonical: i, variant: v });
  }
  for (const j of rng.sample([...oTexts.keys()], BLOCK_VARIANTS)) {
    const [v] = distinctVariants(() => openingVariant(rng, openings[j]!, oTexts[j]!), 1, fresh);
    if (v && !oCols.some((c) => c.variant?.text === v.text)) oCols.push({ canonical: j, variant: v });
  }
  const labels = pRows.map((r) =>
    oCols.map((c) => (r.variant?.lossy || c.variant?.lossy ? -1 : score(profiles[r.canonical]!, openings[c.canonical]!))),
  );
  const same: Block['same'] = [];
  pRows.forEach((r, idx) => r.variant && same.push(['p', r.canonical, idx]));
  oCols.forEach((c, idx) => c.variant && same.push(['o', c.canonical, idx]));
  return {
    profiles: pRows.map((r) => r.variant?.text ?? pTexts[r.canonical]!),
    openings: oCols.map((c) => c.variant?.text ?? oTexts[c.canonical]!),
    labels,
    same,
  };
}

function histogram(labels: number[]): string {
  const counts = [0, 0, 0, 0];
  for (const l of labels) counts[binOf(l)]!++;
  const total = labels.length || 1;
  return ['0', '(0,0.5)', '[0.5,0.8)', '[0.8,1]'].map((name, i) => `${name}: ${((100 * counts[i]!) / total).toFixed(1)}%`).join('  ');
}

function main(): void {
  const started = Date.now();
  mkdirSync(OUT, { recursive: true });
  const evalSet = heldOutSet(createRng(SEED * 1000 + 1), 'eval', { profiles: 200, openings: 500, pairsPerProfile: 15, variantGroups: 200 });
  const validation = heldOutSet(createRng(SEED * 1000 + 2), 'validation', { profiles: 100, openings: 250, pairsPerProfile: 15, variantGroups: 60 });
  const reserved = new Set<string>([...sentencesOf(evalSet), ...sentencesOf(validation), ...SEED_SENTENCES]);
  writeFileSync(join(OUT, 'eval-set.json'), JSON.stringify(evalSet, null, 1) + '\n');
  writeFileSync(join(OUT, 'eval-relevance.json'), JSON.stringify(relevanceOf(evalSet)) + '\n');
  writeFileSync(join(OUT, 'validation.json'), JSON.stringify({ ...validation, ...relevanceOf(validation) }) + '\n');
  console.error(`[pairs] eval: ${evalSet.pairs.length} pairs (${histogram(evalSet.pairs.map((p) => p.label))}), ${evalSet.variants.length} variant groups`);

  const rng = createRng(SEED);
  const lines: string[] = [];
  const allLabels: number[] = [];
  const seen = new Set<string>();
  let sameCount = 0;
  for (let b = 0; b < BLOCKS; b++) {
    const block = trainingBlock(rng, reserved);
    for (const s of [...block.profiles, ...block.openings]) {
      if (reserved.has(s)) throw new Error(`held-out sentence leaked into training block ${b}: ${s}`);
      seen.add(s);
    }
    block.labels.flat().forEach((l) => l >= 0 && allLabels.push(l));
    sameCount += block.same.length;
    lines.push(JSON.stringify(block));
    if ((b + 1) % 1000 === 0 || b + 1 === BLOCKS) {
      const rate = (b + 1) / ((Date.now() - started) / 1000);
      console.error(`[pairs] block ${b + 1}/${BLOCKS} (${rate.toFixed(0)} blocks/s, ETA ${((BLOCKS - b - 1) / rate).toFixed(0)}s)`);
    }
  }
  writeFileSync(join(OUT, 'train-blocks.jsonl'), lines.join('\n') + '\n');
  const leaked = [...reserved].filter((s) => seen.has(s));
  if (leaked.length > 0) throw new Error(`${leaked.length} held-out sentences occur in training data, e.g. ${leaked[0]}`);
  console.error(
    `[pairs] train: ${BLOCKS} blocks, ${seen.size} distinct sentences, ${allLabels.length} labelled cross pairs ` +
      `(${histogram(allLabels)}), ${sameCount} canonical~variant pairs; no held-out sentence in training ` +
      `(${reserved.size} checked) — ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

main();
