import { BadInputError, validated } from '../errors/domain-errors';

/**
 * A filter list of vocabulary terms: at most `max` entries (the vocabulary's size: more can only be repeats),
 * each folded by `normalize` (which names `field[i]` when it is unknown), duplicates after folding dropped.
 */
export function filterTerms<T>(
  values: readonly unknown[] | null | undefined,
  field: string,
  max: number,
  normalize: (value: unknown, field: string) => T,
): T[] | undefined {
  if (values == null) return undefined;
  capList(values, field, max);
  return [...new Set(values.map((v, i) => validated(() => normalize(v, `${field}[${i}]`))))];
}

/** BAD_USER_INPUT naming `field` when `values` has more than `max` entries. */
export function capList(values: readonly unknown[], field: string, max: number): void {
  if (values.length > max) {
    throw new BadInputError(field, values, `${field}: at most ${max} entries, got ${values.length}`);
  }
}
