import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/.generated', import.meta.url));

/** Random-weight models made by test/fixtures/make-fixtures.sh (see global-setup.ts). */
export const fixtureModel = {
  tiny: join(FIXTURES_DIR, 'tiny'),
  clsWithoutTokenTypes: join(FIXTURES_DIR, 'tiny-cls-notti'),
  max: join(FIXTURES_DIR, 'tiny-max'),
  krSbertStandIn: join(FIXTURES_DIR, 'kr-sbert-standin'),
} as const;

export interface ReferenceSentence {
  text: string;
  untruncated_token_count: number;
  input_ids: number[];
  embedding: number[];
}

export interface Reference {
  pooling: 'mean' | 'cls' | 'max';
  max_seq_length: number;
  dimension: number;
  tolerance: number;
  sentences: ReferenceSentence[];
}

export function readReference(modelDir: string): Reference {
  return JSON.parse(readFileSync(join(modelDir, 'reference.json'), 'utf8')) as Reference;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
