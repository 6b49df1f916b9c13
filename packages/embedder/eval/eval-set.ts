import { readFileSync } from 'node:fs';
import type { OpeningCriteria, Profile } from '@moim/matching';

export interface EvalSet {
  profiles: Profile[];
  openings: OpeningCriteria[];
  pairs: { a: string; b: string; label: number }[];
  variants: { canonical: string; variants: string[] }[];
}

/** Reads training/data/eval-set.json (written by training/generate-pairs.ts), checking its shape. */
export function readEvalSet(path: string): EvalSet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the eval set (${(error as Error).message})`, { cause: error });
  }
  const set = json as Partial<EvalSet>;
  const fail = (field: string, problem: string) => {
    throw new Error(`${path}: ${field} ${problem}`);
  };
  for (const field of ['profiles', 'openings', 'pairs', 'variants'] as const) {
    if (!Array.isArray(set[field]) || set[field].length === 0) fail(field, 'must be a non-empty array');
  }
  set.pairs!.forEach((pair, i) => {
    if (typeof pair.a !== 'string' || typeof pair.b !== 'string') fail(`pairs[${i}]`, 'needs string a and b');
    if (typeof pair.label !== 'number' || pair.label < 0 || pair.label > 1) fail(`pairs[${i}].label`, `must be in [0, 1], got ${pair.label}`);
  });
  set.variants!.forEach((group, i) => {
    if (typeof group.canonical !== 'string' || !Array.isArray(group.variants) || group.variants.length === 0) {
      fail(`variants[${i}]`, 'needs a canonical string and a non-empty variants list');
    }
  });
  return set as EvalSet;
}
