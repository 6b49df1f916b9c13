export const MATCHING_ERROR_REASONS = [
  'UNKNOWN_VALUE',
  'OUT_OF_RANGE',
  'DUPLICATE',
  'TOO_LONG',
  'EMPTY',
  'INVALID_FORMAT',
] as const;
export type MatchingErrorReason = (typeof MATCHING_ERROR_REASONS)[number];

/**
 * Bad input to a normaliser or parser. `field` is the input field name (`stacks[1]` for list items,
 * `sentence` for the parsers), `value` the offending value, `reason` a stable code, message English.
 */
export class MatchingInputError extends Error {
  override readonly name = 'MatchingInputError';
  readonly field: string;
  readonly value: unknown;
  readonly reason: MatchingErrorReason;

  constructor(field: string, value: unknown, reason: MatchingErrorReason, detail: string) {
    super(`${field}: ${detail}`);
    this.field = field;
    this.value = value;
    this.reason = reason;
  }

  /** Short Korean text for members, e.g. `스택[2]: 알 수 없는 값 "Rust"`. */
  get koreanMessage(): string {
    return koreanMessage(this);
  }
}

/** Renders a value for an error message: strings quoted, other values as JSON where possible. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

const FIELD_NAMES_KO: Record<string, string> = {
  input: '입력',
  region: '지역',
  experienceYears: '경력',
  minExperienceYears: '필요 경력',
  stacks: '스택',
  traits: '추가 정보',
  tags: '특이사항',
  displayName: '이름',
  discordId: '디스코드 ID',
  externalId: '외부 ID',
  kind: '종류',
  title: '제목',
  description: '설명',
  capacity: '정원',
  sentence: '문장',
};

const REASONS_KO: Record<MatchingErrorReason, string> = {
  UNKNOWN_VALUE: '알 수 없는 값',
  OUT_OF_RANGE: '허용 범위를 벗어난 값',
  DUPLICATE: '중복된 값',
  TOO_LONG: '너무 길거나 너무 많음',
  EMPTY: '비어 있음',
  INVALID_FORMAT: '형식이 올바르지 않음',
};

/** Korean rendering of a MatchingInputError for members (bot replies, API `extensions`). */
export function koreanMessage(error: MatchingInputError): string {
  const match = /^([A-Za-z]+)(.*)$/.exec(error.field);
  const base = match?.[1] ?? error.field;
  const suffix = match?.[2] ?? '';
  const field = `${FIELD_NAMES_KO[base] ?? base}${suffix}`;
  const v = error.value;
  const showValue = error.reason !== 'EMPTY' && (typeof v === 'string' || typeof v === 'number');
  const value = showValue ? ` ${describeValue(v)}` : '';
  return `${field}: ${REASONS_KO[error.reason]}${value}`;
}
