/** The bot's view of the Moim API: only what the handlers need, in plain shapes. */
import type { OpeningKind } from '@moim/matching';

export type { OpeningKind };

/** The languages the API keeps for a member's DMs. */
export type MemberLocale = 'ko' | 'en';

export interface Vocabulary {
  regions: readonly string[];
  stacks: readonly string[];
  traits: readonly string[];
  tags: readonly string[];
}

export interface ProfileInput {
  region: string;
  experienceYears: number;
  stacks: string[];
  traits: string[];
}

/** Who a member is, without their profile. */
export interface MemberRef {
  id: string;
  displayName: string;
  discordId: string | null;
}

export interface MemberView extends ProfileInput, MemberRef {
  /** New-match DMs for openings scoring at least this (0..1); null = off. */
  notifyThreshold: number | null;
}

export interface OpeningView {
  id: string;
  kind: OpeningKind;
  title: string;
  region: string;
  stacks: string[];
  minExperienceYears: number;
  tags: string[];
  capacity: number;
  freeSeats: number;
  status: 'OPEN' | 'FULL' | 'CLOSED';
  createdAt: string | null;
}

/** An opening with who leads it (search results for /team). */
export interface LedOpeningView extends OpeningView {
  lead: MemberRef | null;
}

export interface Reason {
  code: string;
  message: string;
}

export interface OpeningMatchView {
  /** With its lead: only the lead gets the buttons that are the lead's (similar members). */
  opening: LedOpeningView;
  score: number;
  reasons: Reason[];
}

export interface MemberMatchView {
  member: MemberView;
  score: number;
  reasons: Reason[];
}

export interface TeamProposalView {
  opening: OpeningView;
  members: MemberMatchView[];
  totalScore: number;
  /** Required stacks nobody proposed has. */
  missingStacks: string[];
}

export interface ApplicationView {
  id: string;
  status: string;
}

/** An application or invitation after a decision: whose it is and for which opening. */
export interface SeatRequestView {
  id: string;
  status: string;
  member: MemberRef;
  opening: OpeningView;
}

/** What `/open` sends; kind and region come from the command's options, the rest from its form. */
export interface NewOpening {
  kind: OpeningKind;
  region: string;
  title: string;
  stacks: string[];
  minExperienceYears: number;
  capacity: number;
  description: string;
}

export type NotificationKind =
  | 'APPLICATION_RECEIVED'
  | 'APPLICATION_DECIDED'
  | 'INVITATION_RECEIVED'
  | 'INVITATION_ANSWERED'
  | 'NEW_MATCH'
  | 'TEAM_FORMED'
  | 'SEAT_FREED'
  | 'SEAT_REQUEST_CLOSED';

/** One outbox row as claimed; `payload` is the parsed JSON object (fields per kind: see the API's NotificationKind). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** `locale`: the recipient's DM language as the API keeps it (null: Korean, the default). */
  recipient: MemberRef & { locale: MemberLocale | null };
  opening: (OpeningView & { teamThreadId: string | null; lead: MemberRef | null }) | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface RecommendOpeningsArgs {
  memberId?: string;
  profile?: ProfileInput;
  kind?: OpeningKind;
  first: number;
}

export interface MemberUpsert extends ProfileInput {
  displayName: string;
  discordId: string;
  /** 0..1, or null to turn new-match DMs off; undefined leaves it unchanged. */
  notifyThreshold?: number | null;
  /** The language of the member's DMs: the Discord client's where the member acted. */
  locale: MemberLocale;
}

export interface MoimApi {
  /**
   * The same API acting for one Discord member: every request carries `x-moim-acting-discord-id`, so the API
   * decides what that member may do (lead, applicant, invitee). The handler gives each interaction its own.
   */
  actingAs(discordId: string): MoimApi;
  vocabulary(): Promise<Vocabulary>;
  memberByDiscordId(discordId: string): Promise<MemberView | null>;
  upsertMember(input: MemberUpsert): Promise<MemberView>;
  deleteMember(id: string): Promise<void>;
  recommendOpenings(args: RecommendOpeningsArgs): Promise<OpeningMatchView[]>;
  recommendMembers(openingId: string, first: number): Promise<MemberMatchView[]>;
  proposeTeam(openingId: string): Promise<TeamProposalView>;
  apply(memberId: string, openingId: string): Promise<ApplicationView>;
  opening(id: string): Promise<OpeningView | null>;
  searchOpenings(text: string, first: number): Promise<LedOpeningView[]>;
  /** With an acting member, who becomes its lead. */
  createOpening(input: NewOpening): Promise<OpeningView>;
  decideApplication(id: string, accept: boolean): Promise<SeatRequestView>;
  inviteMember(openingId: string, memberId: string): Promise<SeatRequestView>;
  respondToInvitation(id: string, accept: boolean): Promise<SeatRequestView>;
  startTeam(openingId: string): Promise<OpeningView>;
  /** The outbox: lease up to `limit` undelivered rows for `leaseSeconds`. */
  claimNotifications(limit: number, leaseSeconds: number): Promise<NotificationView[]>;
  ackNotifications(ids: string[]): Promise<number>;
  /** Returns the thread id the opening ends up with: ours, or the one recorded first. */
  recordTeamThread(openingId: string, threadId: string): Promise<string | null>;
  /** The team thread recorded for an opening, if any. */
  openingTeamThread(openingId: string): Promise<string | null>;
}
