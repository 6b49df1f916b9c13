import type { EmbedderClosedError } from './errors';

interface Waiter<O> {
  resolve(value: O): void;
  reject(error: unknown): void;
}

interface Entry<I, O> {
  key: string;
  input: I;
  waiters: Waiter<O>[];
}

export interface MicroBatcherOptions<I, P, O> {
  maxBatchSize: number;
  /** Cheap size estimate used to group similar inputs (less padding). */
  sizeOf(input: I): number;
  /** Synchronous preparation of a batch (tokenisation); runs while the previous batch is still in flight. */
  prepare(inputs: I[]): P;
  /** Runs one prepared batch; results in input order. Only one call is in flight at a time. */
  run(prepared: P): Promise<O[]>;
}

/**
 * Coalesces concurrent submissions into shared batches: inputs queue up until the next macrotask
 * (or the next microtask once a full batch is waiting), then run in batches of at most maxBatchSize,
 * sorted by size, one batch at a time.
 * Identical keys waiting at the same time share one computation.
 */
export class MicroBatcher<I, P, O> {
  private queue: Entry<I, O>[] = [];
  private readonly waiting = new Map<string, Entry<I, O>>();
  private running: Promise<void> | null = null;
  private scheduled = false;
  private startQueued = false;
  private closedError: EmbedderClosedError | null = null;

  constructor(private readonly options: MicroBatcherOptions<I, P, O>) {}

  submit(key: string, input: I): Promise<O> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise<O>((resolve, reject) => {
      const existing = this.waiting.get(key);
      if (existing) {
        existing.waiters.push({ resolve, reject });
        return;
      }
      const entry: Entry<I, O> = { key, input, waiters: [{ resolve, reject }] };
      this.waiting.set(key, entry);
      this.queue.push(entry);
      this.schedule();
    });
  }

  /** Rejects everything not yet running and waits for the batch in flight to finish. */
  async close(error: EmbedderClosedError): Promise<void> {
    this.closedError = error;
    this.rejectAll(this.queue.splice(0), error);
    await this.running;
  }

  private schedule(): void {
    if (this.running) return; // the running loop picks new entries up when its batch is done
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.start();
      });
    }
    // A full batch need not wait for the next macrotask, only for the caller's synchronous loop to end,
    // so one embed(manyTexts) call is still sorted by length as a whole.
    if (this.queue.length >= this.options.maxBatchSize && !this.startQueued) {
      this.startQueued = true;
      queueMicrotask(() => {
        this.startQueued = false;
        this.start();
      });
    }
  }

  private start(): void {
    if (!this.running && this.queue.length > 0) this.running = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closedError) {
        const taken = this.queue.splice(0);
        taken.sort((a, b) => this.options.sizeOf(a.input) - this.options.sizeOf(b.input));
        const batches: Entry<I, O>[][] = [];
        for (let start = 0; start < taken.length; start += this.options.maxBatchSize) {
          batches.push(taken.slice(start, start + this.options.maxBatchSize));
        }
        let next = this.prepare(batches[0]!);
        for (let i = 0; i < batches.length; i++) {
          if (this.closedError) {
            this.rejectAll(batches.slice(i).flat(), this.closedError);
            break;
          }
          const current = next;
          const running = current.ok ? this.options.run(current.prepared) : Promise.reject(current.error);
          // Pipelining: tokenise the next batch while ONNX Runtime works on this one off the JS thread.
          if (i + 1 < batches.length) next = this.prepare(batches[i + 1]!);
          await this.settle(batches[i]!, running);
        }
      }
    } finally {
      this.running = null;
      if (this.queue.length > 0 && !this.closedError) this.schedule();
    }
  }

  private prepare(batch: Entry<I, O>[]): { ok: true; prepared: P } | { ok: false; error: unknown } {
    try {
      return { ok: true, prepared: this.options.prepare(batch.map((entry) => entry.input)) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private async settle(batch: Entry<I, O>[], running: Promise<O[]>): Promise<void> {
    let outputs: O[];
    try {
      outputs = await running;
    } catch (error) {
      this.rejectAll(batch, error);
      return;
    }
    batch.forEach((entry, i) => {
      this.waiting.delete(entry.key);
      for (const waiter of entry.waiters) waiter.resolve(outputs[i]!);
    });
  }

  private rejectAll(entries: Entry<I, O>[], error: unknown): void {
    for (const entry of entries) {
      this.waiting.delete(entry.key);
      for (const waiter of entry.waiters) waiter.reject(error);
    }
  }
}
