import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchSentences } from '../bench/bench-sentences';
import { TextTokenizer } from '../src/text-tokenizer';
import { fixtureModel, readReference } from './fixture-models';

function tokenizerOf(modelDir: string): TextTokenizer {
  const read = (name: string) => JSON.parse(readFileSync(join(modelDir, name), 'utf8')) as Record<string, unknown>;
  return new TextTokenizer({
    tokenizerJsonPath: join(modelDir, 'tokenizer.json'),
    tokenizerJson: read('tokenizer.json'),
    tokenizerConfig: read('tokenizer_config.json'),
    maxSeqLength: 128,
    doLowerCase: false,
  });
}

const FRAGMENTS = ['경상북도', '거주,', '2년차', 'Java.', 'Spring Boot', '[CLS]', '[SEP]x', '  ', ' ', '\t', '\u3000', '\u00a0',
  '漢字', '😀', 'café', '(대략)', '100%', '...', 'x'.repeat(101), '\u200b', '“따옴표”', 'HTML/CSS/JS', '스택:', '[cls]', '\n'];

/** Deterministic mixtures of the fragments above, joined by nothing or by spaces. */
function mixtures(count: number): string[] {
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 8) }, () => FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]).join(next() < 0.5 ? ' ' : ''),
  );
}

describe('TextTokenizer', () => {
  const tokenizer = tokenizerOf(fixtureModel.krSbertStandIn);
  const texts = [...benchSentences(300), ...readReference(fixtureModel.krSbertStandIn).sentences.map((s) => s.text), ...mixtures(400)];

  it('gives the library tokenizer\'s ids through its chunk memo, first and repeated calls alike', () => {
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) expect({ text, ids: tokenizer.encodeContent(text) }).toEqual({ text, ids: tokenizer.encodeWhole(text) });
    }
  });

  it('wraps the content in [CLS] … [SEP] and truncates it to max_seq_length', () => {
    const [cls, sep] = tokenizer.encode('');
    const long = '경상북도 '.repeat(300);
    const ids = tokenizer.encode(long);
    expect(ids).toHaveLength(128);
    expect([ids[0], ids[127]]).toEqual([cls, sep]);
    expect(ids.slice(1, 127)).toEqual(tokenizer.encodeWhole(long).slice(0, 126));
  });
});
