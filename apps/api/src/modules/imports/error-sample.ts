/** One rejected row; index -1 is the whole file (why the run stopped or failed). */
export interface ImportErrorRow {
  index: number;
  field: string;
  message: string;
}

/**
 * The `keep` row errors with the lowest indexes, plus an exact count of all of them: memory stays bounded
 * however many rows of an upload are bad (it held every error before: 2.6 million bad lines took 2.2 GB).
 */
export class ErrorSample {
  private rows: ImportErrorRow[] = [];
  count = 0;

  constructor(private readonly keep: number) {}

  add(row: ImportErrorRow): void {
    this.count++;
    this.rows.push({ index: row.index, field: storableText(row.field), message: storableText(row.message) });
    // Errors arrive almost in index order (stored chunks report late), so trimming now and then is enough.
    if (this.rows.length >= 2 * this.keep) this.trim();
  }

  /** A sorted copy of the kept errors. */
  first(): ImportErrorRow[] {
    this.trim();
    return [...this.rows];
  }

  private trim(): void {
    this.rows.sort((a, b) => a.index - b.index);
    if (this.rows.length > this.keep) this.rows.length = this.keep;
  }
}

/**
 * `text` with NUL and lone surrogates written as `\uXXXX`: messages quote the input (V8's JSON.parse errors quote
 * the raw line), and the job's errors are stored as jsonb, which refuses both.
 */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching NUL is the point
  return text.replace(/\u0000|[\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
