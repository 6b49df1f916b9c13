import {
  normalizeProfile,
  normalizeRegion,
  regionMatches,
  renderOpeningSentence,
  renderProfileSentence,
  REGIONS,
  REMOTE_REGION,
  type Profile,
  type ProfileInput,
} from '@moim/matching';
import { nearestMembers, nearestOpeningRows, type MemberModel, type OpeningModel } from '@moim/db';
import { BadInputError, NotFoundError, validated } from '../../errors/domain-errors';
import { filterTerms } from '../../common/filter-terms';
import { checkFirst } from '../../common/page-size';
import { blendScore, criteriaOf, profileOf, type ScoredMatch } from '../../common/scoring';
import type { ServiceDeps } from '../service-deps';
import type { OpeningFilterInput } from '../openings/filter';

export interface OpeningMatch extends ScoredMatch {
  opening: OpeningModel;
}

export interface MemberMatch extends ScoredMatch {
  member: MemberModel;
}

export interface RecommendOpeningsArgs {
  memberId?: string | null;
  profile?: ProfileInput | null;
  filter?: OpeningFilterInput | null;
  first?: number | null;
  sameRegionOnly?: boolean | null;
  experienceMet?: boolean | null;
  excludeApplied?: boolean | null;
}

/**
 * How many nearest neighbours feed the re-ranking: the blend can reorder within this pool, so it is larger than
 * `first`, but it stays one index scan.
 */
export function candidatePool(first: number): number {
  return Math.min(200, Math.max(first * 2, 20));
}

export class RecommendationsService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'db' | 'embedding' | 'vectorSearches'>,
    private readonly settings: { scoreWeight: number },
  ) {}

  /** Validates the arguments (nothing is read before they are fine) and resolves the profile. */
  private async resolveProfile(args: RecommendOpeningsArgs): Promise<{ profile: Profile; memberId: string | null }> {
    const hasMember = args.memberId != null;
    const hasProfile = args.profile != null;
    if (hasMember === hasProfile) {
      throw new BadInputError(
        hasMember ? 'memberId' : 'profile',
        hasMember ? args.memberId : null,
        'recommendOpenings needs exactly one of memberId or profile',
      );
    }
    if (hasProfile) return { profile: validated(() => normalizeProfile(args.profile!), 'profile'), memberId: null };
    const member = await this.deps.db.prisma.member.findUnique({ where: { id: args.memberId! } });
    if (!member) throw new NotFoundError('memberId', args.memberId!, 'member');
    return { profile: profileOf(member), memberId: member.id };
  }

  async recommendOpenings(args: RecommendOpeningsArgs): Promise<OpeningMatch[]> {
    const first = checkFirst(args.first, 10);
    const filter = args.filter ?? {};
    if (filter.stacks != null) throw new BadInputError('filter.stacks', filter.stacks, 'filter.stacks: not supported by recommendOpenings');
    if (filter.text != null) throw new BadInputError('filter.text', filter.text, 'filter.text: not supported by recommendOpenings');
    if (filter.status != null && filter.status.some((s) => s !== 'OPEN')) {
      throw new BadInputError('filter.status', filter.status, 'filter.status: only OPEN openings are recommended');
    }
    let regions = filterTerms(filter.regions, 'filter.regions', REGIONS.length, normalizeRegion) as string[] | undefined;
    const { profile, memberId } = await this.resolveProfile(args);
    if (args.sameRegionOnly) {
      const allowed = [profile.region, REMOTE_REGION];
      regions = regions ? regions.filter((r) => allowed.includes(r as never)) : [...new Set(allowed)];
      if (regions.length === 0) return [];
    }
    const model = this.deps.embedding.serving;
    const { vectors } = await this.deps.embedding.embed([renderProfileSentence(profile)]);
    const hits = await this.deps.vectorSearches.run(() => nearestOpeningRows(this.deps.db, {
      modelKey: model.modelKey,
      dimension: model.dimension,
      vector: vectors[0]!,
      first: candidatePool(first),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(regions ? { regions } : {}),
      ...(args.experienceMet ? { minExperienceMetBy: profile.experienceYears } : {}),
      ...(memberId && args.excludeApplied !== false ? { excludeAppliedBy: memberId } : {}),
      statuses: ['OPEN'],
    }));
    const matches: OpeningMatch[] = [];
    for (const { opening, similarity } of hits) {
      if (args.sameRegionOnly && !regionMatches(profile.region, opening.region as never)) continue;
      matches.push({ opening, ...blendScore(this.settings.scoreWeight, profile, criteriaOf(opening), similarity) });
    }
    return rankMatches(matches).slice(0, first);
  }

  /** Members for an opening, excluding its applicants. `pool` widens the neighbour search (team proposals). */
  async recommendMembers(openingId: string, firstArg: number | null | undefined, pool?: number): Promise<{ opening: OpeningModel; matches: MemberMatch[] }> {
    const first = checkFirst(firstArg, 10);
    const opening = await this.deps.db.prisma.opening.findUnique({ where: { id: openingId } });
    if (!opening) throw new NotFoundError('openingId', openingId, 'opening');
    const criteria = criteriaOf(opening);
    const model = this.deps.embedding.serving;
    const { vectors } = await this.deps.embedding.embed([renderOpeningSentence(criteria)]);
    const hits = await this.deps.vectorSearches.run(() => nearestMembers(this.deps.db, {
      modelKey: model.modelKey,
      dimension: model.dimension,
      vector: vectors[0]!,
      first: pool ?? candidatePool(first),
      excludeOpeningApplicants: opening.id,
    }));
    const rows = await this.deps.db.prisma.member.findMany({ where: { id: { in: hits.map((h) => h.memberId) } } });
    const byId = new Map<string, MemberModel>(rows.map((r) => [r.id, r]));
    const matches: MemberMatch[] = [];
    for (const hit of hits) {
      const member = byId.get(hit.memberId);
      if (!member) continue;
      matches.push({ member, ...blendScore(this.settings.scoreWeight, profileOf(member), criteria, hit.similarity) });
    }
    const ranked = rankMatches(matches);
    return { opening, matches: pool ? ranked : ranked.slice(0, first) };
  }
}

/** Best first; ties by reference score, then similarity (stable for equal rows). */
export function rankMatches<T extends { score: number; referenceScore: number; similarity: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.score - a.score || b.referenceScore - a.referenceScore || b.similarity - a.similarity);
}
