// Non-canonical rewrites of profile/opening sentences that mean the same thing: vocabulary aliases
// (경북 ~ 경상북도, 자바 ~ Java, 스프링부트 ~ Spring Boot), spacing (3년 차 ~ 3년차), free order of
// stacks/extras/tags, dropped `. 추가:` tail, and light rewording of the fixed template words.
import {
  VOCABULARY,
  experienceLabel,
  minExperienceLabel,
  type OpeningCriteria,
  type Profile,
} from '@moim/matching';
import type { Rng } from '@moim/matching';

export interface Variant {
  text: string;
  /** The variant drops information (the `. 추가:`/`. 특이사항:` tail), so it gets no cross-pair labels. */
  lossy: boolean;
}

function invert(aliases: Record<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [alias, canonical] of Object.entries(aliases)) out.set(canonical, [...(out.get(canonical) ?? []), alias]);
  return out;
}

const REGION_ALIASES = invert(VOCABULARY.aliases.region);
const STACK_ALIASES = invert(VOCABULARY.aliases.stack);
const TRAIT_ALIASES = invert(VOCABULARY.aliases.trait);
const TAG_ALIASES = invert(VOCABULARY.aliases.tag);

/** Aliases are stored folded (lower case); people write `spring boot` and `Spring boot` alike. */
function aliasSpelling(rng: Rng, canonical: string, table: Map<string, string[]>): string | undefined {
  const options = (table.get(canonical) ?? []).flatMap((a) => (/^[a-z]/.test(a) ? [a, a[0]!.toUpperCase() + a.slice(1)] : [a]));
  const different = options.filter((o) => o !== canonical);
  return different.length > 0 ? rng.pick(different) : undefined;
}

function spacedExperience(label: string): string {
  return label.replace(/(\d+)년차/, '$1년 차').replace('1년 이하', '1년이하');
}

function reorder<T>(rng: Rng, items: T[]): T[] | undefined {
  if (items.length < 2) return undefined;
  for (let i = 0; i < 5; i++) {
    const shuffled = rng.shuffle(items);
    if (shuffled.some((x, j) => x !== items[j])) return shuffled;
  }
  return undefined;
}

function replaceOne(rng: Rng, items: string[], table: Map<string, string[]>): string[] | undefined {
  const candidates = items.map((item, i) => [i, aliasSpelling(rng, item, table)] as const).filter(([, a]) => a !== undefined);
  if (candidates.length === 0) return undefined;
  const out = [...items];
  const count = 1 + rng.int(candidates.length);
  for (const [i, alias] of rng.sample(candidates, count)) out[i] = alias!;
  return out;
}

interface ProfileParts {
  region: string;
  reside: string;
  experience: string;
  stackLabel: string;
  stacks: string[];
  extraLabel: string;
  traits: string[];
  separator: string;
  dropTail: boolean;
}

function renderProfileParts(p: ProfileParts): string {
  const head = `${p.region}${p.reside}, ${p.experience} 개발자, ${p.stackLabel}: ${p.stacks.join(p.separator)}`;
  return p.traits.length > 0 && !p.dropTail ? `${head}. ${p.extraLabel}: ${p.traits.join(p.separator)}` : head;
}

type Edit<T> = (rng: Rng, parts: T) => T | undefined;

const PROFILE_EDITS: Edit<ProfileParts>[] = [
  (rng, p) => {
    const region = aliasSpelling(rng, p.region, REGION_ALIASES);
    return region ? { ...p, region } : undefined;
  },
  (rng, p) => {
    const stacks = replaceOne(rng, p.stacks, STACK_ALIASES);
    return stacks ? { ...p, stacks } : undefined;
  },
  (rng, p) => {
    const stacks = replaceOne(rng, p.stacks, STACK_ALIASES);
    return stacks ? { ...p, stacks } : undefined;
  },
  (_rng, p) => {
    const experience = spacedExperience(p.experience);
    return experience !== p.experience ? { ...p, experience } : undefined;
  },
  (rng, p) => {
    const stacks = reorder(rng, p.stacks);
    return stacks ? { ...p, stacks } : undefined;
  },
  (rng, p) => {
    const traits = reorder(rng, p.traits);
    return traits ? { ...p, traits } : undefined;
  },
  (rng, p) => {
    const traits = replaceOne(rng, p.traits, TRAIT_ALIASES);
    return traits ? { ...p, traits } : undefined;
  },
  (_rng, p) => (p.traits.length > 0 && !p.dropTail ? { ...p, dropTail: true } : undefined),
  (rng, p) => ({ ...p, separator: rng.pick([',', ' , ', ' / ']) }),
  (rng, p) => ({ ...p, reside: rng.pick([' 거주자', '에 거주', ' 살고 있는']) }),
  (rng, p) => ({ ...p, stackLabel: rng.pick(['기술 스택', '사용 스택', '주 스택']) }),
  (rng, p) => (p.traits.length > 0 ? { ...p, extraLabel: rng.pick(['기타', '특징', '참고']) } : undefined),
];

interface OpeningParts {
  region: string;
  kindPhrase: string;
  stackLabel: string;
  stacks: string[];
  experienceLabel: string;
  minExperience: string;
  tagLabel: string;
  tags: string[];
  separator: string;
  dropTail: boolean;
}

function renderOpeningParts(o: OpeningParts): string {
  const head =
    `${o.region} ${o.kindPhrase}, ${o.stackLabel}: ${o.stacks.join(o.separator)}, ` +
    `${o.experienceLabel}: ${o.minExperience}`;
  return o.tags.length > 0 && !o.dropTail ? `${head}. ${o.tagLabel}: ${o.tags.join(o.separator)}` : head;
}

const OPENING_EDITS: Edit<OpeningParts>[] = [
  (rng, o) => {
    const region = aliasSpelling(rng, o.region, REGION_ALIASES);
    return region ? { ...o, region } : undefined;
  },
  (rng, o) => {
    const stacks = replaceOne(rng, o.stacks, STACK_ALIASES);
    return stacks ? { ...o, stacks } : undefined;
  },
  (rng, o) => {
    const stacks = replaceOne(rng, o.stacks, STACK_ALIASES);
    return stacks ? { ...o, stacks } : undefined;
  },
  (_rng, o) => {
    const minExperience = spacedExperience(o.minExperience);
    return minExperience !== o.minExperience ? { ...o, minExperience } : undefined;
  },
  (rng, o) => {
    const stacks = reorder(rng, o.stacks);
    return stacks ? { ...o, stacks } : undefined;
  },
  (rng, o) => {
    const tags = reorder(rng, o.tags);
    return tags ? { ...o, tags } : undefined;
  },
  (rng, o) => {
    const tags = replaceOne(rng, o.tags, TAG_ALIASES);
    return tags ? { ...o, tags } : undefined;
  },
  (_rng, o) => (o.tags.length > 0 && !o.dropTail ? { ...o, dropTail: true } : undefined),
  (rng, o) => ({ ...o, separator: rng.pick([',', ' , ', ' / ']) }),
  (rng, o) => ({ ...o, kindPhrase: rng.pick(['지역 팀 프로젝트', '지역 프로젝트 모집', '프로젝트']) }),
  (rng, o) => ({ ...o, stackLabel: rng.pick(['필요 스택', '기술 스택', '스택']) }),
  (rng, o) => ({ ...o, experienceLabel: rng.pick(['요구 경력', '경력']) }),
  (rng, o) => (o.tags.length > 0 ? { ...o, tagLabel: rng.pick(['참고', '기타', '특이 사항']) } : undefined),
];

function applyEdits<T extends { dropTail: boolean }>(
  rng: Rng,
  base: T,
  edits: Edit<T>[],
  render: (parts: T) => string,
  canonical: string,
): Variant | undefined {
  for (let attempt = 0; attempt < 10; attempt++) {
    let parts = base;
    const count = 1 + rng.int(3);
    for (const edit of rng.sample(edits, count)) parts = edit(rng, parts) ?? parts;
    const text = render(parts);
    if (text !== canonical) return { text, lossy: parts.dropTail };
  }
  return undefined;
}

export function profileVariant(rng: Rng, p: Profile, canonical: string): Variant | undefined {
  const base: ProfileParts = {
    region: p.region,
    reside: ' 거주',
    experience: experienceLabel(p.experienceYears),
    stackLabel: '스택',
    stacks: [...p.stacks],
    extraLabel: '추가',
    traits: [...p.traits],
    separator: ', ',
    dropTail: false,
  };
  return applyEdits(rng, base, PROFILE_EDITS, renderProfileParts, canonical);
}

export function openingVariant(rng: Rng, o: OpeningCriteria, canonical: string): Variant | undefined {
  const base: OpeningParts = {
    region: o.region,
    kindPhrase: '지역 프로젝트',
    stackLabel: '요구 스택',
    stacks: [...o.stacks],
    experienceLabel: '필요 경력',
    minExperience: minExperienceLabel(o.minExperienceYears),
    tagLabel: '특이사항',
    tags: [...o.tags],
    separator: ', ',
    dropTail: false,
  };
  return applyEdits(rng, base, OPENING_EDITS, renderOpeningParts, canonical);
}

/** Up to `count` distinct variants (fewer when the sentence has few ways to vary). */
export function distinctVariants(
  make: () => Variant | undefined,
  count: number,
  accept: (v: Variant) => boolean,
): Variant[] {
  const out = new Map<string, Variant>();
  for (let guard = 0; out.size < count && guard < count * 10; guard++) {
    const v = make();
    if (v && accept(v)) out.set(v.text, v);
  }
  return [...out.values()];
}
