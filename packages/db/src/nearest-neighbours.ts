/**
 * Nearest-neighbour queries over member and opening vectors, by index (HNSW or the model's ivfflat) or by exact
 * scan. Every statement is a Prisma.sql tagged template; the only raw fragments are integers validated here
 * (model key, dimension, limits), which must be literals: the partial index `WHERE model_key = K` on
 * `(embedding::vector(N))` is only provably usable when K and N appear as constants in the query.
 */
import type { Database } from './database';
import { Prisma, type Opening, type OpeningKind, type OpeningStatus } from './generated/prisma/client';
import { OPENING_COLUMNS } from './opening-rows';
import { getEmbeddingModel } from './embedding-models';
import { MAX_INDEXED_DIMENSION, MAX_MODEL_KEY, requireInt, requireNonEmptyString, VectorInputError, vectorText, type Vector } from './vector-input';
import { ivfflatIndexName } from './vector-index';

type Db = Pick<Database, 'prisma'>;

const DEFAULT_EF_SEARCH = 100;
const DEFAULT_MAX_SCAN_TUPLES = 20_000;
/**
 * ivfflat lists probed per search: a fortieth of them, at least 8 (all when fewer). bench:probes found recall@10
 * ≥ 0.95 from about 2% of the lists at both 100,000 rows (316 lists: 8 probes 0.984) and 1,000,000 (1,000 lists:
 * 20 probes 0.958, 32 probes 0.992). Filtered searches probe twice as many: filters drop rows of the nearest lists,
 * and on clustered data (vectors-recall.test.ts) 8 probes found 0.93 filtered. Each probe costs a list's worth of
 * exact distances, so fewer is faster.
 */
const IVFFLAT_LISTS_PER_PROBE = 40;
const IVFFLAT_MIN_PROBES = 8;

export interface SearchTuning {
  /** hnsw.ef_search for this query (default 100). */
  efSearch?: number;
  /** ivfflat.probes when the model's openings use an ivfflat index (default: a fortieth of its lists, at least 8; twice that with filters; all when fewer). */
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
  return runSearch(db, (gate) => nearestOpeningsPlan(query, 'hnsw', gate), query, query.modelKey, hasOpeningFilters(query));
}

/**
 * nearestOpenings with each opening's row, in the same statement (the recommendation hot path: one round trip,
 * not a search and then a read by ids).
 */
export async function nearestOpeningRows(db: Db, query: NearestOpeningsQuery): Promise<{ opening: Opening; similarity: number }[]> {
  await requireModelDimension(db, query);
  const rows = await runSearch<Opening & { similarity: number }>(db, (gate) => nearestOpeningsPlan(query, 'hnsw', gate, true), query, query.modelKey, hasOpeningFilters(query));
  return rows.map(({ similarity, ...opening }) => ({ opening, similarity }));
}

/** Same query answered by an exact sequential scan; for recall measurement and tests. */
export async function exactNearestOpenings(
  db: Db,
  query: NearestOpeningsQuery,
): Promise<{ openingId: string; similarity: number }[]> {
  await requireModelDimension(db, query);
  return runSearch(db, (gate) => nearestOpeningsPlan(query, 'exact', gate), query, query.modelKey, hasOpeningFilters(query));
}

/** EXPLAIN of the very SQL nearestOpenings runs, under the same settings. */
export async function explainNearestOpenings(db: Db, query: NearestOpeningsQuery): Promise<string> {
  await requireModelDimension(db, query);
  const rows = await runSearch<{ 'QUERY PLAN': string }>(db, (gate) => Prisma.sql`EXPLAIN ${nearestOpeningsPlan(query, 'hnsw', gate)}`, query, query.modelKey, hasOpeningFilters(query));
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export async function nearestMembers(db: Db, query: NearestMembersQuery): Promise<{ memberId: string; similarity: number }[]> {
  await requireModelDimension(db, query);
  return runSearch(db, (gate) => nearestMembersPlan(query, 'hnsw', gate), query, query.modelKey, false);
}

export async function explainNearestMembers(db: Db, query: NearestMembersQuery): Promise<string> {
  await requireModelDimension(db, query);
  const rows = await runSearch<{ 'QUERY PLAN': string }>(db, (gate) => Prisma.sql`EXPLAIN ${nearestMembersPlan(query, 'hnsw', gate)}`, query, query.modelKey, false);
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

function nearestOpeningsPlan(query: NearestOpeningsQuery, mode: Mode, gate: Prisma.Sql, withRows = false): Prisma.Sql {
  const common = searchBasics(query);
  const statuses = query.statuses ?? ['OPEN'];
  if (!Array.isArray(statuses) || statuses.length === 0) {
    throw new VectorInputError('statuses', statuses, 'must be a non-empty array of opening statuses');
  }
  statuses.forEach((s, i) => {
    if (!OPENING_STATUSES.includes(s)) throw new VectorInputError(`statuses[${i}]`, s, `must be one of ${OPENING_STATUSES.join(', ')}`);
  });
  const filters: Prisma.Sql[] = [gate, Prisma.sql`o.status = ANY(${statuses}::text[]::"OpeningStatus"[])`];
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
  return searchSql({ ...common, mode, table: 'opening', filters, withRows });
}

function nearestMembersPlan(query: NearestMembersQuery, mode: Mode, gate: Prisma.Sql): Prisma.Sql {
  const common = searchBasics(query);
  const filters: Prisma.Sql[] = [gate];
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
  const key = requireInt('modelKey', query.modelKey, 1, MAX_MODEL_KEY);
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
  /** Openings only: the outer SELECT returns each opening's columns (OPENING_COLUMNS) and its similarity. */
  withRows?: boolean;
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
${
    p.withRows
      ? Prisma.sql`SELECT ${OPENING_COLUMNS}, 1 - c.distance AS similarity FROM candidates c JOIN openings o ON o.id = c.owner_id ORDER BY c.distance, c.owner_id`
      : Prisma.sql`SELECT owner_id AS ${idAlias}, 1 - distance AS similarity FROM candidates ORDER BY distance, owner_id`
  }`;
}

const ITERATIVE_SCAN_MODES = ['relaxed_order', 'strict_order', 'off'] as const;

/**
 * Runs a search in one statement: the settings are applied by `gate`, a filter without columns, which PostgreSQL
 * evaluates once, before the first row is read (a one-time filter), so the index scan that starts after it sees
 * them. set_config(…, true) lasts until the statement's own transaction ends. One statement instead of a
 * transaction of two is a third of the client's CPU per search. forceIndexScan needs its settings before planning,
 * so it alone runs them first, in a transaction.
 */
async function runSearch<T>(db: Db, plan: (gate: Prisma.Sql) => Prisma.Sql, tuning: SearchTuning, modelKey: number, filtered: boolean): Promise<T[]> {
  const ef = requireInt('efSearch', tuning.efSearch ?? DEFAULT_EF_SEARCH, 1, 1000);
  const maxScan = requireInt('maxScanTuples', tuning.maxScanTuples ?? DEFAULT_MAX_SCAN_TUPLES, 1, 100_000_000);
  const probes = tuning.probes === undefined ? null : requireInt('probes', tuning.probes, 1, 32_768);
  const iterative = tuning.iterativeScan ?? 'relaxed_order';
  if (!ITERATIVE_SCAN_MODES.includes(iterative)) {
    throw new VectorInputError('iterativeScan', iterative, `must be one of ${ITERATIVE_SCAN_MODES.join(', ')}`);
  }
  const ivfIterative = iterative === 'off' ? 'off' : 'relaxed_order';
  const listsPerProbe = filtered ? IVFFLAT_LISTS_PER_PROBE / 2 : IVFFLAT_LISTS_PER_PROBE;
  const minProbes = filtered ? IVFFLAT_MIN_PROBES * 2 : IVFFLAT_MIN_PROBES;
  const { prisma } = db;
  // Every setting in the statement itself (see above). Default probes follow the lists of the model's ivfflat index, read
  // from the catalog so a rebuilt index (new lists) takes effect at once; harmless when HNSW answers.
  const gate = Prisma.sql`(SELECT set_config('hnsw.iterative_scan', ${iterative}, true) || set_config('hnsw.ef_search', ${String(ef)}, true) ||
      set_config('hnsw.max_scan_tuples', ${String(maxScan)}, true) || set_config('ivfflat.iterative_scan', ${ivfIterative}, true) ||
      set_config('ivfflat.probes', COALESCE(${probes}::int, (
        SELECT least(lists, greatest(${minProbes}::int, ceil(lists / ${listsPerProbe}::float8)::int))
        FROM (SELECT split_part(opt, '=', 2)::int AS lists
        FROM pg_class c, unnest(c.reloptions) AS opt WHERE c.relname = ${ivfflatIndexName(modelKey)} AND opt LIKE 'lists=%') AS l
      ), 1)::text, true)) IS NOT NULL`;
  if (tuning.forceIndexScan !== true) return prisma.$queryRaw<T[]>(plan(gate));
  const [, results] = await prisma.$transaction([
    prisma.$queryRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)`,
    prisma.$queryRaw<T[]>(plan(gate)),
  ]);
  return results;
}
