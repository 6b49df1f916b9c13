import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_MODEL_DIR } from './default-model-dir';
import { EmbedderClosedError, EmbedderLoadError } from './errors';
import { LruCache } from './lru-cache';
import { MicroBatcher } from './micro-batcher';
import { computeModelId } from './model-id';
import { readModelLayout } from './model-layout';
import { OnnxEncoder } from './onnx-encoder';
import { poolAndNormalize } from './pooling';
import type { PoolingMode } from './pooling-config';
import { TextTokenizer } from './text-tokenizer';

export interface Embedder {
  /** "<model dir name>@<12 hex of sha256(onnx file)>" */
  readonly modelId: string;
  readonly dimension: number;
  readonly maxSeqLength: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export interface EmbedderStats {
  /** ONNX session runs (batches) since load. */
  inferenceRuns: number;
  /** Texts that went through the model (cache misses after de-duplication). */
  inferredTexts: number;
  /** Real tokens fed to the model, and token slots including padding (their ratio is the padding efficiency). */
  tokens: number;
  paddedTokens: number;
  cacheHits: number;
  cacheEntries: number;
  tokenizeMs: number;
  inferenceMs: number;
  poolingMs: number;
}

export interface LoadedEmbedder extends Embedder {
  readonly modelDir: string;
  readonly poolingModes: readonly PoolingMode[];
  /** Whether the graph takes token_type_ids (fed as zeros when it does). */
  readonly usesTokenTypeIds: boolean;
  /** Model input ids for one text, special tokens included and truncated to maxSeqLength. */
  tokenize(text: string): number[];
  stats(): EmbedderStats;
}

export interface LoadEmbedderOptions {
  /** sentence-transformers model directory; defaults to DEFAULT_MODEL_DIR. */
  modelDir?: string;
  /** ONNX Runtime intra-op threads; defaults to os.availableParallelism(). */
  threads?: number;
  /** Largest batch given to the model at once (default 64). */
  maxBatchSize?: number;
  /** Embeddings kept in the LRU cache (default 10,000; 0 disables it). */
  cacheSize?: number;
}

export async function loadEmbedder(options: LoadEmbedderOptions = {}): Promise<LoadedEmbedder> {
  const modelDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  const threads = positiveInteger('threads', options.threads ?? availableParallelism());
  const maxBatchSize = positiveInteger('maxBatchSize', options.maxBatchSize ?? 64);
  const cacheSize = options.cacheSize ?? 10_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new RangeError(`cacheSize must be an integer >= 0, got ${cacheSize}`);
  }

  const layout = await readModelLayout(modelDir);
  const tokenizer = new TextTokenizer({
    tokenizerJsonPath: layout.tokenizerJsonPath,
    tokenizerJson: layout.tokenizerJson,
    tokenizerConfig: layout.tokenizerConfig,
    maxSeqLength: layout.maxSeqLength,
    doLowerCase: layout.doLowerCase,
  });
  const modelId = await computeModelId(modelDir, layout.onnxPath);
  const encoder = await OnnxEncoder.open(layout.onnxPath, { threads, padId: padTokenId(layout.tokenizerConfig, layout.tokenizerJson) });
  try {
    await checkHiddenSize(encoder, tokenizer, layout.pooling.wordEmbeddingDimension, layout.poolingConfigPath, layout.onnxPath);
  } catch (error) {
    await encoder.release();
    throw error;
  }
  return new OnnxEmbedder(modelDir, modelId, layout.maxSeqLength, layout.pooling.wordEmbeddingDimension, layout.pooling.modes,
    tokenizer, encoder, maxBatchSize, cacheSize);
}

class OnnxEmbedder implements LoadedEmbedder {
  readonly dimension: number;
  readonly usesTokenTypeIds: boolean;
  private readonly cache: LruCache<Float32Array>;
  private readonly batcher: MicroBatcher<string, number[][], Float32Array>;
  private readonly counters = {
    inferenceRuns: 0,
    inferredTexts: 0,
    tokens: 0,
    paddedTokens: 0,
    cacheHits: 0,
    tokenizeMs: 0,
    inferenceMs: 0,
    poolingMs: 0,
  };
  private closing: Promise<void> | null = null;

  constructor(
    readonly modelDir: string,
    readonly modelId: string,
    readonly maxSeqLength: number,
    hiddenSize: number,
    readonly poolingModes: readonly PoolingMode[],
    private readonly tokenizer: TextTokenizer,
    private readonly encoder: OnnxEncoder,
    maxBatchSize: number,
    cacheSize: number,
  ) {
    this.dimension = hiddenSize * poolingModes.length;
    this.usesTokenTypeIds = encoder.inputNames.includes('token_type_ids');
    this.cache = new LruCache(cacheSize);
    this.batcher = new MicroBatcher<string, number[][], Float32Array>({
      maxBatchSize,
      sizeOf: (text) => text.length,
      prepare: (texts) => this.tokenizeBatch(texts),
      run: (rows) => this.infer(rows),
    });
  }

  tokenize(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (!Array.isArray(texts)) throw new TypeError(`texts must be an array of strings, got ${typeof texts}`);
    texts.forEach((text, i) => {
      if (typeof text !== 'string') throw new TypeError(`texts[${i}] must be a string, got ${typeof text}`);
    });
    if (this.closing) throw new EmbedderClosedError(`embedder ${this.modelId} is closed; cannot embed ${texts.length} texts`);
    const vectors = await Promise.all(
      texts.map((text) => {
        const key = `${this.modelId}\u0000${text}`;
        const cached = this.cache.get(key);
        if (cached) {
          this.counters.cacheHits++;
          return cached;
        }
        return this.batcher.submit(key, text).then((vector) => {
          this.cache.set(key, vector);
          return vector;
        });
      }),
    );
    // Callers own their arrays; the cache keeps its own copy safe from mutation.
    return vectors.map((vector) => vector.slice());
  }

  stats(): EmbedderStats {
    return { ...this.counters, cacheEntries: this.cache.size };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.batcher.close(new EmbedderClosedError(`embedder ${this.modelId} was closed before this text was embedded`));
      this.cache.clear();
      await this.encoder.release();
    })();
    return this.closing;
  }

  private tokenizeBatch(texts: string[]): number[][] {
    const started = performance.now();
    const rows = texts.map((text) => this.tokenizer.encode(text));
    this.counters.tokenizeMs += performance.now() - started;
    return rows;
  }

  private async infer(rows: number[][]): Promise<Float32Array[]> {
    const started = performance.now();
    const output = await this.encoder.run(rows).catch((error: unknown) => {
      throw new Error(`${this.modelId}: inference failed for a batch of ${rows.length} texts: ${(error as Error).message}`, { cause: error });
    });
    const inferred = performance.now();
    const vectors = poolAndNormalize(output.hidden, output.shape, output.lengths, this.poolingModes);
    this.counters.inferenceMs += inferred - started;
    this.counters.poolingMs += performance.now() - inferred;
    this.counters.inferenceRuns++;
    this.counters.inferredTexts += rows.length;
    this.counters.tokens += output.lengths.reduce((sum, length) => sum + length, 0);
    this.counters.paddedTokens += output.shape[0] * output.shape[1];
    return vectors;
  }
}

async function checkHiddenSize(
  encoder: OnnxEncoder,
  tokenizer: TextTokenizer,
  expected: number,
  poolingConfigPath: string,
  onnxPath: string,
): Promise<void> {
  const declared = encoder.declaredHiddenSize();
  const probed = (await encoder.run([tokenizer.encode('')])).shape[2];
  for (const actual of [declared, probed]) {
    if (actual !== null && actual !== expected) {
      throw new EmbedderLoadError(poolingConfigPath, `word_embedding_dimension ${expected} does not match the hidden size ${actual} of ${onnxPath}`);
    }
  }
}

function padTokenId(tokenizerConfig: Record<string, unknown>, tokenizerJson: Record<string, unknown>): number {
  const padToken = typeof tokenizerConfig.pad_token === 'string' ? tokenizerConfig.pad_token : '[PAD]';
  const added = Array.isArray(tokenizerJson.added_tokens) ? tokenizerJson.added_tokens : [];
  for (const token of added) {
    if (token && typeof token === 'object' && (token as { content?: unknown }).content === padToken) {
      const id = (token as { id?: unknown }).id;
      if (typeof id === 'number') return id;
    }
  }
  return 0;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
