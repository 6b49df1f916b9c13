/** Validation for values that end up in vector SQL; every error names the field and the value. */

export class VectorInputError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(`${field}: ${message} (got ${describe(value)})`);
    this.name = 'VectorInputError';
  }
}

/** pgvector's HNSW index supports at most 2000 dimensions for `vector`. */
export const MAX_INDEXED_DIMENSION = 2000;

/** Model keys are PostgreSQL `int` (serial). */
export const MAX_MODEL_KEY = 2_147_483_647;

export type Vector = Float32Array | number[];

export function requireInt(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new VectorInputError(field, value, `must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function requireNonEmptyString(field: string, value: unknown, maxLength = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw new VectorInputError(field, value, `must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

/** Renders a vector as pgvector text ('[0.1,0.2]') after checking its length and that it is finite. */
export function vectorText(field: string, vector: unknown, dimension: number): string {
  if (!(vector instanceof Float32Array) && !Array.isArray(vector)) {
    throw new VectorInputError(field, vector, 'must be a Float32Array or an array of numbers');
  }
  if (vector.length !== dimension) {
    throw new VectorInputError(field, `length ${vector.length}`, `must have exactly ${dimension} dimensions`);
  }
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new VectorInputError(`${field}[${i}]`, x, 'must be a finite number');
    }
  }
  return `[${Array.prototype.join.call(vector, ',')}]`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value instanceof Float32Array) return `Float32Array(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  return String(value);
}
