// The training's tokenizer vocabulary (training/vocab_builder.py) carries its own copy of the canonical names,
// because Python cannot import @moim/matching. This test fails when the two drift apart.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REGIONS, STACKS, TAGS, TRAITS } from '@moim/matching';
import { describe, expect, it } from 'vitest';

const trainingDir = fileURLToPath(new URL('../training', import.meta.url));

function pythonVocabulary(): Record<'REGIONS' | 'STACKS' | 'TRAITS' | 'TAGS', string[]> {
  const script = 'import json, vocab_builder as v; print(json.dumps({k: getattr(v, k) for k in ("REGIONS", "STACKS", "TRAITS", "TAGS")}))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { cwd: trainingDir, encoding: 'utf8' })) as never;
}

describe('training vocabulary', () => {
  const python = pythonVocabulary();
  it.each([
    ['REGIONS', REGIONS],
    ['STACKS', STACKS],
    ['TRAITS', TRAITS],
    ['TAGS', TAGS],
  ] as const)('%s in vocab_builder.py equal @moim/matching, in order', (name, canonical) => {
    expect(python[name]).toEqual([...canonical]);
  });
});
