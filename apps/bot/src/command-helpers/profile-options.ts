import { lookupRegion, lookupStack, lookupTrait } from '@moim/matching';
import type { SlashCommandIntegerOption, SlashCommandStringOption } from 'discord.js';
import type { ProfileInput, Vocabulary } from '../api/types';
import type { Choice, OptionReader } from '../interactions/context';
import { missingOption } from '../interactions/errors';
import { LIMITS, truncate } from '../render/limits';

export const STACK_OPTIONS = ['stack', 'stack2', 'stack3'] as const;
export const EXTRA_OPTIONS = ['extra', 'extra2', 'extra3'] as const;

/** Any builder that takes options (a command or a subcommand); builders mutate in place. */
interface OptionHost {
  addStringOption(input: (option: SlashCommandStringOption) => SlashCommandStringOption): unknown;
  addIntegerOption(input: (option: SlashCommandIntegerOption) => SlashCommandIntegerOption): unknown;
}

/** Adds region / years / stack* / extra* options; `required` makes the first three mandatory (/profile set). */
export function addProfileOptions<T extends OptionHost>(builder: T, required: boolean): T {
  builder.addStringOption((o) =>
      o.setName('region').setDescription('지역 (예: 서울특별시, 재택)').setDescriptionLocalization('en-US', 'Region (e.g. 서울특별시, 재택 = remote)')
        .setRequired(required).setAutocomplete(true).setMaxLength(40));
  builder.addIntegerOption((o) =>
      o.setName('years').setDescription('개발 경력 (년, 0–50)').setDescriptionLocalization('en-US', 'Years of experience (0–50)')
        .setRequired(required).setMinValue(0).setMaxValue(50));
  builder.addStringOption((o) =>
      o.setName('stack').setDescription('주 기술 스택').setDescriptionLocalization('en-US', 'Main tech stack')
        .setRequired(required).setAutocomplete(true).setMaxLength(40));
  for (const name of ['stack2', 'stack3'] as const) {
    builder.addStringOption((o) =>
      o.setName(name).setDescription('추가 기술 스택').setDescriptionLocalization('en-US', 'Another tech stack').setAutocomplete(true).setMaxLength(40));
  }
  for (const name of EXTRA_OPTIONS) {
    builder.addStringOption((o) =>
      o.setName(name).setDescription('추가 정보 (예: 비전공자, 온라인 중심)').setDescriptionLocalization('en-US', 'Extra trait (e.g. 비전공자 = non-CS major)')
        .setAutocomplete(true).setMaxLength(40));
  }
  return builder;
}

/**
 * Folds a typed value to its canonical vocabulary name: aliases through @moim/matching's lookup (서울 → 서울특별시,
 * springboot → Spring Boot), else any case of a name in the API's list. Button ids encode canonical names only,
 * so this keeps 더 보기 / 저장 working for typed aliases. Anything else (a typo) goes to the API as typed: it
 * names bad values.
 */
export function canonical(list: readonly string[], value: string, lookup: (text: string) => string | undefined): string {
  const trimmed = value.trim();
  const known = lookup(trimmed);
  if (known !== undefined && list.includes(known)) return known;
  const folded = trimmed.toLowerCase();
  return list.find((item) => item.toLowerCase() === folded) ?? trimmed;
}

export interface ProfileOptions {
  region: string | null;
  experienceYears: number | null;
  stacks: string[];
  traits: string[];
  /** True when the member typed at least one profile option. */
  any: boolean;
}

/** Reads profile options, folding each to its canonical vocabulary name where it has one. */
export function readProfileOptions(options: OptionReader, vocabulary: Vocabulary): ProfileOptions {
  const regionText = options.string('region');
  const region = regionText === null ? null : canonical(vocabulary.regions, regionText, lookupRegion);
  const experienceYears = options.integer('years');
  const stacks: string[] = [];
  for (const name of STACK_OPTIONS) {
    const value = options.string(name);
    if (value !== null) stacks.push(canonical(vocabulary.stacks, value, lookupStack));
  }
  const traits: string[] = [];
  for (const name of EXTRA_OPTIONS) {
    const value = options.string(name);
    if (value !== null) traits.push(canonical(vocabulary.traits, value, lookupTrait));
  }
  const any = region !== null || experienceYears !== null || stacks.length > 0 || traits.length > 0;
  return { region, experienceYears, stacks, traits, any };
}

/** Fills what the member left out from their saved profile; fails naming the first option still missing. */
export function completeProfile(options: ProfileOptions, saved: ProfileInput | null): ProfileInput {
  const region = options.region ?? saved?.region ?? null;
  const experienceYears = options.experienceYears ?? saved?.experienceYears ?? null;
  const stacks = options.stacks.length > 0 ? options.stacks : saved?.stacks ?? [];
  const traits = options.traits.length > 0 ? options.traits : saved?.traits ?? [];
  if (region === null) throw missingOption('region');
  if (experienceYears === null) throw missingOption('years');
  if (stacks.length === 0) throw missingOption('stack');
  return { region, experienceYears, stacks, traits };
}

/** Autocomplete choices for profile options: case-insensitive substring match, at most 25. */
export function profileChoices(optionName: string, typed: string, vocabulary: Vocabulary): Choice[] {
  let list: readonly string[] = [];
  if (optionName === 'region') list = vocabulary.regions;
  else if ((STACK_OPTIONS as readonly string[]).includes(optionName)) list = vocabulary.stacks;
  else if ((EXTRA_OPTIONS as readonly string[]).includes(optionName)) list = vocabulary.traits;
  const needle = typed.trim().toLowerCase();
  return list
    .filter((item) => item.toLowerCase().includes(needle))
    .slice(0, LIMITS.choices)
    .map((item) => ({ name: truncate(item, LIMITS.choiceName), value: item }));
}
