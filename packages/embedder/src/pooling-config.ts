import { EmbedderLoadError } from './errors';
import { describe, readJsonObject } from './json-file';

export type PoolingMode = 'cls' | 'max' | 'mean';

export interface PoolingConfig {
  /** Hidden size of the transformer output. */
  wordEmbeddingDimension: number;
  /** Modes in sentence-transformers' concatenation order (cls, max, mean). */
  modes: PoolingMode[];
}

const SUPPORTED_FLAGS: Record<string, PoolingMode> = {
  pooling_mode_cls_token: 'cls',
  pooling_mode_max_tokens: 'max',
  pooling_mode_mean_tokens: 'mean',
};
const MODE_ORDER: PoolingMode[] = ['cls', 'max', 'mean'];

export async function readPoolingConfig(path: string): Promise<PoolingConfig> {
  const config = await readJsonObject(path);
  const dimension = config.word_embedding_dimension;
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension <= 0) {
    throw new EmbedderLoadError(path, `word_embedding_dimension must be a positive integer, got ${describe(dimension)}`);
  }
  const modes = new Set<PoolingMode>();
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith('pooling_mode')) continue;
    if (key === 'pooling_mode' && typeof value === 'string') {
      // Older configs name the mode as a string instead of flags.
      const mode = ({ cls: 'cls', max: 'max', mean: 'mean' } as Record<string, PoolingMode>)[value];
      if (!mode) throw new EmbedderLoadError(path, `unsupported pooling mode "${value}" (supported: cls, max, mean)`);
      modes.add(mode);
      continue;
    }
    if (value === false || value === null || value === undefined) continue;
    if (value !== true) throw new EmbedderLoadError(path, `${key} must be true or false, got ${describe(value)}`);
    const mode = SUPPORTED_FLAGS[key];
    if (!mode) {
      throw new EmbedderLoadError(path, `unsupported pooling mode ${key} (supported: ${Object.keys(SUPPORTED_FLAGS).join(', ')})`);
    }
    modes.add(mode);
  }
  if (modes.size === 0) {
    throw new EmbedderLoadError(path, `no pooling mode is set (set one of ${Object.keys(SUPPORTED_FLAGS).join(', ')} to true)`);
  }
  return { wordEmbeddingDimension: dimension, modes: MODE_ORDER.filter((mode) => modes.has(mode)) };
}
