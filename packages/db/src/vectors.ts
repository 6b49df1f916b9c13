/**
 * The only module with vector SQL. Every statement is a Prisma.sql tagged template; the only raw
 * fragments are integers validated here (model key, dimension, limits), which must be literals:
 * the partial HNSW index `WHERE model_key = K` on `(embedding::vector(N))` is only provably usable
 * when K and N appear as constants in the query.
 */
import { createHash } from 'node:crypto';
import type { Database } from './database';
import { Prisma, type OpeningKind, type OpeningStatus } from './generated/prisma/client';
import {
  MAX_INDEXED_DIMENSION,
  requireInt,
  requireNonEmptyString,
  VectorInputError,
  vectorText,
} from './vector-input';
import { hnswIndexNames, ivfflatIndexName } from './vector-index';

export { VectorInputError } from './vector-input';
export { hnswIndexNames } from './vector-index';

type Db = Pick<Database, 'prisma'>;
/** Functions taking Queryable also work inside an interactive transaction: pass `{ prisma: tx }`. */
type Queryable = { prisma: Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'> };
type Vector = Float32Array | number[];

export interface EmbeddingModelInfo {
  key: number;
  name: string;
  dimension: number;
}

const MAX_KEY = 2_147_483_647;
const DEFAULT_EF_SEARCH = 100;
const DEFAULT_MAX_SCAN_TUPLES = 20_000;
const DEFAULT_CHUNK_SIZE = 500;
const IVFFLAT_LISTS_PER_PROBE = 10;
const IVFFLAT_MIN_PROBES = 20;

export function sentenceSha256(sentence: string): string {
  return createHash('sha256').update(sentence, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Models

/**
 * Registers an embedding model (idempotent by name) and creates its partial HNSW indexes.
 * Re-registering a name with a different dimension is an error: a retrained model gets a new name.
 */
export async function registerEmbeddingModel(
  db: Db,
  input: { name: string; dimension: number },
): Promise<EmbeddingModelInfo> {
  const name = requireNonEmptyString('name', input.name);
  const dimension = requireInt('dimension', input.dimension, 1, MAX_INDEXED_DIMENSION);
  const rows = await db.prisma.$queryRaw<EmbeddingModelInfo[]>`
    INSERT INTO embedding_models (name, dimension) VALUES (${name}, ${dimension})
    ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
    RETURNING key, name, dimension`;
  const model = rows[0];
  if (!model) throw new Error(`registering embedding model ${name} returned no row`);
  if (model.dimension !== dimension) {
    throw new VectorInputError(
      'dimension',
      dimension,
      `embedding model ${JSON.stringify(name)} is already registered with dimension ${model.dimension}`,
    );
  }
  const K = Prisma.raw(String(requireInt('key', model.key, 1, MAX_KEY)));
  const N = Prisma.raw(String(dimension));
  const names = hnswIndexNames(model.key);
  await db.prisma.$transaction([
    // Serialises concurrent registrations: CREATE INDEX IF NOT EXISTS races on the catalog otherwise.
    db.prisma.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`,
    // Unless an operator switched the model's openings to ivfflat (useOpeningIndex), which must stay the only one.
    db.prisma.$executeRaw`DO $$ BEGIN
      IF to_regclass(${Prisma.raw(`'${ivfflatIndexName(model.key)}'`)}) IS NULL THEN
        CREATE INDEX IF NOT EXISTS ${Prisma.raw(names.opening)} ON opening_embeddings
          USING hnsw ((embedding::vector(${N})) vector_cosine_ops) WHERE model_key = ${K};
      END IF;
    END $$`,
    db.prisma.$executeRaw`CREATE INDEX IF NOT EXISTS ${Prisma.raw(names.member)} ON member_embeddings
      USING hnsw ((embedding::vector(${N})) vector_cosine_ops) WHERE model_key = ${K}`,
  ]);
  modelCache(db).set(model.key, model);
  return { key: model.key, name: model.name, dimension: model.dimension };
}

const caches = new WeakMap<object, Map<number, EmbeddingModelInfo>>();
function modelCache(db: Queryable): Map<number, EmbeddingModelInfo> {
  let cache = caches.get(db.prisma);
  if (!cache) {
    cache = new Map();
    caches.set(db.prisma, cache);
  }
  return cache;
}

/** Looks a model up by key (cached: a model's dimension never changes). */
export async function getEmbeddingModel(db: Queryable, modelKey: number): Promise<EmbeddingModelInfo> {
  const key = requireInt('modelKey', modelKey, 1, MAX_KEY);
  const cached = modelCache(db).get(key);
  if (cached) return cached;
  const rows = await db.prisma.$queryRaw<EmbeddingModelInfo[]>`
    SELECT key, name, dimension FROM embedding_models WHERE key = ${key}`;
  const model = rows[0];
  if (!model) throw new VectorInputError('modelKey', key, 'no embedding model is registered with this key');
  modelCache(db).set(key, model);
  return model;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Stores (or replaces) a member's vector for a model. `sentence` is the text that was embedded; when
 * omitted, the member's current sentence is recorded (stale detection compares the two).
 */
export async function setMemberEmbedding(
  db: Queryable,
  memberId: string,
  modelKey: number,
  vector: Vector,
  options: { sentence?: string } = {},
): Promise<void> {
  const id = requireNonEmptyString('memberId', memberId);
  const model = await getEmbeddingModel(db, modelKey);
  const text = vectorText('vector', vector, model.dimension);
  const N = Prisma.raw(String(model.dimension));
  const hash = options.sentence === undefined ? null : sentenceSha256(options.sentence);
  const count = await db.prisma.$executeRaw`
    INSERT INTO member_embeddings (member_id, model_key, embedding, sentence_sha256, updated_at)
    SELECT m.id, ${model.key}::int, ${text}::vector(${N}),
           COALESCE(${hash}::text, encode(sha256(convert_to(m.sentence, 'UTF8')), 'hex')), CURRENT_TIMESTAMP
    FROM members m WHERE m.id = ${id}
    ON CONFLICT (member_id, model_key) DO UPDATE
      SET embedding = EXCLUDED.embedding, sentence_sha256 = EXCLUDED.sentence_sha256, updated_at = EXCLUDED.updated_at`;
  if (count !== 1) throw new VectorInputError('memberId', id, 'no member with this id');
}

/** Stores (or replaces) many opening vectors for a model, all in one transaction of its own. */
export async function setOpeningEmbeddings(
  db: Db,
  rows: readonly { openingId: string; vector: Vector; sentence?: string }[],
  modelKey: number,
  options: { chunkSize?: number } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await db.prisma.$transaction((tx) => writeOpeningEmbeddings({ prisma: tx }, rows, modelKey, options), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

/**
 * The same inside the caller's interactive transaction (`{ prisma: tx }`), so opening rows and their vectors
 * commit together: one INSERT … SELECT FROM unnest(…) per chunk. (Prisma's nested `$transaction` would need
 * savepoints, which the PGlite adapter does not implement.)
 */
export async function writeOpeningEmbeddings(
  db: Queryable,
  rows: readonly { openingId: string; vector: Vector; sentence?: string }[],
  modelKey: number,
  options: { chunkSize?: number } = {},
): Promise<void> {
  const model = await getEmbeddingModel(db, modelKey);
  const chunkSize = requireInt('chunkSize', options.chunkSize ?? DEFAULT_CHUNK_SIZE, 1, 10_000);
  const ids: string[] = [];
  const texts: string[] = [];
  const hashes: (string | null)[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const id = requireNonEmptyString(`rows[${i}].openingId`, row.openingId);
    if (seen.has(id)) throw new VectorInputError(`rows[${i}].openingId`, id, 'appears more than once');
    seen.add(id);
    ids.push(id);
    texts.push(vectorText(`rows[${i}].vector`, row.vector, model.dimension));
    hashes.push(row.sentence === undefined ? null : sentenceSha256(row.sentence));
  });

  const N = Prisma.raw(String(model.dimension));
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunkIds = ids.slice(start, start + chunkSize);
    const written = await db.prisma.$queryRaw<{ opening_id: string }[]>`
      INSERT INTO opening_embeddings (opening_id, model_key, embedding, sentence_sha256, updated_at)
      SELECT o.id, ${model.key}::int, v.embedding::vector(${N}),
             COALESCE(v.sentence_sha256, encode(sha256(convert_to(o.sentence, 'UTF8')), 'hex')), CURRENT_TIMESTAMP
      FROM unnest(${chunkIds}::text[], ${texts.slice(start, start + chunkSize)}::text[],
                  ${hashes.slice(start, start + chunkSize)}::text[]) AS v(opening_id, embedding, sentence_sha256)
      JOIN openings o ON o.id = v.opening_id
      ON CONFLICT (opening_id, model_key) DO UPDATE
        SET embedding = EXCLUDED.embedding, sentence_sha256 = EXCLUDED.sentence_sha256, updated_at = EXCLUDED.updated_at
      RETURNING opening_id`;
    if (written.length !== chunkIds.length) {
      const found = new Set(written.map((r) => r.opening_id));
      const index = ids.findIndex((id, i) => i >= start && !found.has(id));
      throw new VectorInputError(`rows[${index}].openingId`, ids[index], 'no opening with this id; nothing was stored');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Nearest-neighbour queries

export interface SearchTuning {
  /** hnsw.ef_search for this query (default 100). */
  efSearch?: number;
  /** ivfflat.probes when the model's openings use an ivfflat index (default: a tenth of its lists, a fifth with filters, at least 20 / 40). */
  probes?: number;
  /** hnsw.max_scan_tuples: how far an iterative scan may go to satisfy filters (default 20000). */
  maxScanTuples?: number;
  /**
   * hnsw.iterative_scan (default 'relaxed_order', results re-sorted afterwards; ivfflat.iterative_scan follows,
   * as relaxed_order unless 'off'). 'off' returns fewer than `first` rows when filters reject candidates; it
   * exists to measure that.
   */
  iterativeScan?: 'relaxed_order' | 'strict_order' | 'off';
  /**
   * Turn off sequential scans and sorts for this query so the planner takes the vector index even where a
   * scan looks cheaper (small tables). Same SQL; for tests and recall benchmarks.
   */
  forceIndexScan?: boolean;
}

export interface NearestOpeningsQuery extends SearchTuning {
  modelKey: number;
  dimension: number;
  vector: Vector;
  first: number;
  kind?: OpeningKind;
  regions?: string[];
  /** Keep openings whose minimum experience is met by this many years (min_experience_years <= years). */
  minExperienceMetBy?: number;
  /** Member id: drop openings this member already applied to (any application status). */
  excludeAppliedBy?: string;
  /** Default ['OPEN']. */
  statuses?: OpeningStatus[];
}

export interface NearestMembersQuery extends SearchTuning {
  modelKey: number;
  dimension: number;
  vector: Vector;
  first: number;
  /** Opening id: drop members who already applied to it (any application status). */
  excludeOpeningApplicants?: string;
  regions?: string[];
  /** Keep members with at least this many years of experience. */
  minExperienceYears?: number;
}

const OPENING_STATUSES: readonly OpeningStatus[] = ['OPEN', 'FULL', 'CLOSED'];
const OPENING_KINDS: readonly OpeningKind[] = ['PROJECT', 'STUDY'];

/** Nearest openings by cosine similarity, hard filters applied inside the index scan (HNSW, iterative). */
export async function nearestOpenings(db: Db, query: NearestOpeningsQuery): Promise<{ openingId: string; similarity: number }[]> {
  await requireModelDimension(db, query);
  const plan = nearestOpeningsPlan(query, 'hnsw');
  return runSearch(db, plan, query, query.modelKey, hasOpeningFilters(query));
}

/** Same query answered by an exact sequential scan; for recall measurement and tests. */
export async function exactNearestOpenings(
  db: Db,
  query: NearestOpeningsQuery,
): Promise<{ openingId: string; similarity: number }[]> {
  await requireModelDimension(db, query);
  return runSearch(db, nearestOpeningsPlan(query, 'exact'), query, query.modelKey, hasOpeningFilters(query));
}

/** EXPLAIN of the very SQL nearestOpenings runs, under the same settings. */
export async function explainNearestOpenings(db: Db, query: NearestOpeningsQuery): Promise<string> {
  await requireModelDimension(db, query);
  const plan = nearestOpeningsPlan(query, 'hnsw');
  const rows = await runSearch<{ 'QUERY PLAN': string }>(db, Prisma.sql`EXPLAIN ${plan}`, query, query.modelKey, hasOpeningFilters(query));
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export async function nearestMembers(db: Db, query: NearestMembersQuery): Promise<{ memberId: string; similarity: number }[]> {
  await requireModelDimension(db, query);
  return runSearch(db, nearestMembersPlan(query, 'hnsw'), query, query.modelKey, false);
}

export async function exactNearestMembers(db: Db, query: NearestMembersQuery): Promise<{ memberId: string; similarity: number }[]> {
  await requireModelDimension(db, query);
  return runSearch(db, nearestMembersPlan(query, 'exact'), query, query.modelKey, false);
}

export async function explainNearestMembers(db: Db, query: NearestMembersQuery): Promise<string> {
  await requireModelDimension(db, query);
  const rows = await runSearch<{ 'QUERY PLAN': string }>(db, Prisma.sql`EXPLAIN ${nearestMembersPlan(query, 'hnsw')}`, query, query.modelKey, false);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

type Mode = 'hnsw' | 'exact';

/** Filters beyond the status (which nearly every opening passes). */
function hasOpeningFilters(query: NearestOpeningsQuery): boolean {
  return query.kind !== undefined || query.regions !== undefined || query.minExperienceMetBy !== undefined;
}

async function requireModelDimension(db: Db, query: { modelKey: number; dimension: number }): Promise<void> {
  const model = await getEmbeddingModel(db, query.modelKey);
  if (model.dimension !== query.dimension) {
    throw new VectorInputError('dimension', query.dimension, `embedding model ${model.key} (${model.name}) has dimension ${model.dimension}`);
  }
}

function nearestOpeningsPlan(query: NearestOpeningsQuery, mode: Mode): Prisma.Sql {
  const common = searchBasics(query);
  const statuses = query.statuses ?? ['OPEN'];
  if (!Array.isArray(statuses) || statuses.length === 0) {
    throw new VectorInputError('statuses', statuses, 'must be a non-empty array of opening statuses');
  }
  statuses.forEach((s, i) => {
    if (!OPENING_STATUSES.includes(s)) throw new VectorInputError(`statuses[${i}]`, s, `must be one of ${OPENING_STATUSES.join(', ')}`);
  });
  const filters: Prisma.Sql[] = [Prisma.sql`o.status = ANY(${statuses}::text[]::"OpeningStatus"[])`];
  if (query.kind !== undefined) {
    if (!OPENING_KINDS.includes(query.kind)) throw new VectorInputError('kind', query.kind, `must be one of ${OPENING_KINDS.join(', ')}`);
    filters.push(Prisma.sql`o.kind = ${query.kind}::"OpeningKind"`);
  }
  if (query.regions !== undefined) filters.push(Prisma.sql`o.region = ANY(${stringList('regions', query.regions)}::text[])`);
  if (query.minExperienceMetBy !== undefined) {
    filters.push(Prisma.sql`o.min_experience_years <= ${requireInt('minExperienceMetBy', query.minExperienceMetBy, 0, 100)}::int`);
  }
  if (query.excludeAppliedBy !== undefined) {
    const memberId = requireNonEmptyString('excludeAppliedBy', query.excludeAppliedBy);
    filters.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.opening_id = o.id AND a.member_id = ${memberId})`);
  }
  return searchSql({ ...common, mode, table: 'opening', filters });
}

function nearestMembersPlan(query: NearestMembersQuery, mode: Mode): Prisma.Sql {
  const common = searchBasics(query);
  const filters: Prisma.Sql[] = [];
  if (query.excludeOpeningApplicants !== undefined) {
    const openingId = requireNonEmptyString('excludeOpeningApplicants', query.excludeOpeningApplicants);
    filters.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.member_id = o.id AND a.opening_id = ${openingId})`);
  }
  if (query.regions !== undefined) filters.push(Prisma.sql`o.region = ANY(${stringList('regions', query.regions)}::text[])`);
  if (query.minExperienceYears !== undefined) {
    filters.push(Prisma.sql`o.experience_years >= ${requireInt('minExperienceYears', query.minExperienceYears, 0, 100)}::int`);
  }
  return searchSql({ ...common, mode, table: 'member', filters });
}

function searchBasics(query: { modelKey: number; dimension: number; vector: Vector; first: number }) {
  const key = requireInt('modelKey', query.modelKey, 1, MAX_KEY);
  const dimension = requireInt('dimension', query.dimension, 1, MAX_INDEXED_DIMENSION);
  const first = requireInt('first', query.first, 1, 1000);
  const vector = vectorText('vector', query.vector, dimension);
  return { key, dimension, first, vector };
}

function stringList(field: string, values: unknown): string[] {
  if (!Array.isArray(values)) throw new VectorInputError(field, values, 'must be an array of strings');
  return values.map((v, i) => requireNonEmptyString(`${field}[${i}]`, v));
}

/**
 * `o` is the owner row (members or openings), `e` the embedding row. In hnsw mode the ORDER BY is
 * exactly the index expression `(embedding::vector(N)) <=> query` with `model_key = K` as a literal,
 * and the results of the relaxed-order iterative scan are re-sorted outside the materialised CTE.
 */
function searchSql(p: {
  key: number;
  dimension: number;
  first: number;
  vector: string;
  mode: Mode;
  table: 'member' | 'opening';
  filters: Prisma.Sql[];
}): Prisma.Sql {
  const K = Prisma.raw(String(p.key));
  const N = Prisma.raw(String(p.dimension));
  const LIMIT = Prisma.raw(String(p.first));
  const owners = Prisma.raw(p.table === 'member' ? 'members' : 'openings');
  const embeddings = Prisma.raw(p.table === 'member' ? 'member_embeddings' : 'opening_embeddings');
  const ownerId = Prisma.raw(p.table === 'member' ? 'member_id' : 'opening_id');
  const idAlias = Prisma.raw(p.table === 'member' ? '"memberId"' : '"openingId"');
  const distance =
    p.mode === 'hnsw'
      ? Prisma.sql`(e.embedding::vector(${N})) <=> ${p.vector}::vector(${N})`
      : Prisma.sql`e.embedding <=> ${p.vector}::vector(${N})`;
  const where = p.filters.length > 0 ? Prisma.sql` AND ${Prisma.join(p.filters, ' AND ')}` : Prisma.empty;
  const order = p.mode === 'hnsw' ? distance : Prisma.sql`${distance}, e.${ownerId}`;
  return Prisma.sql`WITH candidates AS MATERIALIZED (
  SELECT e.${ownerId} AS owner_id, ${distance} AS distance
  FROM ${embeddings} e JOIN ${owners} o ON o.id = e.${ownerId}
  WHERE e.model_key = ${K}${where}
  ORDER BY ${order}
  LIMIT ${LIMIT}
)
SELECT owner_id AS ${idAlias}, 1 - distance AS similarity FROM candidates ORDER BY distance, owner_id`;
}

const ITERATIVE_SCAN_MODES = ['relaxed_order', 'strict_order', 'off'] as const;

async function runSearch<T>(db: Db, sql: Prisma.Sql, tuning: SearchTuning, modelKey: number, filtered: boolean): Promise<T[]> {
  const ef = requireInt('efSearch', tuning.efSearch ?? DEFAULT_EF_SEARCH, 1, 1000);
  const maxScan = requireInt('maxScanTuples', tuning.maxScanTuples ?? DEFAULT_MAX_SCAN_TUPLES, 1, 100_000_000);
  const probes = tuning.probes === undefined ? null : requireInt('probes', tuning.probes, 1, 32_768);
  const iterative = tuning.iterativeScan ?? 'relaxed_order';
  if (!ITERATIVE_SCAN_MODES.includes(iterative)) {
    throw new VectorInputError('iterativeScan', iterative, `must be one of ${ITERATIVE_SCAN_MODES.join(', ')}`);
  }
  const ivfIterative = iterative === 'off' ? 'off' : 'relaxed_order';
  // Filters drop rows of the nearest lists, so the true neighbours come from more of them: probe twice as many.
  // And never fewer than IVFFLAT_MIN_PROBES lists: a small table's lists are small, so a tenth of them is too little
  // (recall@10 0.92 at 10k rows), while scanning that many is still cheap.
  const listsPerProbe = filtered ? IVFFLAT_LISTS_PER_PROBE / 2 : IVFFLAT_LISTS_PER_PROBE;
  const minProbes = filtered ? IVFFLAT_MIN_PROBES * 2 : IVFFLAT_MIN_PROBES;
  const { prisma } = db;
  // One round trip for every setting. Default probes: a tenth of the lists of the model's ivfflat index, read
  // from the catalog so a rebuilt index (new lists) takes effect at once; harmless when HNSW answers.
  const settings = [
    prisma.$queryRaw`SELECT set_config('hnsw.iterative_scan', ${iterative}, true), set_config('hnsw.ef_search', ${String(ef)}, true),
      set_config('hnsw.max_scan_tuples', ${String(maxScan)}, true), set_config('ivfflat.iterative_scan', ${ivfIterative}, true),
      set_config('ivfflat.probes', COALESCE(${probes}::int, (
        SELECT greatest(ceil(lists / ${listsPerProbe}::float8), least(lists, ${minProbes}::int))::int
        FROM (SELECT split_part(opt, '=', 2)::int AS lists
        FROM pg_class c, unnest(c.reloptions) AS opt WHERE c.relname = ${ivfflatIndexName(modelKey)} AND opt LIKE 'lists=%') AS l
      ), 1)::text, true)`,
  ];
  if (tuning.forceIndexScan === true) {
    settings.push(prisma.$queryRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)`);
  }
  const results = await prisma.$transaction([...settings, prisma.$queryRaw<T[]>(sql)]);
  return results[settings.length] as T[];
}

// ---------------------------------------------------------------------------------------------
// Re-embedding support

/** Owners with no vector for the model, or whose vector embeds a different sentence than the current one. */
export async function countMissingEmbeddings(db: Queryable, modelKey: number): Promise<{ members: number; openings: number }> {
  const key = requireInt('modelKey', modelKey, 1, MAX_KEY);
  const rows = await db.prisma.$queryRaw<{ members: number; openings: number }[]>`
    SELECT
      (SELECT count(*)::int FROM members m LEFT JOIN member_embeddings e ON e.member_id = m.id AND e.model_key = ${key}::int
        WHERE e.member_id IS NULL OR e.sentence_sha256 <> encode(sha256(convert_to(m.sentence, 'UTF8')), 'hex')) AS members,
      (SELECT count(*)::int FROM openings o LEFT JOIN opening_embeddings e ON e.opening_id = o.id AND e.model_key = ${key}::int
        WHERE e.opening_id IS NULL OR e.sentence_sha256 <> encode(sha256(convert_to(o.sentence, 'UTF8')), 'hex')) AS openings`;
  const row = rows[0];
  return { members: row?.members ?? 0, openings: row?.openings ?? 0 };
}

/** Keyset-paginated list (by id) of owners needing a (re-)embedding for the model, with the sentence to embed. */
export async function listOwnersMissingEmbeddings(
  db: Queryable,
  options: { modelKey: number; owner: 'member' | 'opening'; first?: number; after?: string },
): Promise<{ id: string; sentence: string }[]> {
  const key = requireInt('modelKey', options.modelKey, 1, MAX_KEY);
  const first = requireInt('first', options.first ?? 100, 1, 10_000);
  const after = options.after === undefined ? '' : requireNonEmptyString('after', options.after);
  if (options.owner !== 'member' && options.owner !== 'opening') {
    throw new VectorInputError('owner', options.owner, "must be 'member' or 'opening'");
  }
  const owners = Prisma.raw(options.owner === 'member' ? 'members' : 'openings');
  const embeddings = Prisma.raw(options.owner === 'member' ? 'member_embeddings' : 'opening_embeddings');
  const ownerId = Prisma.raw(options.owner === 'member' ? 'member_id' : 'opening_id');
  return db.prisma.$queryRaw<{ id: string; sentence: string }[]>`
    SELECT o.id, o.sentence FROM ${owners} o
    LEFT JOIN ${embeddings} e ON e.${ownerId} = o.id AND e.model_key = ${key}::int
    WHERE (e.${ownerId} IS NULL OR e.sentence_sha256 <> encode(sha256(convert_to(o.sentence, 'UTF8')), 'hex'))
      AND o.id > ${after}
    ORDER BY o.id
    LIMIT ${first}::int`;
}
