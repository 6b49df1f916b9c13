import { GraphqlResponseError } from '@moim/graphql-client';
import type { OpeningKind } from '@moim/matching';
import type { LedOpeningView, MemberRef, MemberUpsert, MemberView, MoimApi, NewOpening, OpeningMatchView, OpeningView, ProfileInput, SeatRequestView, Vocabulary } from '../../src/api/types';

export const fakeVocabulary: Vocabulary = {
  regions: ['서울특별시', '경기도', '재택'],
  stacks: ['Java', 'Spring Boot', 'React', 'TypeScript'],
  traits: ['비전공자', '온라인 중심'],
  tags: ['스터디'],
};

/** The error the real API answers for a refused input, as the shared GraphQL client raises it. */
export function apiError(message: string, code: string, field: string, value: unknown, reason?: string): GraphqlResponseError {
  return new GraphqlResponseError([{ message, extensions: { code, field, value, ...(reason ? { reason } : {}) } }]);
}

/** An in-memory stand-in for unit tests of handler logic; the integration tests use the real API. */
export class FakeApi implements MoimApi {
  members = new Map<string, MemberView>();
  openings: OpeningView[] = [];
  /** Who leads an opening (by opening id); absent = no lead. */
  leads = new Map<string, MemberRef>();
  /** The DM language each upsert recorded, by Discord id. */
  locales = new Map<string, MemberUpsert['locale']>();
  applications: { memberId: string; openingId: string }[] = [];
  calls: string[] = [];
  /** The Discord ids the handler acted for, one per interaction. */
  acting: string[] = [];

  actingAs(discordId: string): MoimApi {
    this.acting.push(discordId);
    return this;
  }

  async vocabulary() {
    return fakeVocabulary;
  }
  async memberByDiscordId(discordId: string) {
    this.calls.push('memberByDiscordId');
    return [...this.members.values()].find((member) => member.discordId === discordId) ?? null;
  }
  async upsertMember(input: MemberUpsert): Promise<MemberView> {
    this.calls.push('upsertMember');
    if (new Set(input.stacks).size !== input.stacks.length) {
      throw apiError('duplicate stack', 'BAD_USER_INPUT', 'stacks[1]', input.stacks[1]);
    }
    const existing = await this.memberByDiscordId(input.discordId);
    const { notifyThreshold, locale, ...profile } = input;
    this.locales.set(input.discordId, locale);
    const member = { id: existing?.id ?? `m${this.members.size + 1}`, ...profile, notifyThreshold: notifyThreshold === undefined ? (existing?.notifyThreshold ?? null) : notifyThreshold };
    this.members.set(member.id, member);
    return member;
  }
  async deleteMember(id: string) {
    this.members.delete(id);
  }
  private score(profile: ProfileInput, opening: OpeningView) {
    const stack = opening.stacks.some((stack) => profile.stacks.includes(stack)) ? 1 : 0;
    return stack * (opening.region === profile.region ? 1 : 0.75);
  }
  async recommendOpenings(args: { memberId?: string; profile?: ProfileInput; kind?: OpeningKind; first: number }) {
    this.calls.push(`recommendOpenings:${args.memberId ? 'member' : 'profile'}:${args.first}`);
    const profile = args.profile ?? this.members.get(args.memberId!)!;
    if (args.profile && new Set(args.profile.stacks).size !== args.profile.stacks.length) {
      throw apiError('duplicate stack', 'BAD_USER_INPUT', 'profile.stacks[1]', args.profile.stacks[1]);
    }
    return this.openings
      .filter((opening) => opening.status === 'OPEN' && (!args.kind || opening.kind === args.kind))
      .map((opening): OpeningMatchView => ({ opening: { ...opening, lead: this.leads.get(opening.id) ?? null }, score: this.score(profile, opening), reasons: [{ code: 'STACK_MATCH', message: '스택 일치' }] }))
      .filter((match) => match.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, args.first);
  }
  async recommendMembers() {
    return [];
  }
  async proposeTeam(openingId: string) {
    const opening = await this.opening(openingId);
    if (!opening) throw apiError('no such opening', 'NOT_FOUND', 'openingId', openingId);
    return { opening, members: [], totalScore: 0, missingStacks: opening.stacks };
  }
  async apply(memberId: string, openingId: string) {
    const opening = await this.opening(openingId);
    if (!opening) throw apiError('no such opening', 'NOT_FOUND', 'openingId', openingId);
    if (opening.status === 'FULL') throw apiError('openingId: the opening is FULL and takes no applications', 'BAD_USER_INPUT', 'openingId', openingId, 'OPENING_FULL');
    this.applications.push({ memberId, openingId });
    return { id: `a${this.applications.length}`, status: 'APPLIED' };
  }
  async opening(id: string) {
    return this.openings.find((opening) => opening.id === id) ?? null;
  }
  async searchOpenings(text: string, first: number): Promise<LedOpeningView[]> {
    return this.openings.filter((opening) => opening.title.includes(text)).slice(0, first).map((opening) => ({ ...opening, lead: this.leads.get(opening.id) ?? null }));
  }
  async createOpening(input: NewOpening): Promise<OpeningView> {
    const opening = fakeOpening(this.openings.length + 1, { ...input, freeSeats: input.capacity });
    this.openings.push(opening);
    return opening;
  }
  private seat(id: string, openingId: string, status: string): SeatRequestView {
    const opening = this.openings.find((candidate) => candidate.id === openingId) ?? fakeOpening(0);
    return { id, status, member: { id: 'm1', displayName: '회원', discordId: null }, opening };
  }
  async decideApplication(id: string, accept: boolean) {
    return this.seat(id, 'op1', accept ? 'ACCEPTED' : 'DECLINED');
  }
  async inviteMember(openingId: string, memberId: string) {
    return this.seat(`inv-${memberId}`, openingId, 'PENDING');
  }
  async respondToInvitation(id: string, accept: boolean) {
    return this.seat(id, 'op1', accept ? 'ACCEPTED' : 'DECLINED');
  }
  async startTeam(openingId: string) {
    return (await this.opening(openingId)) ?? fakeOpening(0);
  }
  async claimNotifications() {
    return [];
  }
  async ackNotifications(ids: string[]) {
    return ids.length;
  }
  async recordTeamThread(_openingId: string, threadId: string) {
    return threadId;
  }
  async openingTeamThread() {
    return null;
  }
}

export function fakeOpening(i: number, overrides: Partial<OpeningView> = {}): OpeningView {
  return {
    id: `op${i}`,
    kind: 'PROJECT',
    title: `오프닝 ${i}`,
    region: '서울특별시',
    stacks: ['Java'],
    minExperienceYears: 1,
    tags: [],
    capacity: 3,
    freeSeats: 3,
    status: 'OPEN',
    createdAt: null,
    ...overrides,
  };
}
