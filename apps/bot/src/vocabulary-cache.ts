import type { MoimApi, Vocabulary } from './api/types';

/** The API's vocabulary, fetched lazily and refreshed after `ttlMs` (it changes only with a deploy). */
export class VocabularyCache {
  private value: Vocabulary | null = null;
  private fetchedAt = 0;
  private pending: Promise<Vocabulary> | null = null;

  constructor(
    private readonly api: Pick<MoimApi, 'vocabulary'>,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<Vocabulary> {
    if (this.value && this.now() - this.fetchedAt < this.ttlMs) return this.value;
    this.pending ??= this.api
      .vocabulary()
      .then((vocabulary) => {
        this.value = vocabulary;
        this.fetchedAt = this.now();
        return vocabulary;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
