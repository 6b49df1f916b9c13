import { BadInputError } from '../errors/domain-errors';

export const MAX_FIRST = 100;

/** `first` must be 1..100. */
export function checkFirst(first: number | null | undefined, fallback: number, field = 'first'): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_FIRST) {
    throw new BadInputError(field, value, `${field}: must be an integer from 1 to ${MAX_FIRST}, got ${String(value)}`);
  }
  return value;
}
