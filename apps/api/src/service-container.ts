import type { Embedder } from '@moim/embedder';
import { ApiKeyVerifier } from './auth/api-keys';
import type { JobQueue } from './jobs/queue';
import { ApiKeysService } from './modules/api-keys/service';
import { ApplicationsService } from './modules/applications/service';
import { OpeningIndexKeeper } from './modules/embedding/opening-index';
import { ReembedService } from './modules/embedding/reembed';
import { ImportsService, type ImportLimits, type ImportProgressListener } from './modules/imports/service';
import { MembersService } from './modules/members/service';
import { OpeningsService } from './modules/openings/service';
import { RecommendationsService } from './modules/recommendations/service';
import { TeamsService } from './modules/teams/service';
import { TeamLoopService } from './modules/team-loop/service';
import type { ServiceDeps } from './modules/service-deps';

/** Every feature's service, built once per app and handed to resolvers and routes. */
export interface Services {
  deps: ServiceDeps;
  members: MembersService;
  openings: OpeningsService;
  recommendations: RecommendationsService;
  applications: ApplicationsService;
  teams: TeamsService;
  imports: ImportsService;
  reembed: ReembedService;
  apiKeys: ApiKeysService;
  teamLoop: TeamLoopService;
  /** Where imports and re-embeds run: pg-boss on PostgreSQL (every replica), in process on PGlite. */
  queue: JobQueue;
  openingIndex: OpeningIndexKeeper;
}

/** The settings the services read (from ApiConfig); nothing else of the configuration reaches them. */
export interface ServiceSettings {
  /** MOIM_SCORE_WEIGHT: `w` in the blended score. */
  scoreWeight: number;
  /** MOIM_MODEL_DIR: what a re-embed loads when given no directory. */
  modelDir: string | undefined;
  /** MOIM_EMBED_THREADS for models a re-embed loads. */
  embedThreads: number | undefined;
  /** MOIM_ADMIN_KEY: the bootstrap ADMIN key. */
  adminKey: string | undefined;
  /** MOIM_OPENING_INDEX: 'auto' keeps the openings' vector index right for their number (OpeningIndexKeeper). */
  openingIndex: 'auto' | 'manual';
}

export function createServices(
  deps: ServiceDeps,
  settings: ServiceSettings,
  options: {
    /** openJobQueue(db, log) */
    queue: JobQueue;
    onImportProgress?: ImportProgressListener;
    loadEmbedder?: (modelDir: string | undefined) => Promise<Embedder>;
    /** e.g. `{ maxRows: config.importMaxRows }` (MOIM_IMPORT_MAX_ROWS) */
    uploadLimits?: Partial<ImportLimits>;
  },
): Services {
  const teamLoop = new TeamLoopService(deps, settings.scoreWeight);
  const openings = new OpeningsService(deps, options.queue);
  const scoring = { scoreWeight: settings.scoreWeight };
  const recommendations = new RecommendationsService(deps, scoring);
  const openingIndex = new OpeningIndexKeeper(deps, settings.openingIndex);
  return {
    deps,
    teamLoop,
    members: new MembersService(deps),
    openings,
    recommendations,
    applications: new ApplicationsService(deps, teamLoop),
    teams: new TeamsService(deps, recommendations, scoring),
    imports: new ImportsService(deps, openings, options.queue, teamLoop, options.onImportProgress, options.uploadLimits, openingIndex),
    reembed: new ReembedService(deps, options.queue, { modelDir: settings.modelDir, embedThreads: settings.embedThreads }, openingIndex, options.loadEmbedder),
    apiKeys: new ApiKeysService(deps, new ApiKeyVerifier(deps.db.prisma, settings.adminKey)),
    queue: options.queue,
    openingIndex,
  };
}
