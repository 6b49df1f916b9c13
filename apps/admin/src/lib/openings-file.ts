// Client-side look at an openings file before it is sent: format, header check, row count, a sample,
// and the file line of each data row (used to point rejected rows at lines). Row validation itself
// is the server's job (it owns the vocabulary); this only catches files that cannot work at all.
// The columns themselves are @moim/matching's UPLOAD_COLUMNS, the list the API's parser checks too.
import { LIST_UPLOAD_COLUMNS, REQUIRED_UPLOAD_COLUMNS, isUploadColumn, splitUploadList } from '@moim/matching';
import { CsvSyntaxError, parseCsv, type CsvSyntaxReason } from './csv';

export type OpeningsFileFormat = 'csv' | 'jsonl';

/** A finding about the file, as data: the console words it in the admin's language. */
export type FileNotice =
  | { code: 'csvSyntax'; line: number; reason: CsvSyntaxReason }
  | { code: 'emptyFile' }
  | { code: 'missingColumns'; line: number; columns: string }
  | { code: 'unknownColumns'; line: number; columns: string }
  | { code: 'noDataRows' }
  | { code: 'fieldCount'; line: number; fields: number; expected: number }
  | { code: 'notJsonObject'; line: number }
  | { code: 'moreNotJsonObjects'; count: number }
  | { code: 'noJsonLines' };

export interface OpeningsFilePreview {
  format: OpeningsFileFormat;
  contentType: 'text/csv' | 'application/x-ndjson';
  rowCount: number;
  /** 1-based file line of each data row, by row index. */
  rowLines: number[];
  /** externalId of each data row (null when absent), so rejected rows can be named. */
  rowIds: (string | null)[];
  sample: Record<string, unknown>[];
  /** Fatal: the upload button stays disabled. Each names where and what. */
  problems: FileNotice[];
  /** Worth knowing, not fatal. */
  warnings: FileNotice[];
}

export function detectFormat(fileName: string, text: string): OpeningsFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function previewOpeningsFile(fileName: string, text: string, sampleSize = 5): OpeningsFilePreview {
  const format = detectFormat(fileName, text);
  return format === 'csv' ? previewCsv(text, sampleSize) : previewJsonl(text, sampleSize);
}

const CONTENT_TYPES = { csv: 'text/csv', jsonl: 'application/x-ndjson' } as const satisfies Record<OpeningsFileFormat, OpeningsFilePreview['contentType']>;

function emptyPreview(format: OpeningsFileFormat): OpeningsFilePreview {
  return { format, contentType: CONTENT_TYPES[format], rowCount: 0, rowLines: [], rowIds: [], sample: [], problems: [], warnings: [] };
}

function previewCsv(text: string, sampleSize: number): OpeningsFilePreview {
  const result = emptyPreview('csv');
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      result.problems.push({ code: 'csvSyntax', line: error.line, reason: error.reason });
      return result;
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) {
    result.problems.push({ code: 'emptyFile' });
    return result;
  }
  const columns = header.fields.map((name) => name.trim());
  const missing = REQUIRED_UPLOAD_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    result.problems.push({ code: 'missingColumns', line: header.line, columns: missing.join(', ') });
  }
  const unknown = columns.filter((name) => !isUploadColumn(name));
  if (unknown.length > 0) {
    result.problems.push({ code: 'unknownColumns', line: header.line, columns: unknown.join(', ') });
  }
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      result.warnings.push({ code: 'fieldCount', line: row.line, fields: row.fields.length, expected: columns.length });
    }
  }
  if (rows.length === 0) result.problems.push({ code: 'noDataRows' });
  result.rowCount = rows.length;
  result.rowLines = rows.map((row) => row.line);
  const idColumn = columns.indexOf('externalId');
  result.rowIds = rows.map((row) => (idColumn >= 0 ? row.fields[idColumn]?.trim() || null : null));
  result.sample = rows.slice(0, sampleSize).map((row) => csvRowToObject(columns, row.fields));
  return result;
}

export function csvRowToObject(columns: string[], fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((name, i) => {
    const cell = (fields[i] ?? '').trim();
    out[name] = (LIST_UPLOAD_COLUMNS as readonly string[]).includes(name) ? splitUploadList(cell) : cell;
  });
  return out;
}

function previewJsonl(text: string, sampleSize: number): OpeningsFilePreview {
  const result = emptyPreview('jsonl');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let invalid = 0;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    result.rowLines.push(i + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const externalId = isObject ? (value as { externalId?: unknown }).externalId : undefined;
    result.rowIds.push(typeof externalId === 'string' && externalId !== '' ? externalId : null);
    if (!isObject) {
      invalid++;
      if (invalid <= 3) result.warnings.push({ code: 'notJsonObject', line: i + 1 });
    } else if (result.sample.length < sampleSize) {
      result.sample.push(value as Record<string, unknown>);
    }
  });
  if (invalid > 3) result.warnings.push({ code: 'moreNotJsonObjects', count: invalid - 3 });
  result.rowCount = result.rowLines.length;
  if (result.rowCount === 0) result.problems.push({ code: 'noJsonLines' });
  return result;
}

/** The file line of a server-reported row index, or null when the index is outside the file. */
export function lineOfRow(preview: Pick<OpeningsFilePreview, 'rowLines'>, index: number): number | null {
  return Number.isInteger(index) ? (preview.rowLines[index] ?? null) : null;
}
