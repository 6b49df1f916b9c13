import type { OpeningKind, Region, Stack, Tag, Trait } from './vocabulary';

/** A member's matchable facts, canonical. Stacks/traits keep the member's order. */
export interface Profile {
  region: Region;
  experienceYears: number;
  stacks: Stack[];
  traits: Trait[];
}

/** An opening's matchable facts, canonical. */
export interface OpeningCriteria {
  region: Region;
  minExperienceYears: number;
  stacks: Stack[];
  tags: Tag[];
}

export interface Member extends Profile {
  displayName: string;
  discordId: string | null;
}

export interface Opening extends OpeningCriteria {
  externalId: string | null;
  kind: OpeningKind;
  title: string;
  description: string;
  capacity: number;
}

/** Raw profile input (user or API text); aliases and any case accepted. */
export interface ProfileInput {
  region: string;
  experienceYears: number;
  stacks: string[];
  traits?: string[] | null;
}

export interface MemberInput extends ProfileInput {
  displayName: string;
  discordId?: string | null;
}

export interface OpeningInput {
  externalId?: string | null;
  kind: string;
  title: string;
  description?: string | null;
  region: string;
  stacks: string[];
  minExperienceYears: number;
  tags?: string[] | null;
  capacity: number;
}
