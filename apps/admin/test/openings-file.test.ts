import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, lineOfRow, previewOpeningsFile } from '../src/lib/openings-file';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('previewOpeningsFile', () => {
  it('previews the sample CSV: ten rows, lists split, no problems', () => {
    const preview = previewOpeningsFile('openings-sample.csv', fixture('openings-sample.csv'));
    expect(preview.format).toBe('csv');
    expect(preview.contentType).toBe('text/csv');
    expect(preview.problems).toEqual([]);
    expect(preview.rowCount).toBe(10);
    expect(preview.rowLines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(preview.rowIds[6]).toBe('admin-sample-bad-region');
    expect(preview.sample[0]).toMatchObject({
      externalId: 'admin-sample-001',
      title: '스프링 부트 쇼핑몰 백엔드 팀원 모집',
      stacks: ['Java', 'Spring Boot', 'JPA'],
      tags: ['팀 협업', '프로덕트 중심'],
    });
    expect(preview.sample[1]).toMatchObject({ stacks: ['React', 'TypeScript'] });
  });

  it('previews the JSONL twin with the same rows', () => {
    const csv = previewOpeningsFile('a.csv', fixture('openings-sample.csv'));
    const jsonl = previewOpeningsFile('openings-sample.jsonl', fixture('openings-sample.jsonl'));
    expect(jsonl.format).toBe('jsonl');
    expect(jsonl.contentType).toBe('application/x-ndjson');
    expect(jsonl.rowCount).toBe(csv.rowCount);
    expect(jsonl.rowIds).toEqual(csv.rowIds);
    expect(jsonl.sample.map((r) => r.externalId)).toEqual(csv.sample.map((r) => r.externalId));
    expect(jsonl.sample.map((r) => r.stacks)).toEqual(csv.sample.map((r) => r.stacks));
  });

  it('refuses a CSV without required columns, naming them', () => {
    const preview = previewOpeningsFile('x.csv', 'externalId,title\nx,y\n');
    expect(preview.problems).toEqual([
      { code: 'missingColumns', line: 1, columns: 'kind, region, stacks, minExperienceYears, capacity' },
    ]);
  });

  it('refuses unknown columns (the API does too), warns about short rows, refuses a header-only file', () => {
    const header = 'externalId,kind,title,description,region,stacks,minExperienceYears,tags,capacity,colour';
    const preview = previewOpeningsFile('x.csv', `${header}\na,STUDY,t\n`);
    expect(preview.problems).toContainEqual({ code: 'unknownColumns', line: 1, columns: 'colour' });
    expect(preview.warnings).toContainEqual({ code: 'fieldCount', line: 2, fields: 3, expected: 10 });
    const known = header.replace(',colour', '');
    expect(previewOpeningsFile('x.csv', `${known}\n`).problems).toEqual([{ code: 'noDataRows' }]);
  });

  it('maps quoted multi-line CSV rows to their starting file lines', () => {
    const text =
      'kind,title,region,stacks,minExperienceYears,capacity,description\n' +
      'STUDY,a,서울,Go,0,2,"first\nsecond"\n' +
      'STUDY,b,서울,Go,0,2,x\n';
    const preview = previewOpeningsFile('x.csv', text);
    expect(preview.rowLines).toEqual([2, 4]);
    expect(lineOfRow(preview, 1)).toBe(4);
    expect(lineOfRow(preview, 2)).toBeNull();
    expect(lineOfRow(preview, -1)).toBeNull();
  });

  it('counts blank-line-separated JSON lines by file line and warns on non-objects', () => {
    const preview = previewOpeningsFile('x.jsonl', '{"a":1}\n\n[1]\nnot json\n{"b":2}\n');
    expect(preview.rowCount).toBe(4);
    expect(preview.rowLines).toEqual([1, 3, 4, 5]);
    expect(preview.warnings).toEqual([
      { code: 'notJsonObject', line: 3 },
      { code: 'notJsonObject', line: 4 },
    ]);
    expect(preview.sample).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports a CSV syntax error with its line', () => {
    const preview = previewOpeningsFile('x.csv', 'kind,title\nSTUDY,"unclosed\n');
    expect(preview.problems).toEqual([{ code: 'csvSyntax', line: 2, reason: 'unclosedQuote' }]);
  });
});

describe('detectFormat', () => {
  it('trusts the extension, then the first character', () => {
    expect(detectFormat('a.NDJSON', 'x')).toBe('jsonl');
    expect(detectFormat('a.csv', '{')).toBe('csv');
    expect(detectFormat('upload', '  {"a":1}')).toBe('jsonl');
    expect(detectFormat('upload', 'kind,title')).toBe('csv');
  });
});
