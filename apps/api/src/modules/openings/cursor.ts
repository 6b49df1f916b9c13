import { BadInputError } from '../../errors/domain-errors';

// Page cursors of `openings(after:)`: the last row's createdAt and id, base64url.

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,128})$/;

/** Only what encodeCursor writes: anything else (NUL bytes, bad UTF-8, other ids) is refused before SQL. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? CURSOR.exec(Buffer.from(cursor, 'base64url').toString('latin1')) : null;
  const createdAt = new Date(match?.[1] ?? Number.NaN);
  if (!match || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== match[1]) {
    throw new BadInputError('after', cursor, 'after: not a cursor returned by this API');
  }
  return { createdAt, id: match[2]! };
}
