import {
  OPENING_KINDS,
  REGIONS,
  STACK_FAMILIES,
  STACKS,
  TAGS,
  TRAITS,
  VOCABULARY,
  type OpeningKind,
  type Region,
  type Stack,
  type Tag,
  type Trait,
} from './vocabulary';

/**
 * Folds user text to a lookup key: NFKC (full-width latin to ASCII, Korean to composed form), lower case,
 * whitespace and punctuation removed. "Spring-Boot", " spring boot " and "ＳｐｒｉｎｇＢｏｏｔ" fold alike.
 */
export function foldKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');
}

function buildIndex<T extends string>(
  namespace: string,
  canonical: readonly T[],
  aliases: Record<string, T>,
): ReadonlyMap<string, T> {
  const index = new Map<string, T>();
  const add = (text: string, value: T) => {
    const key = foldKey(text);
    const existing = index.get(key);
    if (key === '' || (existing !== undefined && existing !== value)) {
      throw new Error(`vocabulary: ${namespace} alias "${text}" folds to "${key}", already used by "${existing}"`);
    }
    index.set(key, value);
  };
  for (const value of canonical) add(value, value);
  for (const [alias, value] of Object.entries(aliases)) {
    if (!canonical.includes(value)) throw new Error(`vocabulary: ${namespace} alias "${alias}" points to unknown "${value}"`);
    add(alias, value);
  }
  return index;
}

const REGION_INDEX = buildIndex('region', REGIONS, VOCABULARY.aliases.region);
const STACK_INDEX = buildIndex('stack', STACKS, VOCABULARY.aliases.stack);
const TRAIT_INDEX = buildIndex('trait', TRAITS, VOCABULARY.aliases.trait);
const TAG_INDEX = buildIndex('tag', TAGS, VOCABULARY.aliases.tag);
const KIND_INDEX = buildIndex('kind', OPENING_KINDS, VOCABULARY.aliases.kind);

/** Canonical region for a name or alias (`서울` → `서울특별시`, `remote` → `재택`), else undefined. */
export const lookupRegion = (text: string): Region | undefined => REGION_INDEX.get(foldKey(text));
/** Canonical stack for a name or alias (`springboot` → `Spring Boot`), else undefined. */
export const lookupStack = (text: string): Stack | undefined => STACK_INDEX.get(foldKey(text));
/** Canonical member trait (`비전공` → `비전공자`, `온라인` → `온라인 중심`), else undefined. */
export const lookupTrait = (text: string): Trait | undefined => TRAIT_INDEX.get(foldKey(text));
/** Canonical opening tag (`프로젝트` → `프로젝트 중심`), else undefined. */
export const lookupTag = (text: string): Tag | undefined => TAG_INDEX.get(foldKey(text));
/** Canonical opening kind (`스터디`, `study` → `STUDY`), else undefined. */
export const lookupOpeningKind = (text: string): OpeningKind | undefined => KIND_INDEX.get(foldKey(text));

const has = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export const isRegion = (value: unknown): value is Region => has(REGIONS, value);
export const isStack = (value: unknown): value is Stack => has(STACKS, value);
export const isTrait = (value: unknown): value is Trait => has(TRAITS, value);
export const isTag = (value: unknown): value is Tag => has(TAGS, value);

/** True when a and b are different stacks in a common family (spec §2). A stack is not related to itself. */
export function isRelatedStack(a: Stack, b: Stack): boolean {
  return a !== b && STACK_FAMILIES.some((family) => family.stacks.includes(a) && family.stacks.includes(b));
}

/** Per-pair stack term of the reference score: 1 same, 0.75 related, 0 otherwise. */
export function stackSimilarity(a: Stack, b: Stack): 1 | 0.75 | 0 {
  if (a === b) return 1;
  return isRelatedStack(a, b) ? 0.75 : 0;
}
