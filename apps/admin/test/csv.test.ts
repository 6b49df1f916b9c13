import { splitUploadList } from '@moim/matching';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsvRecord, parseCsv } from '../src/lib/csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, remembering start lines', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",z\n\n3,,\n';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', 'z'],
      ['3', '', ''],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('drops a BOM and keeps Korean text intact', () => {
    const records = parseCsv('\uFEFFtitle\n리액트 스터디');
    expect(records).toEqual([
      { fields: ['title'], line: 1 },
      { fields: ['리액트 스터디'], line: 2 },
    ]);
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseCsv('a\n"open\nstill open')).toThrowError(CsvSyntaxError);
    expect(() => parseCsv('a\n"open\nstill open')).toThrowError(/line 2: quoted field is never closed/);
    expect(() => parseCsv('a\n"open')).toThrowError(expect.objectContaining({ reason: 'unclosedQuote', line: 2 }));
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrowError(/line 1: text after a closing quote/);
  });
});

describe('splitUploadList (the upload format of @moim/matching, as the preview reads list cells)', () => {
  it('splits on semicolons and pipes, trimming and dropping empties', () => {
    expect(splitUploadList(' Java; Spring Boot | JPA ;;')).toEqual(['Java', 'Spring Boot', 'JPA']);
    expect(splitUploadList('')).toEqual([]);
    expect(splitUploadList(undefined)).toEqual([]);
  });
});

describe('formatCsvRecord', () => {
  it('quotes only fields that need it, and parseCsv reads them back', () => {
    const fields = ['plain', '리액트, 타입스크립트', 'say "hi"', 'two\nlines', ''];
    const record = formatCsvRecord(fields);
    expect(record).toBe('plain,"리액트, 타입스크립트","say ""hi""","two\nlines",');
    expect(parseCsv(record).map((r) => r.fields)).toEqual([fields]);
  });
});
