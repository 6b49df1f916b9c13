import { fileURLToPath } from 'node:url';

/** The shipped, project-trained model (packages/embedder/models/moim-ko-mini). */
export const DEFAULT_MODEL_DIR: string = fileURLToPath(new URL('../models/moim-ko-mini', import.meta.url));
