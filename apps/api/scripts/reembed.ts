// pnpm --filter @moim/api reembed [--model-dir DIR] [--activate]
// Writes vectors for every member and opening under the model's id (progress on stderr) while a running API keeps
// serving with its current model. Then restart the API with MOIM_MODEL_DIR=DIR (or pass --activate to mark the
// model active now); vectors of both models coexist, so the switch is instant.
import { openDatabase } from '@moim/db';
import { loadEmbedder } from '@moim/embedder';
import { loadConfig } from '../src/env';
import { backfillVectors, markActive, registerServingModel } from '../src/modules/embedding/service';
import { flags } from './cli-args';

const args = flags({ 'model-dir': { type: 'string' }, activate: { type: 'boolean' } });
const config = loadConfig();
const modelDir = args['model-dir'] ?? config.modelDir;
const db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
const embedder = await loadEmbedder({ ...(modelDir ? { modelDir } : {}), ...(config.embedThreads ? { threads: config.embedThreads } : {}) });
try {
  const model = await registerServingModel(db, embedder);
  console.error(`re-embedding with ${model.modelId} (dimension ${model.dimension}, key ${model.modelKey})`);
  const started = performance.now();
  let last = 0;
  const done = await backfillVectors(db, model, ({ total, processed }) => {
    if (processed === total || performance.now() - last > 1000) {
      last = performance.now();
      const pct = total === 0 ? 100 : Math.round((processed / total) * 100);
      console.error(`  ${processed}/${total} (${pct}%)`);
    }
  });
  console.error(`wrote ${done.members} member and ${done.openings} opening vectors in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (args.activate) {
    await markActive(db, model.modelKey);
    console.error('marked active; restart the API with MOIM_MODEL_DIR pointing at this model');
  } else {
    console.error(`next: restart the API with MOIM_MODEL_DIR=${modelDir ?? '(default)'}`);
  }
} finally {
  await embedder.close();
  await db.close();
}
