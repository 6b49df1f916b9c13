import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { OpeningInput } from '@moim/matching';
import type { ImportRow } from '../services/imports';

export const CSV_COLUMNS = ['externalId', 'kind', 'title', 'description', 'region', 'stacks', 'minExperienceYears', 'tags', 'capacity'] as const;
const REQUIRED = ['kind', 'title', 'region', 'stacks', 'minExperienceYears', 'capacity'] as const;
const MAX_RECORD_BYTES = 64 * 1024;

export class UploadFormatError extends Error {
  override readonly name = 'UploadFormatError';
}

const list = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "3" → 3; anything else is passed through so the normaliser names the field and value. */
const integer = (cell: string | undefined): unknown => {
  const t = (cell ?? '').trim();
  return /^-?\d{1,9}$/.test(t) ? Number(t) : t;
};

/** CSV with a header line (any column order; unknown columns are an error), RFC 4180 quoting, BOM allowed. */
export async function* csvRows(input: Readable): AsyncGenerator<ImportRow> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }),
  );
  let header: string[] | undefined;
  let index = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record.map((h) => h.trim());
      const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
      if (unknown.length > 0) throw new UploadFormatError(`header: unknown column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(', ')}`);
      const missing = REQUIRED.filter((c) => !header!.includes(c));
      if (missing.length > 0) throw new UploadFormatError(`header: missing column(s) ${missing.join(', ')}`);
      continue;
    }
    const i = index++;
    if (record.length !== header.length) {
      yield { index: i, error: { field: 'row', message: `row: expected ${header.length} columns, got ${record.length}` } };
      continue;
    }
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
      stacks: list(cell('stacks')),
      minExperienceYears: integer(cell('minExperienceYears')),
      tags: list(cell('tags')),
      capacity: integer(cell('capacity')),
    } as OpeningInput;
    yield { index: i, input };
  }
  if (!header) throw new UploadFormatError('header: the file is empty');
}

/** JSON Lines: one opening object per non-blank line, fields as in OpeningInput. */
export async function* jsonLinesRows(input: Readable): AsyncGenerator<ImportRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let index = 0;
  for await (const raw of lines) {
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const i = index++;
    if (line.length > MAX_RECORD_BYTES) {
      yield { index: i, error: { field: 'line', message: `line: longer than ${MAX_RECORD_BYTES} characters` } };
      continue;
    }
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
