import { Worker } from 'node:worker_threads';
import { EmbedderLoadError } from './errors';

export interface EncoderOutput {
  hidden: Float32Array;
  shape: [number, number, number];
  lengths: number[];
}

interface OutputMetadata {
  name: string;
  isTensor: boolean;
  shape: readonly (number | string)[];
}

type WorkerMessage =
  | { kind: 'ready'; inputNames: string[]; outputNames: string[]; outputMetadata: OutputMetadata[] }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; type: string; dims: number[]; data: Float32Array }
  | { kind: 'error'; id: number; message: string };

interface PendingRun {
  resolve(output: { type: string; dims: number[]; data: Float32Array }): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL('./inference-worker.mjs', import.meta.url);

/**
 * An ONNX transformer encoder: token id rows in, last hidden state out (rows padded to the longest).
 * The session lives in a worker thread (see inference-worker.mjs) so inference never blocks the event loop.
 */
export class OnnxEncoder {
  private readonly pending = new Map<number, PendingRun>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onnxPath: string,
    readonly inputNames: readonly string[],
    private readonly outputName: string,
    private readonly outputMetadata: readonly OutputMetadata[],
    private readonly padId: number,
  ) {
    worker.on('message', (message: WorkerMessage) => this.settle(message));
    worker.on('error', (error) => this.fail(new Error(`inference worker for ${onnxPath} crashed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.fail(new Error(`inference worker for ${onnxPath} exited (code ${code})`)));
    worker.unref(); // an idle embedder must not keep the process alive
  }

  static async open(onnxPath: string, options: { threads: number; padId: number }): Promise<OnnxEncoder> {
    const worker = new Worker(WORKER_URL, {
      workerData: {
        onnxPath,
        sessionOptions: {
          intraOpNumThreads: options.threads,
          interOpNumThreads: 1,
          executionMode: 'sequential',
          graphOptimizationLevel: 'all',
          // Spinning pool threads collapse throughput when the cores are shared (the main thread tokenises
          // the next batch meanwhile; a server has other work): measured 1,293 → 2,094 sentences/s.
          extra: { session: { intra_op: { allow_spinning: '0' } } },
        },
      },
    });
    const ready = await new Promise<WorkerMessage>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    }).catch((error: unknown) => ({ kind: 'failed', message: (error as Error).message }) as const);
    if (ready.kind !== 'ready') {
      await worker.terminate();
      const message = ready.kind === 'failed' ? ready.message : `unexpected worker message ${ready.kind}`;
      throw new EmbedderLoadError(onnxPath, `ONNX Runtime cannot load it (${message})`);
    }
    const fail = async (problem: string) => {
      await worker.terminate();
      return new EmbedderLoadError(onnxPath, problem);
    };
    for (const required of ['input_ids', 'attention_mask']) {
      if (!ready.inputNames.includes(required)) throw await fail(`graph has no "${required}" input (inputs: ${ready.inputNames.join(', ')})`);
    }
    const outputName = ready.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : ready.outputNames[0];
    if (outputName === undefined) throw await fail('graph has no outputs');
    return new OnnxEncoder(worker, onnxPath, ready.inputNames, outputName, ready.outputMetadata, options.padId);
  }

  /** Hidden size declared by the graph's output shape, when it is a fixed number. */
  declaredHiddenSize(): number | null {
    const meta = this.outputMetadata.find((m) => m.name === this.outputName);
    const last = meta?.isTensor ? meta.shape[meta.shape.length - 1] : undefined;
    return typeof last === 'number' && last > 0 ? last : null;
  }

  async run(rows: readonly number[][]): Promise<EncoderOutput> {
    if (this.failure) throw this.failure;
    const batch = rows.length;
    const lengths = rows.map((row) => row.length);
    const seq = Math.max(...lengths);
    const ids = new BigInt64Array(batch * seq);
    const mask = new BigInt64Array(batch * seq);
    if (this.padId !== 0) ids.fill(BigInt(this.padId));
    rows.forEach((row, b) => {
      const offset = b * seq;
      for (let t = 0; t < row.length; t++) {
        ids[offset + t] = BigInt(row[t]!);
        mask[offset + t] = 1n;
      }
    });
    const feeds: Record<string, BigInt64Array> = { input_ids: ids, attention_mask: mask };
    if (this.inputNames.includes('token_type_ids')) feeds.token_type_ids = new BigInt64Array(batch * seq);

    const id = this.nextId++;
    const output = await new Promise<{ type: string; dims: number[]; data: Float32Array }>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(
        { kind: 'run', id, feeds, dims: [batch, seq], outputName: this.outputName },
        Object.values(feeds).map((array) => array.buffer as ArrayBuffer),
      );
    });
    if (output.type !== 'float32' || output.dims.length !== 3 || output.dims[0] !== batch || output.dims[1] !== seq) {
      throw new Error(`ONNX output "${this.outputName}" must be a float32 [${batch}, ${seq}, hidden] tensor, got ${output.type} [${output.dims.join(', ')}]`);
    }
    return { hidden: output.data, shape: [batch, seq, output.dims[2]!], lengths };
  }

  async release(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ kind: 'close' });
    await exited;
  }

  private settle(message: WorkerMessage): void {
    if (message.kind !== 'result' && message.kind !== 'error') return;
    const run = this.pending.get(message.id);
    if (!run) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.kind === 'result') run.resolve(message);
    else run.reject(new Error(message.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const run of this.pending.values()) run.reject(error);
    this.pending.clear();
  }
}
