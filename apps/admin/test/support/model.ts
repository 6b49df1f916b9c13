// The embedding model the API under test serves: the shipped default model when present, else a small
// random-weight model made once with @moim/embedder's generator (real ONNX inference either way).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from '@moim/embedder';

const GENERATED = join(import.meta.dirname, '..', '.generated');
const FIXTURE_MODEL = join(GENERATED, 'admin-model');
const GENERATOR = join(import.meta.dirname, '../../../../packages/embedder/training/make_random_model.py');

function hasOnnx(dir: string): boolean {
  return existsSync(join(dir, 'onnx/model.onnx')) || existsSync(join(dir, 'model.onnx'));
}

export function servingModelDir(): string {
  if (hasOnnx(DEFAULT_MODEL_DIR)) return DEFAULT_MODEL_DIR;
  if (!hasOnnx(FIXTURE_MODEL)) {
    mkdirSync(GENERATED, { recursive: true });
    // flock: parallel test runs must not write the same directory at once.
    execFileSync(
      'flock',
      [
        join(GENERATED, '.lock'),
        'sh',
        '-c',
        `[ -f "$0/onnx/model.onnx" ] || /usr/bin/python3 "$1" --out "$0" --hidden 64 --layers 2 --heads 4 --seed 21 --no-safetensors`,
        FIXTURE_MODEL,
        GENERATOR,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  }
  return FIXTURE_MODEL;
}
