import { UPLOAD_COLUMNS } from '@moim/matching';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/lib/csv';
import { previewOpeningsFile } from '../src/lib/openings-file';
import { openingsCsvTemplate, TEMPLATE_FILE_NAME, TEMPLATE_ROWS } from '../src/lib/openings-template';

describe('openingsCsvTemplate', () => {
  const text = openingsCsvTemplate();

  it('starts with a BOM and the upload header, then the two example rows', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header!.fields).toEqual([...UPLOAD_COLUMNS]);
    expect(rows.map((row) => row.fields)).toEqual(TEMPLATE_ROWS.map((row) => UPLOAD_COLUMNS.map((c) => row[c])));
    expect(rows).toHaveLength(2);
  });

  it('passes the console preview without problems or warnings, lists split', () => {
    const preview = previewOpeningsFile(TEMPLATE_FILE_NAME, text);
    expect(preview.problems).toEqual([]);
    expect(preview.warnings).toEqual([]);
    expect(preview.rowCount).toBe(2);
    expect(preview.rowIds).toEqual(['example-project-001', 'example-study-001']);
    expect(preview.sample[0]).toMatchObject({ region: '서울특별시', stacks: ['React', 'TypeScript', 'Node.js'] });
  });

  it('has Korean example content', () => {
    for (const row of TEMPLATE_ROWS) expect(row.title).toMatch(/[가-힣]/);
  });
});
