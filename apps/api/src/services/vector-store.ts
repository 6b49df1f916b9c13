// The API's only door to @moim/db's vector module (so its signature lives in one place here).
import * as dbVectors from '@moim/db';
import type { Database } from '@moim/db';

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

export function writeMemberVector(db: Database, memberId: string, modelKey: number, vector: Float32Array): Promise<void> {
  return dbVectors.setMemberEmbedding(db, memberId, modelKey, vector);
}

export function writeOpeningVectors(
  db: Database,
  rows: { openingId: string; vector: Float32Array }[],
  modelKey: number,
): Promise<void> {
  return dbVectors.setOpeningEmbeddings(db, rows, modelKey);
}

export function nearestOpenings(db: Database, query: NearestOpeningsQuery): Promise<{ openingId: string; similarity: number }[]> {
  return dbVectors.nearestOpenings(db, { ...query, statuses: ['OPEN'] });
}

export function nearestMembers(db: Database, query: NearestMembersQuery): Promise<{ memberId: string; similarity: number }[]> {
  return dbVectors.nearestMembers(db, query);
}
