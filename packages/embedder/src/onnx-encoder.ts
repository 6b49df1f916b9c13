import * as ort from 'onnxruntime-node';
import { EmbedderLoadError } from './errors';

export interface EncoderOutput {
  hidden: Float32Array;
  shape: [number, number, number];
  lengths: number[];
}

/** An ONNX transformer encoder: token id rows in, last hidden state out (rows padded to the longest). */
export class OnnxEncoder {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly outputName: string,
    private readonly feedsTokenTypes: boolean,
    private readonly padId: number,
  ) {}

  static async open(onnxPath: string, options: { threads: number; padId: number }): Promise<OnnxEncoder> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(onnxPath, {
        intraOpNumThreads: options.threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (error) {
      throw new EmbedderLoadError(onnxPath, `ONNX Runtime cannot load it (${(error as Error).message})`, { cause: error });
    }
    for (const required of ['input_ids', 'attention_mask']) {
      if (!session.inputNames.includes(required)) {
        await session.release();
        throw new EmbedderLoadError(onnxPath, `graph has no "${required}" input (inputs: ${session.inputNames.join(', ')})`);
      }
    }
    const outputName = session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0];
    if (outputName === undefined) {
      await session.release();
      throw new EmbedderLoadError(onnxPath, 'graph has no outputs');
    }
    return new OnnxEncoder(session, outputName, session.inputNames.includes('token_type_ids'), options.padId);
  }

  /** Hidden size declared by the graph's output shape, when it is a fixed number. */
  declaredHiddenSize(): number | null {
    const meta = this.session.outputMetadata.find((m) => m.name === this.outputName);
    if (!meta || !meta.isTensor) return null;
    const last = meta.shape[meta.shape.length - 1];
    return typeof last === 'number' && last > 0 ? last : null;
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  async run(rows: readonly number[][]): Promise<EncoderOutput> {
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
    const dims = [batch, seq];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
    };
    if (this.feedsTokenTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(batch * seq), dims);
    const results = await this.session.run(feeds, [this.outputName]);
    const output = results[this.outputName];
    if (!output || output.type !== 'float32' || output.dims.length !== 3) {
      throw new Error(`ONNX output "${this.outputName}" must be a float32 [batch, seq, hidden] tensor, got ${output?.type} [${output?.dims.join(', ')}]`);
    }
    const [, , width] = output.dims as [number, number, number];
    return { hidden: output.data as Float32Array, shape: [batch, seq, width], lengths };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
