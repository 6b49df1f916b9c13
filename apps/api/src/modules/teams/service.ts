import { renderProfileSentence } from '@moim/matching';
import { nearestOpenings, type MemberModel, type OpeningKind, type OpeningModel } from '@moim/db';
import { BadInputError, NotFoundError } from '../../errors/domain-errors';
import { blendScore, criteriaOf, profileOf } from '../../common/scoring';
import type { ServiceDeps } from '../service-deps';
import type { MemberMatch, RecommendationsService } from '../recommendations/service';
import { greedyTeam } from './greedy-team';
import { maxWeightAssignment, type WeightedEdge } from './min-cost-flow';

export interface TeamProposal {
  opening: OpeningModel;
  members: MemberMatch[];
  totalScore: number;
  coveredStacks: string[];
  missingStacks: string[];
}

export interface TeamAssignment {
  opening: OpeningModel;
  members: MemberMatch[];
  totalScore: number;
}

export interface TeamFormation {
  assignments: TeamAssignment[];
  unassigned: MemberModel[];
  totalScore: number;
  algorithm: string;
}

const PROPOSAL_POOL = 100;
const MAX_FORM_MEMBERS = 500;
const OPENINGS_PER_MEMBER = 20;
const WEIGHT_SCALE = 1_000_000;

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export class TeamsService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'db' | 'embedding' | 'vectorSearches'>,
    private readonly recommendations: RecommendationsService,
    private readonly settings: { scoreWeight: number },
  ) {}

  /**
   * Free seats of one opening, filled greedily: first members who cover still-missing required stacks (most new
   * stacks, then best score), then the best remaining scores. Accepted members count as covering their stacks.
   */
  async proposeTeam(openingId: string): Promise<TeamProposal> {
    const { opening, matches } = await this.recommendations.recommendMembers(openingId, PROPOSAL_POOL, PROPOSAL_POOL);
    const accepted = await this.deps.db.prisma.application.findMany({
      where: { openingId, status: 'ACCEPTED' },
      select: { member: { select: { stacks: true } } },
    });
    const freeSeats = opening.status === 'OPEN' ? Math.max(0, opening.capacity - accepted.length) : 0;
    const alreadyCovered = new Set(accepted.flatMap((a) => a.member.stacks));
    const candidates = matches.filter((m) => m.referenceScore > 0);
    const picked = greedyTeam(
      candidates.map((m) => ({ stacks: m.member.stacks, score: m.score })),
      opening.stacks,
      alreadyCovered,
      freeSeats,
    );
    const members = picked.map((i) => candidates[i]!);
    const covered = new Set([...alreadyCovered, ...members.flatMap((m) => m.member.stacks)]);
    return {
      opening,
      members,
      totalScore: round(members.reduce((s, m) => s + m.score, 0)),
      coveredStacks: opening.stacks.filter((s) => covered.has(s)),
      missingStacks: opening.stacks.filter((s) => !covered.has(s)),
    };
  }

  /**
   * Global assignment of `memberIds` to OPEN openings of `kind`. Candidate openings per member are its 20
   * nearest neighbours (one ANN query each); edges carry the blended score; min-cost max-flow picks the
   * assignment with the largest total score under the free-seat capacities.
   */
  async formTeams(kind: OpeningKind, memberIds: readonly string[]): Promise<TeamFormation> {
    if (memberIds.length === 0 || memberIds.length > MAX_FORM_MEMBERS) {
      throw new BadInputError('memberIds', memberIds.length, `memberIds: give 1 to ${MAX_FORM_MEMBERS} member ids`);
    }
    const seen = new Map<string, number>();
    memberIds.forEach((id, i) => {
      if (seen.has(id)) throw new BadInputError(`memberIds[${i}]`, id, `memberIds[${i}]: duplicate of memberIds[${seen.get(id)}]`);
      seen.set(id, i);
    });
    const { prisma } = this.deps.db;
    const rows = await prisma.member.findMany({ where: { id: { in: [...memberIds] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    memberIds.forEach((id, i) => {
      if (!byId.has(id)) throw new NotFoundError(`memberIds[${i}]`, id, 'member');
    });
    const members: MemberModel[] = memberIds.map((id) => byId.get(id)!);

    const model = this.deps.embedding.serving;
    const { vectors } = await this.deps.embedding.embed(members.map((m) => renderProfileSentence(profileOf(m))));
    const hitsPerMember: { openingId: string; similarity: number }[][] = [];
    for (const [i, m] of members.entries()) {
      hitsPerMember.push(
        await this.deps.vectorSearches.run(() =>
          nearestOpenings(this.deps.db, {
            modelKey: model.modelKey,
            dimension: model.dimension,
            vector: vectors[i]!,
            first: OPENINGS_PER_MEMBER,
            kind,
            excludeAppliedBy: m.id,
            statuses: ['OPEN'],
          }),
        ),
      );
    }
    const openingIds = [...new Set(hitsPerMember.flat().map((h) => h.openingId))];
    const openings = await prisma.opening.findMany({ where: { id: { in: openingIds }, status: 'OPEN' } });
    const acceptedCounts = await prisma.application.groupBy({
      by: ['openingId'],
      where: { openingId: { in: openings.map((o) => o.id) }, status: 'ACCEPTED' },
      _count: { _all: true },
    });
    const acceptedBy = new Map(acceptedCounts.map((c) => [c.openingId, c._count._all]));
    const openingIndex = new Map(openings.map((o, j) => [o.id, j]));
    const capacities = openings.map((o) => Math.max(0, o.capacity - (acceptedBy.get(o.id) ?? 0)));

    const edges: WeightedEdge[] = [];
    const matchOf = new Map<string, MemberMatch>();
    for (const [i, m] of members.entries()) {
      for (const hit of hitsPerMember[i]!) {
        const j = openingIndex.get(hit.openingId);
        if (j === undefined) continue;
        const scored = blendScore(this.settings.scoreWeight, profileOf(m), criteriaOf(openings[j]!), hit.similarity);
        if (scored.referenceScore <= 0) continue;
        edges.push({ member: i, opening: j, weight: Math.round(scored.score * WEIGHT_SCALE) });
        matchOf.set(`${i}:${j}`, { member: m, ...scored });
      }
    }
    const { assignment } = maxWeightAssignment(members.length, capacities, edges);
    const groups = new Map<number, MemberMatch[]>();
    const unassigned: MemberModel[] = [];
    assignment.forEach((j, i) => {
      if (j === null) return void unassigned.push(members[i]!);
      const list = groups.get(j) ?? [];
      list.push(matchOf.get(`${i}:${j}`)!);
      groups.set(j, list);
    });
    const assignments = [...groups.entries()].map(([j, list]) => ({
      opening: openings[j]!,
      members: list.sort((a, b) => b.score - a.score),
      totalScore: round(list.reduce((s, m) => s + m.score, 0)),
    }));
    assignments.sort((a, b) => b.totalScore - a.totalScore);
    return {
      assignments,
      unassigned,
      totalScore: round(assignments.reduce((s, a) => s + a.totalScore, 0)),
      algorithm: 'min-cost max-flow (successive shortest paths) over members -> openings with free-seat capacities',
    };
  }
}
