import { sentenceSha256, writeOpeningEmbeddings } from '@moim/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptUpload } from '../src/modules/imports/intake';
import { IMPORT_CHUNK, runImportSlice, type ImportRunnerDeps, type OpeningWriter } from '../src/modules/imports/runner';
import { UPLOAD_LIMITS, type ImportRow } from '../src/modules/imports/service';
import type { EmbeddingService } from '../src/modules/embedding/service';
import { OpeningsService, prepareOpening } from '../src/modules/openings/service';
import { startApi, type InProcessApi } from '../src/testing';
import { opening } from './support/fixtures';

const ROWS = 1200;
let api: InProcessApi;
/** Sentences embedded through the runner, per import. */
let embedded: string[];
let runner: ImportRunnerDeps;

beforeAll(async () => {
  api = await startApi();
  const real = api.app.services.deps.embedding;
  runner = {
    prisma: api.db.prisma,
    openings: api.app.services.openings,
    embedding: {
      get serving() {
        return real.serving;
      },
      embed: (texts: string[]) => {
        embedded.push(...texts);
        return real.embed(texts);
      },
    },
  };
});
afterAll(async () => {
  await api?.close();
});

/** Rows with externalIds; `years(i)` is in the row's sentence (its title is not). */
async function* rowsOf(tag: string, years: (i: number) => number): AsyncGenerator<ImportRow> {
  for (let index = 0; index < ROWS; index++) {
    yield { index, input: opening({ externalId: `${tag}-${index}`, title: `${tag} ${index}`, minExperienceYears: years(index), capacity: 3 }) as never };
  }
}

async function importAll(tag: string, years: (i: number) => number, deps: ImportRunnerDeps = runner) {
  embedded = [];
  const { jobId } = await acceptUpload(api.db.prisma, rowsOf(tag, years), { atomic: false, limits: UPLOAD_LIMITS });
  while ((await runImportSlice(deps, jobId)) === 'continue');
  return api.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
}

/** Each opening of the tag with its sentence and the hash its vector (serving model) was computed from. */
async function vectorsOf(tag: string) {
  return api.db.prisma.$queryRaw<{ externalId: string; sentence: string; sha: string | null; n: number }[]>`
    SELECT o.external_id AS "externalId", o.sentence, max(e.sentence_sha256) AS sha, count(e.opening_id)::int AS n
    FROM openings o LEFT JOIN opening_embeddings e ON e.opening_id = o.id AND e.model_key = ${api.app.services.deps.embedding.serving.modelKey}::int
    WHERE o.external_id LIKE ${`${tag}-%`} GROUP BY o.id ORDER BY o.external_id`;
}

describe('imports reuse the vectors of unchanged rows', () => {
  it('a re-upload embeds only the rows whose sentence changed, and every vector matches its sentence', async () => {
    const first = await importAll('reuse', (i) => i % 5);
    expect({ status: first.status, created: first.created }).toEqual({ status: 'SUCCEEDED', created: ROWS });
    expect(embedded.length).toBe(ROWS);

    const same = await importAll('reuse', (i) => i % 5);
    expect({ status: same.status, updated: same.updated, failed: same.failed }).toEqual({ status: 'SUCCEEDED', updated: ROWS, failed: 0 });
    expect(embedded).toEqual([]);

    // Every 100th row asks for 7 years: those, and only those, are embedded again.
    const changed = (i: number) => (i % 100 === 0 ? 7 : i % 5);
    const edited = await importAll('reuse', changed);
    expect(edited.status).toBe('SUCCEEDED');
    expect(embedded.length).toBe(ROWS / 100);
    expect(embedded.filter((s) => !s.includes('7년차'))).toEqual([]);
    const stored = await vectorsOf('reuse');
    expect(stored.length).toBe(ROWS);
    expect(stored.filter((r) => r.n !== 1 || r.sha !== sentenceSha256(r.sentence))).toEqual([]);
  });

  it('a vector changed by another writer after it was found reusable is not kept: the chunk is embedded in full', async () => {
    await importAll('race', (i) => i % 3);
    const victim = await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'race-7' } });
    const other = (await api.app.services.deps.embedding.embed(['전혀 다른 문장'])).vectors[0]!;
    let raced = false;
    // After the chunk's vectors were found reusable, and before its transaction: another writer rewrites one.
    const racing: OpeningWriter = {
      upsertRows: async (tx, rows) => {
        if (!raced) {
          raced = true;
          await writeOpeningEmbeddings(api.db, [{ openingId: victim.id, vector: other, sentence: '전혀 다른 문장' }], api.app.services.deps.embedding.serving.modelKey);
        }
        return api.app.services.openings.upsertRows(tx, rows);
      },
      writeVectors: (tx, ...rest) => api.app.services.openings.writeVectors(tx, ...rest),
    };
    const again = await importAll('race', (i) => i % 3, { ...runner, openings: racing });
    expect(again.status).toBe('SUCCEEDED');
    // The first chunk was embedded in full after the race; the second reused every vector.
    expect(embedded.length).toBe(IMPORT_CHUNK);
    const stored = await vectorsOf('race');
    expect(stored.filter((r) => r.sha !== sentenceSha256(r.sentence))).toEqual([]);
    const [victimVector] = await api.db.prisma.$queryRaw<{ same: boolean }[]>`
      SELECT e.embedding::text = ${`[${Array.from((await api.app.services.deps.embedding.embed([victim.sentence])).vectors[0]!).join(',')}]`}::vector::text AS same
      FROM opening_embeddings e WHERE e.opening_id = ${victim.id} AND e.model_key = ${api.app.services.deps.embedding.serving.modelKey}::int`;
    expect(victimVector!.same).toBe(true);
  });

  it('the single-transaction path (upsertPrepared) keeps unchanged vectors too, and not one another writer changed meanwhile', async () => {
    const real = api.app.services.deps.embedding;
    const rows = (years: (i: number) => number) =>
      Array.from({ length: 10 }, (_, i) => prepareOpening(opening({ externalId: `tx-${i}`, title: `tx ${i}`, minExperienceYears: years(i), capacity: 3 }) as never));
    await api.app.services.openings.upsertPrepared(rows((i) => i % 3));
    const victim = await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId: 'tx-5' } });
    const other = (await real.embed(['전혀 다른 문장'])).vectors[0]!;
    const calls: number[] = [];
    // The embed of the one changed row runs after the reusable vectors were read: another writer rewrites one then.
    const racing = {
      get serving() {
        return real.serving;
      },
      embed: async (texts: string[]) => {
        if (calls.push(texts.length) === 1) {
          await writeOpeningEmbeddings(api.db, [{ openingId: victim.id, vector: other, sentence: '전혀 다른 문장' }], real.serving.modelKey);
        }
        return real.embed(texts);
      },
    } as unknown as EmbeddingService;
    const openings = new OpeningsService({ db: api.db, embedding: racing });
    await openings.upsertPrepared(rows((i) => (i === 0 ? 7 : i % 3)));
    // One row embedded, then, after the race, all ten.
    expect(calls).toEqual([1, 10]);
    const stored = await vectorsOf('tx');
    expect(stored.filter((r) => r.n !== 1 || r.sha !== sentenceSha256(r.sentence))).toEqual([]);
    // Without the race, an unchanged re-upsert embeds nothing.
    calls.length = 0;
    await openings.upsertPrepared(rows((i) => (i === 0 ? 7 : i % 3)));
    expect(calls).toEqual([]);
  });
});
