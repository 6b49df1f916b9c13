import type { Embedder } from '@moim/embedder';
import type { Logger } from 'pino';
import {
  countMissingEmbeddings,
  listOwnersMissingEmbeddings,
  registerEmbeddingModel,
  setMemberEmbedding,
  setOpeningEmbeddings,
  type Database,
} from '@moim/db';

export interface ServingModel {
  embedder: Embedder;
  modelKey: number;
  modelId: string;
  dimension: number;
}

/** Holds the model that serves queries and writes; a re-embed swaps it in one assignment. */
export class EmbeddingService {
  constructor(
    private current: ServingModel,
    private readonly observe: (batchSize: number, seconds: number) => void = () => {},
  ) {}

  get serving(): ServingModel {
    return this.current;
  }

  /** Embeds with the serving model; returns the vectors and the model they belong to. */
  async embed(texts: string[]): Promise<{ vectors: Float32Array[]; model: ServingModel }> {
    const model = this.current;
    const started = performance.now();
    const vectors = await model.embedder.embed(texts);
    this.observe(texts.length, (performance.now() - started) / 1000);
    return { vectors, model };
  }

  switchTo(next: ServingModel): ServingModel {
    const previous = this.current;
    this.current = next;
    return previous;
  }
}

/** Registers the embedder's model in the database and returns it as a ServingModel. */
export async function registerServingModel(db: Database, embedder: Embedder): Promise<ServingModel> {
  const { key: modelKey } = await registerEmbeddingModel(db, { name: embedder.modelId, dimension: embedder.dimension });
  return { embedder, modelKey, modelId: embedder.modelId, dimension: embedder.dimension };
}

export async function markActive(db: Database, modelKey: number): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.embeddingModel.updateMany({ where: { active: true, NOT: { key: modelKey } }, data: { active: false } }),
    db.prisma.embeddingModel.update({ where: { key: modelKey }, data: { active: true } }),
  ]);
}

const BACKFILL_BATCH = 256;

/**
 * Writes vectors under `model` for every member and opening without a current one (none, or embedded from an
 * older sentence). Used at start-up (first start, model change, rows left without vectors) and by the re-embed
 * job. Calls `progress` per batch.
 */
export async function backfillVectors(
  db: Database,
  model: ServingModel,
  progress: (p: { total: number; processed: number }) => void | Promise<void>,
  log?: Logger,
): Promise<{ members: number; openings: number }> {
  const missing = await countMissingEmbeddings(db, model.modelKey);
  const total = missing.members + missing.openings;
  let processed = 0;
  await progress({ total, processed });
  const done = { members: 0, openings: 0 };
  for (const owner of ['member', 'opening'] as const) {
    let after: string | undefined;
    for (;;) {
      const batch = await listOwnersMissingEmbeddings(db, { modelKey: model.modelKey, owner, first: BACKFILL_BATCH, ...(after ? { after } : {}) });
      if (batch.length === 0) break;
      after = batch.at(-1)!.id;
      const vectors = await model.embedder.embed(batch.map((b) => b.sentence));
      if (owner === 'member') {
        for (const [i, m] of batch.entries()) await setMemberEmbedding(db, m.id, model.modelKey, vectors[i]!, { sentence: m.sentence });
        done.members += batch.length;
      } else {
        await setOpeningEmbeddings(db, batch.map((o, i) => ({ openingId: o.id, vector: vectors[i]!, sentence: o.sentence })), model.modelKey);
        done.openings += batch.length;
      }
      processed += batch.length;
      await progress({ total: Math.max(total, processed), processed });
    }
  }
  log?.debug({ ...done, modelId: model.modelId }, 'vectors backfilled');
  return done;
}
