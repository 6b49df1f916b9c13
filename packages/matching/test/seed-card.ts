// Reads the seed model card (spec §1's source) and extracts every canonical sentence in it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SEED_CARD_PATH = resolve(repoRoot, '../shared/seed/000_f639adf94f4e77a7.txt');

export interface SeedSentences {
  /** YAML front matter `widget:` source_sentence / sentences entries. */
  widget: string[];
  /** Python usage example list. */
  usage: string[];
  /** `<code>` cells of the training samples table. */
  table: string[];
  /** Labelled rows of the samples table: [member sentence, opening sentence, label]. */
  samples: [string, string, number][];
}

const isSentence = (s: string) => s.includes(' 거주, ') || s.includes(' 지역 프로젝트, ');

export function readSeedSentences(): SeedSentences {
  const card = readFileSync(SEED_CARD_PATH, 'utf8');
  const frontMatter = card.split(/^---$/m)[1] ?? '';
  const widget = [...frontMatter.matchAll(/^\s*-? ?(?:source_sentence: )?'([^'\n]+)'$/gm)].map((m) => m[1]!).filter(isSentence);
  const usageBlock = /sentences = \[\n([\s\S]*?)\n\]/.exec(card)?.[1] ?? '';
  const usage = [...usageBlock.matchAll(/^\s*'([^'\n]+)',$/gm)].map((m) => m[1]!).filter(isSentence);
  const samples: [string, string, number][] = [];
  const table: string[] = [];
  for (const line of card.split('\n')) {
    const cells = [...line.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => m[1]!);
    if (cells.length === 3 && isSentence(cells[0]!) && isSentence(cells[1]!)) {
      table.push(cells[0]!, cells[1]!);
      samples.push([cells[0]!, cells[1]!, Number(cells[2])]);
    }
  }
  return { widget, usage, table, samples };
}
