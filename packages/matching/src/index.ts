export {
  REGIONS,
  STACKS,
  TRAITS,
  TAGS,
  OPENING_KINDS,
  STACK_FAMILIES,
  REMOTE_REGION,
  VOCABULARY,
  type Region,
  type Stack,
  type Trait,
  type Tag,
  type OpeningKind,
  type StackFamily,
} from './vocabulary';
export type { Profile, OpeningCriteria, Member, Opening, ProfileInput, MemberInput, OpeningInput } from './types';
export {
  MatchingInputError,
  MATCHING_ERROR_REASONS,
  koreanMessage,
  type MatchingErrorReason,
} from './errors';
export {
  foldKey,
  lookupRegion,
  lookupStack,
  lookupTrait,
  lookupTag,
  lookupOpeningKind,
  isRegion,
  isStack,
  isTrait,
  isTag,
  isRelatedStack,
  stackSimilarity,
} from './lookup';
export { requireWellFormed } from './validate';
export {
  LIMITS,
  DISCORD_ID_PATTERN,
  EXTERNAL_ID_PATTERN,
  normalizeProfile,
  normalizeMember,
  normalizeOpening,
  normalizeRegion,
  normalizeStack,
  normalizeTrait,
  normalizeTag,
  normalizeOpeningKind,
} from './normalize';
export {
  EXPERIENCE_CAP,
  experienceLabel,
  minExperienceLabel,
  yearsLabel,
  parseExperienceLabel,
  parseMinExperienceLabel,
} from './experience';
export {
  renderProfileSentence,
  renderOpeningSentence,
  parseProfileSentence,
  parseOpeningSentence,
} from './sentences';
export {
  referenceScore,
  scoreTerms,
  regionMatches,
  experienceMet,
  combineTerms,
  BONUS_TAGS,
  BONUS_PER_TAG,
  BONUS_CAP,
  CS_MAJOR_REQUIRED_TAG,
  NON_MAJOR_TRAIT,
  MATCH_REASON_CODES,
  SCORE_DECIMALS,
  type MatchReason,
  type MatchReasonCode,
  type ScoreTerms,
} from './score';
export {
  UPLOAD_COLUMNS,
  REQUIRED_UPLOAD_COLUMNS,
  LIST_UPLOAD_COLUMNS,
  UPLOAD_LIST_SEPARATOR,
  isUploadColumn,
  splitUploadList,
  type UploadColumn,
} from './upload-columns';
export { createRng, randomProfile, randomOpeningCriteria, type Rng } from './random';
