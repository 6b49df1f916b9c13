import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from '@moim/embedder';

const GENERATED = join(import.meta.dirname, '../.generated');

export const FIXTURE_MODEL_A = join(GENERATED, 'api-model-a');
export const FIXTURE_MODEL_B = join(GENERATED, 'api-model-b');

function hasOnnx(dir: string): boolean {
  return existsSync(join(dir, 'onnx/model.onnx')) || existsSync(join(dir, 'model.onnx'));
}

/** Generates the fixture models when missing (idempotent, flock-safe). */
export function ensureFixtureModels(): void {
  if (hasOnnx(FIXTURE_MODEL_A) && hasOnnx(FIXTURE_MODEL_B)) return;
  execFileSync('bash', [join(import.meta.dirname, 'make-models.sh')], { stdio: 'inherit' });
}

/** The shipped default model when it is there, else the generated fixture model. */
export function servingModelDir(): string {
  return hasOnnx(DEFAULT_MODEL_DIR) ? DEFAULT_MODEL_DIR : FIXTURE_MODEL_A;
}
