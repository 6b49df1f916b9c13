import { createGraphqlClient, type GraphqlClientOptions } from '@moim/graphql-client';
import {
  ApplyDocument,
  DeleteMemberDocument,
  MemberByDiscordIdDocument,
  OpeningDocument,
  ProposeTeamDocument,
  RecommendMembersDocument,
  RecommendOpeningsDocument,
  SearchOpeningsDocument,
  UpsertMemberDocument,
  VocabularyDocument,
  type MemberFieldsFragment,
  type OpeningFieldsFragment,
} from './generated/graphql';
import type { MemberView, MoimApi, OpeningView } from './types';

function member(fields: MemberFieldsFragment): MemberView {
  return { ...fields, stacks: [...fields.stacks], traits: [...fields.traits] };
}

function opening(fields: OpeningFieldsFragment): OpeningView {
  return { ...fields, stacks: [...fields.stacks], tags: [...fields.tags], createdAt: fields.createdAt ?? null };
}

/** The bot's MoimApi over GraphQL, with a BOT key; every call is a generated, typed document. */
export function createGraphqlApi(options: GraphqlClientOptions): MoimApi {
  const client = createGraphqlClient({ timeoutMs: 10_000, ...options });
  return {
    async vocabulary() {
      return (await client.request(VocabularyDocument, {})).vocabulary;
    },
    async memberByDiscordId(discordId) {
      const found = (await client.request(MemberByDiscordIdDocument, { discordId })).memberByDiscordId;
      return found ? member(found) : null;
    },
    async upsertMember(input) {
      return member((await client.request(UpsertMemberDocument, { input })).upsertMember);
    },
    async deleteMember(id) {
      await client.request(DeleteMemberDocument, { id });
    },
    async recommendOpenings({ memberId, profile, kind, first }) {
      const result = await client.request(RecommendOpeningsDocument, {
        memberId: memberId ?? null,
        profile: profile ?? null,
        filter: kind ? { kind } : null,
        first,
      });
      return result.recommendOpenings.map((match) => ({ score: match.score, reasons: match.reasons, opening: opening(match.opening) }));
    },
    async recommendMembers(openingId, first) {
      const result = await client.request(RecommendMembersDocument, { openingId, first });
      return result.recommendMembers.map((match) => ({ score: match.score, reasons: match.reasons, member: member(match.member) }));
    },
    async proposeTeam(openingId) {
      const { proposeTeam } = await client.request(ProposeTeamDocument, { openingId });
      return {
        opening: opening(proposeTeam.opening),
        totalScore: proposeTeam.totalScore,
        missingStacks: [...proposeTeam.missingStacks],
        members: proposeTeam.members.map((match) => ({ score: match.score, reasons: match.reasons, member: member(match.member) })),
      };
    },
    async apply(memberId, openingId) {
      const { apply } = await client.request(ApplyDocument, { memberId, openingId });
      return { id: apply.id, status: apply.status };
    },
    async opening(id) {
      const found = (await client.request(OpeningDocument, { id })).opening;
      return found ? opening(found) : null;
    },
    async searchOpenings(text, first) {
      const result = await client.request(SearchOpeningsDocument, { text: text || null, first });
      return result.openings.edges.map((edge) => opening(edge.node));
    },
  };
}
