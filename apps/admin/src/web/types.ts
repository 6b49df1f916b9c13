// Shapes of the API answers the console reads (a subset of apps/api's schema).

export type OpeningStatus = 'OPEN' | 'FULL' | 'CLOSED';
export type OpeningKind = 'PROJECT' | 'STUDY';

export interface OpeningRow {
  id: string;
  externalId: string | null;
  kind: OpeningKind;
  title: string;
  description?: string;
  region: string;
  stacks: string[];
  minExperienceYears: number;
  tags: string[];
  capacity: number;
  status: OpeningStatus;
  freeSeats: number;
  acceptedCount: number;
  applicationCount: number;
}

export interface ImportErrorRow {
  index: number;
  field: string;
  message: string;
}

export interface ImportJob {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  error: string | null;
  errors: ImportErrorRow[];
}

export interface MemberSummary {
  id: string;
  displayName: string;
  region: string;
  experienceYears: number;
  stacks: string[];
}

export interface MemberMatch {
  member: MemberSummary;
  score: number;
  similarity: number;
  reasons: { code: string; message: string }[];
}

export interface TeamProposal {
  totalScore: number;
  members: MemberMatch[];
  coveredStacks: string[];
  missingStacks: string[];
}

export interface ReembedJob {
  id: string;
  status: string;
  modelId: string;
  previousModelId: string;
  total: number;
  processed: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export type ViewerRole = 'ANONYMOUS' | 'BOT' | 'ADMIN';
