// RFC 4180 CSV reader for previews: quoted fields, doubled quotes, CRLF or LF, a leading BOM.
// Each record remembers the 1-based file line it starts on, so server errors (by row index)
// can point at the line an admin sees in their editor even when quoted fields span lines.

export interface CsvRecord {
  fields: string[];
  line: number;
}

/** What is wrong, as a code the console translates; the English message is for logs and tests. */
export type CsvSyntaxReason = 'quoteInsideField' | 'textAfterQuote' | 'unclosedQuote';

const REASON_TEXT: Record<CsvSyntaxReason, string> = {
  quoteInsideField: 'a quote may only start a field',
  textAfterQuote: 'text after a closing quote',
  unclosedQuote: 'quoted field is never closed',
};

export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: CsvSyntaxReason,
    readonly line: number,
  ) {
    super(`line ${line}: ${REASON_TEXT[reason]}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedFieldStart = 0;
  let fieldWasQuoted = false;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldWasQuoted;
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new CsvSyntaxError('quoteInsideField', line);
      inQuotes = true;
      fieldWasQuoted = true;
      quotedFieldStart = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (fieldWasQuoted) throw new CsvSyntaxError('textAfterQuote', line);
      field += ch;
    }
  }
  if (inQuotes) throw new CsvSyntaxError('unclosedQuote', quotedFieldStart);
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return records;
}

/** One CSV record (no line end): fields with a comma, quote or line break are quoted, quotes doubled. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(',');
}
