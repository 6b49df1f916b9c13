/** The bot's view of the Moim API: only what the handlers need, in plain shapes. */
export type OpeningKind = 'PROJECT' | 'STUDY';

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

export interface MemberView extends ProfileInput {
  id: string;
  displayName: string;
  discordId: string | null;
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

export interface Reason {
  code: string;
  message: string;
}

export interface OpeningMatchView {
  opening: OpeningView;
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

export interface RecommendOpeningsArgs {
  memberId?: string;
  profile?: ProfileInput;
  kind?: OpeningKind;
  first: number;
}

export interface MoimApi {
  vocabulary(): Promise<Vocabulary>;
  memberByDiscordId(discordId: string): Promise<MemberView | null>;
  upsertMember(input: ProfileInput & { displayName: string; discordId: string }): Promise<MemberView>;
  deleteMember(id: string): Promise<void>;
  recommendOpenings(args: RecommendOpeningsArgs): Promise<OpeningMatchView[]>;
  recommendMembers(openingId: string, first: number): Promise<MemberMatchView[]>;
  proposeTeam(openingId: string): Promise<TeamProposalView>;
  apply(memberId: string, openingId: string): Promise<ApplicationView>;
  opening(id: string): Promise<OpeningView | null>;
  searchOpenings(text: string, first: number): Promise<OpeningView[]>;
}
