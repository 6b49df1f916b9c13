import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { isUploadColumn, REQUIRED_UPLOAD_COLUMNS, splitUploadList, UPLOAD_COLUMNS, type OpeningInput } from '@moim/matching';
import type { ImportRow } from './import-run';

const MAX_RECORD_BYTES = 64 * 1024;

export class UploadFormatError extends Error {
  override readonly name = 'UploadFormatError';
}

/** "3" → 3; anything else is passed through so the normaliser names the field and value. */
const integer = (cell: string | undefined): unknown => {
  const t = (cell ?? '').trim();
  return /^-?\d{1,9}$/.test(t) ? Number(t) : t;
};

/** UTF-8 or nothing: a replacement character would be stored in place of what the file really says. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The offset of the byte at which the text stops being valid UTF-8 (the length: cut short at the end). */
function badUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return bytes.length;
}

function decodeUtf8(bytes: Uint8Array): string | { badByteAt: number } {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return { badByteAt: badUtf8Offset(bytes) };
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function checkHeader(header: string[]): void {
  const unknown = header.filter((h) => !isUploadColumn(h));
  if (unknown.length > 0) throw new UploadFormatError(`header: unknown column(s) ${unknown.join(', ')}; expected ${UPLOAD_COLUMNS.join(', ')}`);
  const repeated = [...new Set(header.filter((h, i) => header.indexOf(h) !== i))];
  if (repeated.length > 0) throw new UploadFormatError(`header: column(s) ${repeated.join(', ')} appear more than once; each column once`);
  const missing = REQUIRED_UPLOAD_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new UploadFormatError(`header: missing column(s) ${missing.join(', ')}`);
}

/**
 * CSV with a header line (any column order; unknown or repeated columns are an error), RFC 4180 quoting, BOM
 * allowed. Cells are decoded as strict UTF-8: a row with invalid bytes is a row error naming the column.
 */
export async function* csvRows(input: Readable): AsyncGenerator<ImportRow> {
  const parser = input.pipe(
    // csv-parse's own `bom` option switches it back to strings, so the BOM is dropped from the first cell here.
    parse({ encoding: null, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }),
  );
  let header: string[] | undefined;
  let index = 0;
  for await (const raw of parser as AsyncIterable<Buffer[]>) {
    if (!header) {
      const names = raw.map((cell, i) => decodeUtf8(i === 0 && UTF8_BOM.equals(cell.subarray(0, 3)) ? cell.subarray(3) : cell));
      const bad = names.findIndex((n) => typeof n !== 'string');
      if (bad >= 0) throw new UploadFormatError(`header: column ${bad + 1} is not valid UTF-8`);
      header = (names as string[]).map((h) => h.trim());
      checkHeader(header);
      continue;
    }
    const i = index++;
    if (raw.length !== header.length) {
      yield { index: i, error: { field: 'row', message: `row: expected ${header.length} columns, got ${raw.length}` } };
      continue;
    }
    const decoded = raw.map((cell) => decodeUtf8(cell));
    const badAt = decoded.findIndex((d) => typeof d !== 'string');
    if (badAt >= 0) {
      const column = header[badAt]!;
      const offset = (decoded[badAt] as { badByteAt: number }).badByteAt;
      yield { index: i, error: { field: column, message: `${column}: not valid UTF-8 (byte ${offset} of the cell); save the file as UTF-8` } };
      continue;
    }
    const record = decoded as string[];
    const cell = (name: string): string | undefined => {
      const at = header!.indexOf(name);
      return at < 0 ? undefined : record[at];
    };
    const externalId = cell('externalId')?.trim();
    const input = {
      externalId: externalId ? externalId : null,
      kind: cell('kind') ?? '',
      title: cell('title') ?? '',
      description: cell('description') ?? null,
      region: cell('region') ?? '',
      stacks: splitUploadList(cell('stacks')),
      minExperienceYears: integer(cell('minExperienceYears')),
      tags: splitUploadList(cell('tags')),
      capacity: integer(cell('capacity')),
      leadDiscordId: cell('leadDiscordId')?.trim() || null,
    } as OpeningInput;
    yield { index: i, input };
  }
  if (!header) throw new UploadFormatError('header: the file is empty');
}

const TOO_LONG = Symbol('line too long');

/**
 * The input split at LF (a CR before it dropped), as bytes: lines longer than `maxBytes` are never held whole,
 * they come out as TOO_LONG.
 */
async function* byteLines(input: Readable, maxBytes: number): AsyncGenerator<Buffer | typeof TOO_LONG> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  const take = (piece: Buffer) => {
    if (tooLong) return;
    if (length + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  const line = (): Buffer | typeof TOO_LONG => {
    const whole = tooLong ? TOO_LONG : Buffer.concat(parts, length);
    parts = [];
    length = 0;
    tooLong = false;
    if (whole !== TOO_LONG && whole.at(-1) === 0x0d) return whole.subarray(0, -1);
    return whole;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = bytes.indexOf(0x0a, start); nl >= 0; nl = bytes.indexOf(0x0a, start)) {
      take(bytes.subarray(start, nl));
      yield line();
      start = nl + 1;
    }
    if (start < bytes.length) take(bytes.subarray(start));
  }
  if (length > 0 || tooLong) yield line();
}

/**
 * JSON Lines: one opening object per non-blank line, fields as in OpeningInput. Each line is decoded as strict
 * UTF-8 (a line with invalid bytes is a row error, not U+FFFD in the stored text).
 */
export async function* jsonLinesRows(input: Readable): AsyncGenerator<ImportRow> {
  let index = 0;
  for await (const bytes of byteLines(input, MAX_RECORD_BYTES)) {
    if (bytes === TOO_LONG) {
      yield { index: index++, error: { field: 'line', message: `line: longer than ${MAX_RECORD_BYTES} bytes` } };
      continue;
    }
    const text = decodeUtf8(bytes);
    if (typeof text !== 'string') {
      yield { index: index++, error: { field: 'line', message: `line: not valid UTF-8 (byte ${text.badByteAt} of the line); save the file as UTF-8` } };
      continue;
    }
    const line = index === 0 ? text.replace(/^\uFEFF/, '') : text;
    if (line.trim() === '') continue;
    const i = index++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { index: i, error: { field: 'line', message: `line: invalid JSON (${(error as Error).message})` } };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { index: i, error: { field: 'line', message: 'line: must be a JSON object' } };
      continue;
    }
    yield { index: i, input: value as OpeningInput };
  }
}

export type UploadFormat = 'csv' | 'jsonl';

export function uploadFormat(contentType: string | undefined): UploadFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/json-lines', 'application/jsonlines'].includes(type)) {
    return 'jsonl';
  }
  return undefined;
}
