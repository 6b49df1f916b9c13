export { loadEmbedder } from './embedder';
export type { Embedder, EmbedderStats, LoadedEmbedder, LoadEmbedderOptions } from './embedder';
export { DEFAULT_MODEL_DIR } from './default-model-dir';
export { EmbedderClosedError, EmbedderLoadError } from './errors';
export type { PoolingMode } from './pooling-config';
