import type { MatchReason } from '@moim/matching';

// Parent types for resolvers (see codegen.ts): rows as stored, plus computed results.
export type OpeningKindValue = 'PROJECT' | 'STUDY';
export type OpeningStatusValue = 'OPEN' | 'FULL' | 'CLOSED';
export type ApplicationStatusValue = 'APPLIED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';

export interface MemberParent {
  id: string;
  discordId: string | null;
  displayName: string;
  region: string;
  experienceYears: number;
  stacks: string[];
  traits: string[];
  sentence: string;
  notifyThreshold: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OpeningParent {
  id: string;
  externalId: string | null;
  kind: OpeningKindValue;
  title: string;
  description: string;
  region: string;
  stacks: string[];
  minExperienceYears: number;
  tags: string[];
  capacity: number;
  status: OpeningStatusValue;
  sentence: string;
  leadId: string | null;
  teamThreadId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApplicationParent {
  id: string;
  memberId: string;
  openingId: string;
  status: ApplicationStatusValue;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScoredMatch {
  score: number;
  similarity: number;
  referenceScore: number;
  reasons: MatchReason[];
}

export interface OpeningMatchParent extends ScoredMatch {
  opening: OpeningParent;
}

export interface MemberMatchParent extends ScoredMatch {
  member: MemberParent;
}

export interface TeamProposalParent {
  opening: OpeningParent;
  members: MemberMatchParent[];
  totalScore: number;
  coveredStacks: string[];
  missingStacks: string[];
}

export interface TeamAssignmentParent {
  opening: OpeningParent;
  members: MemberMatchParent[];
  totalScore: number;
}

export interface TeamFormationParent {
  assignments: TeamAssignmentParent[];
  unassigned: MemberParent[];
  totalScore: number;
  algorithm: string;
}

export interface ImportErrorRow {
  index: number;
  field: string;
  message: string;
}

export interface ImportJobParent {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  total: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  errors: unknown;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ReembedJobParent {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  modelId: string;
  previousModelId: string;
  total: number;
  processed: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ApiKeyParent {
  id: string;
  name: string;
  role: 'ADMIN' | 'BOT';
  createdAt: Date;
}
