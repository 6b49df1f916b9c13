import type { Embedder } from '@moim/embedder';
import { ApiKeyVerifier, createApiKey, type KeyRole } from '../auth/api-keys';
import type { ApiKeyParent } from '../graphql/mappers';
import { ApplicationsService } from './applications';
import type { ServiceDeps } from './deps';
import { ImportsService, type ImportLimits, type ImportProgressListener } from './imports';
import { MembersService } from './members';
import { OpeningsService } from './openings';
import { RecommendationsService } from './recommendations';
import { ReembedService } from './reembed';
import { TeamsService } from './teams';
import { TeamLoopService } from '../modules/team-loop/service';

export class ApiKeysService {
  constructor(
    private readonly deps: ServiceDeps,
    readonly verifier: ApiKeyVerifier,
  ) {}

  create(name: string, role: KeyRole) {
    return createApiKey(this.deps.db.prisma, { name, role });
  }

  list(): Promise<ApiKeyParent[]> {
    return this.deps.db.prisma.apiKey.findMany({
      where: { revokedAt: null },
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true, role: true, createdAt: true },
    });
  }

  async revoke(id: string): Promise<boolean> {
    const { count } = await this.deps.db.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    this.verifier.forget();
    return count > 0;
  }
}

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
}

export function createServices(
  deps: ServiceDeps,
  options: {
    onImportProgress?: ImportProgressListener;
    loadEmbedder?: (modelDir: string | undefined) => Promise<Embedder>;
    /** e.g. `{ maxRows: config.importMaxRows }` (MOIM_IMPORT_MAX_ROWS) */
    uploadLimits?: Partial<ImportLimits>;
  } = {},
): Services {
  const teamLoop = new TeamLoopService(deps, deps.config.scoreWeight);
  const openings = new OpeningsService(deps, teamLoop);
  const recommendations = new RecommendationsService(deps);
  return {
    teamLoop,
    deps,
    members: new MembersService(deps),
    openings,
    recommendations,
    applications: new ApplicationsService(deps, teamLoop),
    teams: new TeamsService(deps, recommendations),
    imports: new ImportsService(deps, openings, options.onImportProgress, options.uploadLimits, teamLoop),
    reembed: new ReembedService(deps, options.loadEmbedder),
    apiKeys: new ApiKeysService(deps, new ApiKeyVerifier(deps.db.prisma, deps.config.adminKey)),
  };
}
