import { createGraphqlClient, type GraphqlClient, type GraphqlClientOptions, type RequestExtras } from '@moim/graphql-client';
import {
  AckNotificationsDocument,
  ApplyDocument,
  ClaimNotificationsDocument,
  CreateOpeningDocument,
  DecideApplicationDocument,
  DeleteMemberDocument,
  InviteMemberDocument,
  MemberByDiscordIdDocument,
  OpeningDocument,
  OpeningTeamThreadDocument,
  ProposeTeamDocument,
  RecommendMembersDocument,
  RecommendOpeningsDocument,
  RecordTeamThreadDocument,
  RespondToInvitationDocument,
  SearchOpeningsDocument,
  StartTeamDocument,
  UpsertMemberDocument,
  VocabularyDocument,
  type MemberFieldsFragment,
  type NotificationFieldsFragment,
  type OpeningFieldsFragment,
} from './generated/graphql';
import type { MemberLocale, MemberView, MoimApi, NotificationView, OpeningView, SeatRequestView } from './types';

/** The header with which a BOT key says which Discord member a request is for. */
export const ACTING_HEADER = 'x-moim-acting-discord-id';

function member(fields: MemberFieldsFragment): MemberView {
  return { ...fields, stacks: [...fields.stacks], traits: [...fields.traits], notifyThreshold: fields.notifyThreshold ?? null };
}

function opening(fields: OpeningFieldsFragment): OpeningView {
  return { ...fields, stacks: [...fields.stacks], tags: [...fields.tags], createdAt: fields.createdAt ?? null };
}

function seatRequest(fields: { id: string; status: string; member: SeatRequestView['member']; opening: OpeningFieldsFragment }): SeatRequestView {
  return { id: fields.id, status: fields.status, member: fields.member, opening: opening(fields.opening) };
}

/** A payload the bot cannot read is an empty object: the row is still delivered from what it can say. */
function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Anything but a language the bot speaks is the default (Korean). */
function memberLocale(value: string | null | undefined): MemberLocale | null {
  return value === 'ko' || value === 'en' ? value : null;
}

function notification(fields: NotificationFieldsFragment): NotificationView {
  const { locale, ...recipient } = fields.recipient;
  return {
    id: fields.id,
    kind: fields.kind,
    recipient: { ...recipient, locale: memberLocale(locale) },
    opening: fields.opening ? { ...opening(fields.opening), teamThreadId: fields.opening.teamThreadId, lead: fields.opening.lead } : null,
    payload: parsePayload(fields.payload),
    createdAt: fields.createdAt,
  };
}

/** The bot's MoimApi over GraphQL, with a BOT key; every call is a generated, typed document. */
export function createGraphqlApi(options: GraphqlClientOptions): MoimApi {
  return bind(createGraphqlClient({ timeoutMs: 10_000, ...options }), {});
}

function bind(client: GraphqlClient, extras: RequestExtras): MoimApi {
  const call: GraphqlClient['request'] = (document, variables) => client.request(document, variables, extras);
  return {
    actingAs(discordId) {
      return bind(client, { headers: { [ACTING_HEADER]: discordId } });
    },
    async vocabulary() {
      return (await call(VocabularyDocument, {})).vocabulary;
    },
    async memberByDiscordId(discordId) {
      const found = (await call(MemberByDiscordIdDocument, { discordId })).memberByDiscordId;
      return found ? member(found) : null;
    },
    async upsertMember(input) {
      return member((await call(UpsertMemberDocument, { input })).upsertMember);
    },
    async deleteMember(id) {
      await call(DeleteMemberDocument, { id });
    },
    async recommendOpenings({ memberId, profile, kind, first }) {
      const result = await call(RecommendOpeningsDocument, {
        memberId: memberId ?? null,
        profile: profile ?? null,
        filter: kind ? { kind } : null,
        first,
      });
      return result.recommendOpenings.map((match) => ({ score: match.score, reasons: match.reasons, opening: { ...opening(match.opening), lead: match.opening.lead } }));
    },
    async recommendMembers(openingId, first) {
      const result = await call(RecommendMembersDocument, { openingId, first });
      return result.recommendMembers.map((match) => ({ score: match.score, reasons: match.reasons, member: member(match.member) }));
    },
    async proposeTeam(openingId) {
      const { proposeTeam } = await call(ProposeTeamDocument, { openingId });
      return {
        opening: opening(proposeTeam.opening),
        totalScore: proposeTeam.totalScore,
        missingStacks: [...proposeTeam.missingStacks],
        members: proposeTeam.members.map((match) => ({ score: match.score, reasons: match.reasons, member: member(match.member) })),
      };
    },
    async apply(memberId, openingId) {
      const { apply } = await call(ApplyDocument, { memberId, openingId });
      return { id: apply.id, status: apply.status };
    },
    async opening(id) {
      const found = (await call(OpeningDocument, { id })).opening;
      return found ? opening(found) : null;
    },
    async searchOpenings(text, first) {
      const result = await call(SearchOpeningsDocument, { text: text || null, first });
      return result.openings.edges.map((edge) => ({ ...opening(edge.node), lead: edge.node.lead }));
    },
    async createOpening(input) {
      return opening((await call(CreateOpeningDocument, { input: { ...input, tags: [] } })).createOpening);
    },
    async decideApplication(id, accept) {
      return seatRequest((await call(DecideApplicationDocument, { id, accept })).decideApplication);
    },
    async inviteMember(openingId, memberId) {
      return seatRequest((await call(InviteMemberDocument, { openingId, memberId })).inviteMember);
    },
    async respondToInvitation(id, accept) {
      return seatRequest((await call(RespondToInvitationDocument, { id, accept })).respondToInvitation);
    },
    async startTeam(openingId) {
      return opening((await call(StartTeamDocument, { openingId })).startTeam);
    },
    async claimNotifications(limit, leaseSeconds) {
      return (await call(ClaimNotificationsDocument, { limit, leaseSeconds })).claimNotifications.map(notification);
    },
    async ackNotifications(ids) {
      return (await call(AckNotificationsDocument, { ids })).ackNotifications;
    },
    async recordTeamThread(openingId, threadId) {
      return (await call(RecordTeamThreadDocument, { openingId, threadId })).recordTeamThread.teamThreadId;
    },
    async openingTeamThread(openingId) {
      return (await call(OpeningTeamThreadDocument, { id: openingId })).opening?.teamThreadId ?? null;
    },
  };
}
