/** Years from which the sentence vocabulary stops distinguishing: everything ≥ 7 reads `7년차 이상`. */
export const EXPERIENCE_CAP = 7;

/** Member experience as in the spec sentences: 0 → `1년 이하`, 1..6 → `N년차`, ≥ 7 → `7년차 이상`. */
export function experienceLabel(years: number): string {
  if (years <= 0) return '1년 이하';
  if (years >= EXPERIENCE_CAP) return `${EXPERIENCE_CAP}년차 이상`;
  return `${years}년차`;
}

/**
 * Opening minimum as in the spec sentences, the part after `필요 경력: `:
 * 0 → `무관`, 1..6 → `N년차 이상`, ≥ 7 → `7년차 이상` (never the seed's `7년차 이상 이상`).
 */
export function minExperienceLabel(minYears: number): string {
  if (minYears <= 0) return '무관';
  return `${Math.min(minYears, EXPERIENCE_CAP)}년차 이상`;
}

/** Years in match-reason messages, uncapped: 0 → `1년 이하`, N → `N년차`. */
export function yearsLabel(years: number): string {
  return years <= 0 ? '1년 이하' : `${years}년차`;
}

/** Inverse of experienceLabel; undefined for anything else. */
export function parseExperienceLabel(label: string): number | undefined {
  if (label === '1년 이하') return 0;
  if (label === `${EXPERIENCE_CAP}년차 이상`) return EXPERIENCE_CAP;
  const match = /^([1-6])년차$/.exec(label);
  return match ? Number(match[1]) : undefined;
}

/** Inverse of minExperienceLabel, also accepting the seed's glitch `7년차 이상 이상` (= 7). */
export function parseMinExperienceLabel(label: string): number | undefined {
  if (label === '무관') return 0;
  if (label === `${EXPERIENCE_CAP}년차 이상 이상`) return EXPERIENCE_CAP;
  const match = /^([1-7])년차 이상$/.exec(label);
  return match ? Number(match[1]) : undefined;
}
