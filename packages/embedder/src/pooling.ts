import type { PoolingMode } from './pooling-config';

/**
 * Pools a right-padded [batch, seq, hidden] output into one L2-normalised vector per row.
 * lengths[b] = number of real (attention mask 1) tokens of row b; padded positions are ignored.
 * Modes are concatenated in the given order, as sentence-transformers does.
 */
export function poolAndNormalize(
  hidden: Float32Array,
  shape: readonly [number, number, number],
  lengths: readonly number[],
  modes: readonly PoolingMode[],
): Float32Array[] {
  const [batch, seq, width] = shape;
  const vectors: Float32Array[] = [];
  const sums = new Float64Array(width);
  for (let b = 0; b < batch; b++) {
    const length = lengths[b] ?? 0;
    const rowStart = b * seq * width;
    const vector = new Float32Array(width * modes.length);
    modes.forEach((mode, m) => {
      const out = vector.subarray(m * width, (m + 1) * width);
      if (mode === 'cls') {
        out.set(hidden.subarray(rowStart, rowStart + width));
      } else if (mode === 'max') {
        out.fill(length > 0 ? -Infinity : 0);
        for (let t = 0; t < length; t++) {
          const at = rowStart + t * width;
          for (let h = 0; h < width; h++) {
            const value = hidden[at + h]!;
            if (value > out[h]!) out[h] = value;
          }
        }
      } else {
        sums.fill(0);
        for (let t = 0; t < length; t++) {
          const at = rowStart + t * width;
          for (let h = 0; h < width; h++) sums[h]! += hidden[at + h]!;
        }
        const count = Math.max(length, 1e-9);
        for (let h = 0; h < width; h++) out[h] = sums[h]! / count;
      }
    });
    vectors.push(normalizeL2(vector));
  }
  return vectors;
}

/** Scales in place to unit length (a zero vector stays zero) and returns it. */
export function normalizeL2(vector: Float32Array): Float32Array {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i]! * vector[i]!;
  const norm = Math.sqrt(squares);
  if (norm > 1e-12) for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm;
  return vector;
}
