// The reference model card's sentences, kept in the repository as a fixture (see fixtures/seed-sentences.json).
import seed from './fixtures/seed-sentences.json' with { type: 'json' };

export interface SeedSentences {
  /** The card's widget examples: source sentences and the sentences compared with them. */
  widget: string[];
  /** The card's usage example. */
  usage: string[];
  /** Every sentence of the card's training-samples table. */
  table: string[];
  /** Labelled rows of that table: [member sentence, opening sentence, label]. */
  samples: [string, string, number][];
}

export function readSeedSentences(): SeedSentences {
  return {
    widget: [...seed.widget],
    usage: [...seed.usage],
    table: [...seed.table],
    samples: seed.samples.map(([member, opening, label]) => [String(member), String(opening), Number(label)]),
  };
}
