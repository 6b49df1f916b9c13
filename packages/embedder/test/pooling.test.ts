import { describe, expect, it } from 'vitest';
import { normalizeL2, poolAndNormalize } from '../src/pooling';

// Two rows, seq 3, hidden 2. Row 1 has one padded position holding junk that must be ignored.
const hidden = new Float32Array([
  3, 0, /**/ 1, 4, /**/ 2, -2, // row 0, 3 real tokens
  0, 2, /**/ 6, 1, /**/ 99, 99, // row 1, 2 real tokens + padding
]);
const shape = [2, 3, 2] as const;
const lengths = [3, 2];
const unit = (x: number, y: number) => [x / Math.hypot(x, y), y / Math.hypot(x, y)];

describe('poolAndNormalize', () => {
  it('mean pools over real tokens only, then L2-normalises', () => {
    const [a, b] = poolAndNormalize(hidden, shape, lengths, ['mean']);
    expect(Array.from(a!)).toEqual(unit(2, 2 / 3).map(Math.fround));
    expect(Array.from(b!)).toEqual(unit(3, 1.5).map(Math.fround));
  });

  it('cls takes the first token', () => {
    const [a, b] = poolAndNormalize(hidden, shape, lengths, ['cls']);
    expect(Array.from(a!)).toEqual([1, 0]);
    expect(Array.from(b!)).toEqual([0, 1]);
  });

  it('max takes the per-dimension maximum of real tokens', () => {
    const [a, b] = poolAndNormalize(hidden, shape, lengths, ['max']);
    expect(Array.from(a!)).toEqual(unit(3, 4).map(Math.fround));
    expect(Array.from(b!)).toEqual(unit(6, 2).map(Math.fround));
  });

  it('concatenates several modes before normalising', () => {
    const [a] = poolAndNormalize(hidden, shape, lengths, ['cls', 'max']);
    const raw = [3, 0, 3, 4];
    const norm = Math.hypot(...raw);
    expect(Array.from(a!)).toEqual(raw.map((x) => Math.fround(x / norm)));
  });

  it('leaves a zero vector at zero instead of dividing by zero', () => {
    expect(Array.from(normalizeL2(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});
