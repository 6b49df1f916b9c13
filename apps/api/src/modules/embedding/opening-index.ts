import { maintainOpeningIndex } from '@moim/db';
import type { ServiceDeps } from '../service-deps';

/**
 * Keeps the serving model's opening index the one that finds profile queries' nearest openings (maintainOpeningIndex:
 * ivfflat from IVFFLAT_MIN_ROWS vectors on, rebuilt as the rows outgrow its lists), in the background: after
 * start-up, after an import that created openings, after a re-embed. One build at a time; pokes during a build
 * make one more pass after it. MOIM_OPENING_INDEX=manual turns it off (an operator, or a benchmark, chooses).
 */
export class OpeningIndexKeeper {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'db' | 'embedding' | 'log'>,
    private readonly mode: 'auto' | 'manual',
  ) {}

  poke(): void {
    if (this.mode === 'manual') return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.passes().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no build is running (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      const model = this.deps.embedding.serving;
      try {
        const built = await maintainOpeningIndex(this.deps.db, { modelKey: model.modelKey, dimension: model.dimension });
        if (built) this.deps.log.info({ ...built, modelId: model.modelId }, 'opening vectors re-indexed (ivfflat)');
      } catch (error) {
        this.deps.log.warn({ err: error, modelId: model.modelId }, 'opening index maintenance failed; the current index keeps serving');
      }
    } while (this.again);
  }
}
