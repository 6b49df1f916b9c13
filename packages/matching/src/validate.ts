// Field-level checks shared by the normalisers. Each returns the clean value or throws MatchingInputError.
import { MatchingInputError, describeValue } from './errors';

// C0, DEL and C1 controls, plus line/paragraph separators and BOM, which break one-line rendering.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;
// Same, but tab and newline allowed (multi-line free text).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;

// In a `u` regex a surrogate range matches only unpaired halves: a lone surrogate is not text, and the database
// would store it as U+FFFD (or refuse it inside JSON).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Throws when `text` has a lone UTF-16 surrogate. */
export function requireWellFormed(field: string, value: unknown, text: string): void {
  const bad = LONE_SURROGATE.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase();
    throw new MatchingInputError(field, value, 'INVALID_FORMAT', `contains a lone UTF-16 surrogate U+${code} at position ${bad.index}`);
  }
}

/** Length in Unicode code points, so an emoji counts as one character. */
export const charLength = (text: string): number => [...text].length;

export interface TextRule {
  min: number;
  max: number;
  multiline?: boolean;
}

/** A trimmed NFC string within [min, max] code points and without control characters. */
export function requireText(field: string, value: unknown, rule: TextRule): string {
  if (typeof value !== 'string') {
    throw new MatchingInputError(field, value, 'INVALID_FORMAT', `must be a string, got ${describeValue(value)}`);
  }
  requireWellFormed(field, value, value);
  let text = value.normalize('NFC').trim();
  if (rule.multiline) text = text.replace(/\r\n?/g, '\n');
  const controls = rule.multiline ? CONTROL_CHARS_MULTILINE : CONTROL_CHARS;
  const bad = controls.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new MatchingInputError(field, value, 'INVALID_FORMAT', `contains control character U+${code} in ${describeValue(value)}`);
  }
  if (text.length === 0 && rule.min > 0) {
    throw new MatchingInputError(field, value, 'EMPTY', 'must not be empty');
  }
  const length = charLength(text);
  if (length < rule.min) {
    throw new MatchingInputError(field, value, 'OUT_OF_RANGE', `must be at least ${rule.min} characters, got ${length}: ${describeValue(value)}`);
  }
  if (length > rule.max) {
    throw new MatchingInputError(field, value, 'TOO_LONG', `must be at most ${rule.max} characters, got ${length}: ${describeValue(value)}`);
  }
  return text;
}

/** An integer number within [min, max]; rejects strings, NaN, ±Infinity and fractions. */
export function requireInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MatchingInputError(field, value, 'INVALID_FORMAT', `must be a finite number, got ${describeValue(value)}`);
  }
  if (!Number.isInteger(value)) {
    throw new MatchingInputError(field, value, 'INVALID_FORMAT', `must be an integer, got ${value}`);
  }
  if (value < min || value > max) {
    throw new MatchingInputError(field, value, 'OUT_OF_RANGE', `must be between ${min} and ${max}, got ${value}`);
  }
  // Normalises -0 to 0.
  return value + 0;
}

export interface VocabularyRule<T extends string> {
  /** Noun for messages: "stack", "region", ... */
  noun: string;
  lookup: (text: string) => T | undefined;
  canonical: readonly T[];
}

/** Longest alias anyone would type; longer text is rejected before lookup. */
const MAX_TERM_LENGTH = 64;

/** One vocabulary term: any alias, any case, folded to its canonical name. */
export function requireTerm<T extends string>(field: string, value: unknown, rule: VocabularyRule<T>): T {
  const text = requireText(field, value, { min: 1, max: MAX_TERM_LENGTH });
  const found = rule.lookup(text);
  if (found === undefined) {
    throw new MatchingInputError(
      field,
      value,
      'UNKNOWN_VALUE',
      `unknown ${rule.noun} ${describeValue(value)} (expected one of: ${rule.canonical.join(', ')})`,
    );
  }
  return found;
}

export interface ListRule<T extends string> extends VocabularyRule<T> {
  min: number;
  max: number;
}

/** A list of vocabulary terms, folded, order kept; duplicates after folding are an error. */
export function requireTermList<T extends string>(field: string, value: unknown, rule: ListRule<T>): T[] {
  if (value === null || value === undefined) {
    if (rule.min === 0) return [];
    throw new MatchingInputError(field, value, 'EMPTY', `at least ${rule.min} ${rule.noun} required`);
  }
  if (!Array.isArray(value)) {
    throw new MatchingInputError(field, value, 'INVALID_FORMAT', `must be a list of strings, got ${describeValue(value)}`);
  }
  if (value.length < rule.min) {
    throw new MatchingInputError(field, value, 'EMPTY', `at least ${rule.min} ${rule.noun} required`);
  }
  if (value.length > rule.max) {
    throw new MatchingInputError(field, value, 'TOO_LONG', `at most ${rule.max} ${rule.noun} entries allowed, got ${value.length}`);
  }
  const result: T[] = [];
  value.forEach((item: unknown, index) => {
    const itemField = `${field}[${index}]`;
    const term = requireTerm(itemField, item, rule);
    const first = result.indexOf(term);
    if (first !== -1) {
      throw new MatchingInputError(
        itemField,
        item,
        'DUPLICATE',
        `duplicate ${rule.noun} ${describeValue(item)} (same as ${field}[${first}], "${term}")`,
      );
    }
    result.push(term);
  });
  return result;
}

/** The input itself must be a plain object before any field is read. */
export function requireObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MatchingInputError('input', value, 'INVALID_FORMAT', `must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}
