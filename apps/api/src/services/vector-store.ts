// The API's only door to @moim/db's vector module (so its signature lives in one place here).
import * as dbVectors from '@moim/db';
import type { Database, Prisma } from '@moim/db';
import { Gate } from './gate';

export type { Database };

export interface NearestOpeningsQuery {
  modelKey: number;
  dimension: number;
  vector: Float32Array;
  first: number;
  kind?: 'PROJECT' | 'STUDY';
  regions?: string[];
  minExperienceMetBy?: number;
  excludeAppliedBy?: string;
}

export interface NearestMembersQuery {
  modelKey: number;
  dimension: number;
  vector: Float32Array;
  first: number;
  excludeOpeningApplicants?: string;
}

export async function registerModel(db: Database, name: string, dimension: number): Promise<number> {
  const model = await dbVectors.registerEmbeddingModel(db, { name, dimension });
  return model.key;
}

/** Works inside an interactive transaction (`{ prisma: tx }`). */
export function writeMemberVector(
  db: Pick<Database, 'prisma'>,
  memberId: string,
  modelKey: number,
  vector: Float32Array,
  sentence: string,
): Promise<void> {
  return dbVectors.setMemberEmbedding(db, memberId, modelKey, vector, { sentence });
}

/** In a transaction of its own. */
export function writeOpeningVectors(
  db: Database,
  rows: { openingId: string; vector: Float32Array; sentence: string }[],
  modelKey: number,
): Promise<void> {
  return dbVectors.setOpeningEmbeddings(db, rows, modelKey);
}

/** Inside the caller's transaction: the vectors commit with the caller's opening rows. */
export function writeOpeningVectorsIn(
  tx: Prisma.TransactionClient,
  rows: { openingId: string; vector: Float32Array; sentence: string }[],
  modelKey: number,
): Promise<void> {
  return dbVectors.writeOpeningEmbeddings({ prisma: tx }, rows, modelKey);
}

/** Owners without a current vector for the model (none, or embedded from an older sentence). */
export function ownersMissingVectors(
  db: Database,
  modelKey: number,
  owner: 'member' | 'opening',
  first: number,
  after?: string,
): Promise<{ id: string; sentence: string }[]> {
  return dbVectors.listOwnersMissingEmbeddings(db, { modelKey, owner, first, ...(after ? { after } : {}) });
}

export function countMissingVectors(db: Database, modelKey: number): Promise<{ members: number; openings: number }> {
  return dbVectors.countMissingEmbeddings(db, modelKey);
}

/** Searches per database, queued past the pool size (see Gate). */
const gates = new WeakMap<object, Gate>();

export function setSearchConcurrency(db: Database, size: number): void {
  gates.set(db.prisma, new Gate(size));
}

/** Searches waiting for the gate right now. */
export function searchesQueued(db: Database): number {
  return gates.get(db.prisma)?.queued ?? 0;
}

function gated<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const gate = gates.get(db.prisma);
  return gate ? gate.run(fn) : fn();
}

export function nearestOpenings(db: Database, query: NearestOpeningsQuery): Promise<{ openingId: string; similarity: number }[]> {
  return gated(db, () => dbVectors.nearestOpenings(db, { ...query, statuses: ['OPEN'] }));
}

export function nearestMembers(db: Database, query: NearestMembersQuery): Promise<{ memberId: string; similarity: number }[]> {
  return gated(db, () => dbVectors.nearestMembers(db, query));
}
