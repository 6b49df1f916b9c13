// pnpm --filter @moim/api exec tsx bench/fan-out-import-rate.ts — figures, not tests. The import half of
// bench:fan-out without the fan-out: rows/s of the durable import runner as it was (one chunk at a time, every row
// embedded: `baseline`) against now (the next chunk embedded while one commits; unchanged rows not re-embedded),
// for a first upload and a re-upload of the same file, in one run. The rounds alternate so load hits both sides.
// The embedder's cache is off, so a re-upload is not cheap merely because this process embedded the file before.
// Options (env): BENCH_IMPORT_ROWS (5000), BENCH_ROUNDS (2), MOIM_MODEL_DIR (default: the shipped model).
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '@moim/embedder';
import { EmbeddingService, markActive, registerServingModel } from '../src/modules/embedding/service';
import { acceptUpload } from '../src/modules/imports/intake';
import { runImportSlice, type ImportRunnerDeps } from '../src/modules/imports/runner';
import { UPLOAD_LIMITS, type ImportRow } from '../src/modules/imports/service';
import { OpeningsService } from '../src/modules/openings/service';
import { benchOpenings } from './data';
import { progress } from './harness';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const THREADS = Number(process.env.BENCH_EMBED_THREADS ?? 2);
const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;

async function main() {
  const db = await createTestDatabase({ poolSize: 10 });
  const embedder = await loadEmbedder({ modelDir, threads: THREADS, cacheSize: 0 });
  try {
    const serving = await registerServingModel(db, embedder);
    await markActive(db, serving.modelKey);
    const embedding = new EmbeddingService(serving);
    const deps: ImportRunnerDeps = { prisma: db.prisma, openings: new OpeningsService({ db, embedding }), embedding };
    console.log(`# import throughput — ${new Date().toISOString()}, ${ROWS} rows per upload, ${ROUNDS} rounds, model ${serving.modelId}`);

    /** Seconds to import the file of `seed` through the runner (slices run back to back, as the queue would). */
    const upload = async (seed: number, baseline: boolean): Promise<number> => {
      const inputs = benchOpenings(ROWS, seed);
      const rows = (async function* (): AsyncGenerator<ImportRow> {
        for (const [index, input] of inputs.entries()) yield { index, input };
      })();
      const { jobId } = await acceptUpload(db.prisma, rows, { atomic: false, limits: UPLOAD_LIMITS });
      const started = performance.now();
      while ((await runImportSlice({ ...deps, baseline }, jobId)) === 'continue');
      const seconds = (performance.now() - started) / 1000;
      const job = await db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
      if (job.status !== 'SUCCEEDED' || job.processed !== ROWS) throw new Error(`import of seed ${seed} ended ${job.status} at ${job.processed}`);
      progress(`seed ${seed} ${baseline ? 'baseline' : 'now'}: ${seconds.toFixed(2)} s (${job.created} created, ${job.updated} updated)`);
      return seconds;
    };

    const first = { baseline: [] as number[], now: [] as number[] };
    const again = { baseline: [] as number[], now: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      first.baseline.push(await upload(100 + 2 * round, true));
      first.now.push(await upload(101 + 2 * round, false));
    }
    for (let round = 0; round < ROUNDS; round++) {
      again.baseline.push(await upload(100 + 2 * round, true));
      again.now.push(await upload(101 + 2 * round, false));
    }
    const rate = (seconds: number[]) => (ROWS * seconds.length) / seconds.reduce((a, b) => a + b, 0);
    const line = (name: string, side: { baseline: number[]; now: number[] }) =>
      console.log(
        `${name}: baseline ${rate(side.baseline).toFixed(0)} rows/s, now ${rate(side.now).toFixed(0)} rows/s, ratio ${(rate(side.now) / rate(side.baseline)).toFixed(2)}×`,
      );
    line('first upload', first);
    line('re-upload of the same file', again);
    console.log(`re-upload now ÷ first upload baseline: ${(rate(again.now) / rate(first.baseline)).toFixed(2)}×`);
  } finally {
    await embedder.close();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
