// Deterministic split of canonical sentences by a hash of their bytes: bucket 0 is reserved for the
// committed eval set, bucket 1 for validation during training, the rest for training. Because the
// bucket depends only on the sentence, no generation order or seed can leak eval sentences into training.
export type Split = 'eval' | 'validation' | 'train';

const BUCKETS = 10;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function splitOf(sentence: string): Split {
  const bucket = fnv1a(sentence) % BUCKETS;
  return bucket === 0 ? 'eval' : bucket === 1 ? 'validation' : 'train';
}
