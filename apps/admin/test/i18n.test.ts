// The typecheck already makes en.ts have every Korean key; this checks what types cannot: the same
// {{placeholders}} per key (a missing one would print the raw "{{name}}" or lose a value), and real Korean.
import { describe, expect, it } from 'vitest';
import { en } from '../src/web/i18n/en';
import { ko } from '../src/web/i18n/ko';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const korean = flatten(ko);
  const english = flatten(en);

  it('have the same keys in both languages', () => {
    expect([...english.keys()].sort()).toEqual([...korean.keys()].sort());
    expect(korean.size).toBeGreaterThan(100);
  });

  it('use the same placeholders for each key', () => {
    for (const [key, text] of korean) expect(placeholders(english.get(key)!), key).toEqual(placeholders(text));
  });

  it('never name a placeholder "count" (i18next would look for plural forms Korean does not have)', () => {
    for (const [key, text] of korean) expect(placeholders(text), key).not.toContain('count');
  });

  it('are Korean in ko.ts wherever the English text has words', () => {
    const untranslated = [...korean].filter(
      ([key, text]) => /[a-z]{3,}/i.test(english.get(key)!) && text === english.get(key) && !/[가-힣]/.test(text),
    );
    // Identifiers that stay as they are in both languages.
    expect(untranslated.map(([key]) => key).sort()).toEqual([
      'app.nav.graphiql',
      'import.rejected.externalId',
      'openings.column.externalId',
      'opening.fact.externalId',
    ].sort());
  });
});
