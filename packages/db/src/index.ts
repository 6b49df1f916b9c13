export { PrismaClient } from './generated/prisma/client';
export { Prisma } from './generated/prisma/client';
export * from './generated/prisma/enums';
export type * from './generated/prisma/models';
export { openDatabase, ping, type Database, type OpenDatabaseOptions, type PoolStats } from './database';
export {
  migrate,
  readMigrations,
  MigrationError,
  type MigrateOptions,
  type MigrationTarget,
  type LocalMigration,
} from './migrate';
export { DEFAULT_MIGRATIONS_DIR, SCHEMA_PATH } from './migrations-dir';
export { registerEmbeddingModel, getEmbeddingModel, type EmbeddingModelInfo } from './embedding-models';
export { setMemberEmbedding, setOpeningEmbeddings, writeOpeningEmbeddings, sentenceSha256 } from './embedding-writes';
export { stillUnchanged, unchangedVectors } from './unchanged-embeddings';
export { clearNewMatchesOwed, markNewMatchesOwed, owedNewMatches } from './new-match-marks';
export {
  nearestOpenings,
  exactNearestOpenings,
  explainNearestOpenings,
  nearestMembers,
  nearestOpeningRows,
  explainNearestMembers,
  type NearestOpeningsQuery,
  type NearestMembersQuery,
  type SearchTuning,
} from './nearest-neighbours';
export { countMissingEmbeddings, listOwnersMissingEmbeddings } from './missing-embeddings';
export { VectorInputError } from './vector-input';
export {
  lockOpening,
  lockOpenings,
  lockOpeningsByExternalId,
  lockMember,
  lockApplication,
  acceptedCountsByExternalId,
  refreshSeatStatus,
} from './seat-locks';
export { openOpeningsByIds, upsertOpeningRows, type OpeningRowInput, type UpsertedOpeningRow } from './opening-rows';
export {
  hnswIndexNames,
  useOpeningIndex,
  maintainOpeningIndex,
  IVFFLAT_MIN_ROWS,
  dropOpeningIndexes,
  openingIndexInUse,
  ivfflatIndexName,
  defaultIvfflatLists,
  type OpeningIndexMethod,
} from './vector-index';
export {
  insertNotifications,
  claimNotifications,
  ackNotifications,
  recentNotifications,
  type NotificationInput,
  type NotificationRow,
  type ClaimedNotification,
} from './notifications';
export { lockInvitation, seatsTaken, withdrawPendingSeatRequests, SEATS_TAKEN } from './seat-locks';
export {
  newMatchCandidates,
  explainNewMatchNearest,
  DEFAULT_FAN_OUT_POOL,
  type FanOutOpening,
  type ReferenceBound,
  type FanOutQuery,
  type FanOutCandidate,
} from './match-fan-out';
