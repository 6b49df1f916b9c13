// Random profiles and openings. A "theme" (a couple of stack families and regions) makes a block's
// profiles and openings overlap often enough that its label matrix is not almost all zeros.
import {
  REGIONS,
  REMOTE_REGION,
  STACK_FAMILIES,
  STACKS,
  TAGS,
  TRAITS,
  normalizeProfile,
  type OpeningCriteria,
  type Profile,
  type Region,
  type Stack,
} from '@moim/matching';
import type { Rng } from '@moim/matching';

export interface Theme {
  stacks: readonly Stack[];
  regions: readonly Region[];
  /** Probability that a stack / region is drawn from the theme instead of uniformly. */
  focus: number;
}

/** Years 0..7: the sentences cannot tell 7 from more, so larger values would only duplicate sentences. */
const MAX_YEARS = 7;

export function uniformTheme(): Theme {
  return { stacks: STACKS, regions: REGIONS, focus: 0 };
}

export function randomTheme(rng: Rng): Theme {
  const families = rng.sample(STACK_FAMILIES, rng.chance(0.6) ? 1 : 2);
  const stacks = [...new Set(families.flatMap((f) => f.stacks))];
  const regions = [...rng.sample(REGIONS.filter((r) => r !== REMOTE_REGION), 1 + rng.int(3)), REMOTE_REGION];
  return { stacks, regions, focus: 0.5 + 0.4 * rng.next() };
}

function drawDistinct<T>(rng: Rng, count: number, draw: () => T): T[] {
  const out = new Set<T>();
  for (let guard = 0; out.size < count && guard < 100; guard++) out.add(draw());
  return [...out];
}

function stacksFor(rng: Rng, theme: Theme, count: number): Stack[] {
  return drawDistinct(rng, count, () => (rng.chance(theme.focus) ? rng.pick(theme.stacks) : rng.pick(STACKS)));
}

function regionFor(rng: Rng, theme: Theme): Region {
  return rng.chance(theme.focus) ? rng.pick(theme.regions) : rng.pick(REGIONS);
}

// Mostly one stack, as in the seed card's data (every seed sentence has one); multi-stack records stay common enough to learn.
const STACK_COUNTS = [[1, 60], [2, 27], [3, 10], [4, 3]] as const;
const EXTRA_COUNTS = [[0, 20], [1, 35], [2, 30], [3, 15]] as const;

export function sampleProfile(rng: Rng, theme: Theme): Profile {
  // normalizeProfile validates the draw (duplicates, bounds) exactly like user input.
  return normalizeProfile({
    region: regionFor(rng, theme),
    experienceYears: rng.int(MAX_YEARS + 1),
    stacks: stacksFor(rng, theme, rng.weighted(STACK_COUNTS)),
    traits: rng.sample(TRAITS, rng.weighted(EXTRA_COUNTS)),
  });
}

export function sampleOpening(rng: Rng, theme: Theme): OpeningCriteria {
  return {
    region: rng.chance(0.1) ? REMOTE_REGION : regionFor(rng, theme),
    minExperienceYears: rng.chance(0.1) ? 0 : 1 + rng.int(MAX_YEARS),
    stacks: stacksFor(rng, theme, rng.weighted(STACK_COUNTS.slice(0, 3))),
    tags: rng.sample(TAGS, rng.weighted(EXTRA_COUNTS)),
  };
}
