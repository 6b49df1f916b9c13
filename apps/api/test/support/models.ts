import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A second model for the re-embed test (random weights, hidden 48: another id and dimension than the shipped
 * default model the API serves in tests). Generated once into test/.generated with @moim/embedder's generator.
 */
export const SECOND_MODEL = join(import.meta.dirname, '../.generated/api-model-b');

/** Generates the second model when missing (idempotent, flock-safe). */
export function ensureSecondModel(): void {
  if (existsSync(join(SECOND_MODEL, 'onnx/model.onnx'))) return;
  execFileSync('bash', [join(import.meta.dirname, 'make-models.sh')], { stdio: 'inherit' });
}
