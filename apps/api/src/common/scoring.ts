import { referenceScore, type MatchReason, type OpeningCriteria, type Profile, type Region, type Stack, type Tag, type Trait } from '@moim/matching';
import type { MemberModel, OpeningModel } from '@moim/db';

/** A blended score with its parts and the reasons `referenceScore` gives. */
export interface ScoredMatch {
  score: number;
  similarity: number;
  referenceScore: number;
  reasons: MatchReason[];
}

/** Stored rows hold canonical values (they were normalised on write). */
export function profileOf(m: Pick<MemberModel, 'region' | 'experienceYears' | 'stacks' | 'traits'>): Profile {
  return { region: m.region as Region, experienceYears: m.experienceYears, stacks: m.stacks as Stack[], traits: m.traits as Trait[] };
}

export function criteriaOf(o: Pick<OpeningModel, 'region' | 'minExperienceYears' | 'stacks' | 'tags'>): OpeningCriteria {
  return { region: o.region as Region, minExperienceYears: o.minExperienceYears, stacks: o.stacks as Stack[], tags: o.tags as Tag[] };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * score = w * cosine + (1 - w) * referenceScore. Cosine is clamped to [0, 1] so an unrelated pair never
 * scores below a plain rule mismatch.
 */
export function blendScore(weight: number, profile: Profile, criteria: OpeningCriteria, similarity: number): ScoredMatch {
  const ref = referenceScore(profile, criteria);
  const cos = Math.min(1, Math.max(0, similarity));
  return { score: round(weight * cos + (1 - weight) * ref.score), similarity: round(similarity), referenceScore: ref.score, reasons: ref.reasons };
}
