import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A second model for the re-embed test: random weights, 768 wide like the real KR-SBERT, so the switch from the
 * shipped 128-d model also proves 768-d vectors stored beside it. Generated once into test/.generated with
 * @moim/embedder's generator.
 */
export const SECOND_MODEL = join(import.meta.dirname, '../.generated/api-model-768');

/** Generates the second model when missing (idempotent, flock-safe). */
export function ensureSecondModel(): void {
  if (existsSync(join(SECOND_MODEL, 'onnx/model.onnx'))) return;
  execFileSync('bash', [join(import.meta.dirname, 'make-models.sh')], { stdio: 'inherit' });
}
