import { EmbedBuilder } from 'discord.js';
import type { APIEmbed } from 'discord-api-types/v10';
import type { MemberMatchView, OpeningMatchView, OpeningView, Reason } from '../api/types';
import type { Language, Translate } from '../i18n';
import { LIMITS, truncate } from './limits';
import { plainList, plainText } from './markdown';
import { reasonText } from './reasons';
import { scoreBar } from './score-bar';

const KIND_COLOR = { PROJECT: 0x5865f2, STUDY: 0x57f287 } as const;
export const TOP_REASONS = 3;

export function minYearsText(years: number, t: Translate): string {
  return years <= 0 ? t('match.anyYears') : t('match.years', { years });
}

export function reasonsText(reasons: readonly Reason[], language: Language = 'ko'): string {
  if (reasons.length === 0) return '-';
  const lines = reasons.slice(0, TOP_REASONS).map((reason) => `• ${plainText(reasonText(reason, language))}`);
  return truncate(lines.join('\n'), LIMITS.fieldValue);
}

function field(name: string, value: string, inline = true) {
  return { name: truncate(name, LIMITS.fieldName), value: truncate(value || '-', LIMITS.fieldValue), inline };
}

export function openingEmbed(match: OpeningMatchView, rank: number, t: Translate): APIEmbed {
  const { opening } = match;
  return new EmbedBuilder()
    .setColor(KIND_COLOR[opening.kind])
    .setTitle(truncate(`${rank}. [${t(`kind.${opening.kind}`)}] ${plainText(opening.title)}`, LIMITS.embedTitle))
    .setDescription(`${t('match.score')} ${scoreBar(match.score)}`)
    .addFields(
      field(t('match.region'), plainText(opening.region)),
      field(t('match.stacks'), plainList(opening.stacks)),
      field(t('match.minYears'), minYearsText(opening.minExperienceYears, t)),
      field(t('match.seats'), t('match.seatsValue', { free: opening.freeSeats, capacity: opening.capacity })),
      field(t('match.reasons'), reasonsText(match.reasons, t.language), false),
    )
    .toJSON();
}

/** An opening without a score (just created, or named in a DM). */
export function openingSummaryEmbed(opening: OpeningView, t: Translate): APIEmbed {
  return new EmbedBuilder()
    .setColor(KIND_COLOR[opening.kind])
    .setTitle(truncate(`[${t(`kind.${opening.kind}`)}] ${plainText(opening.title)}`, LIMITS.embedTitle))
    .addFields(
      field(t('match.region'), plainText(opening.region)),
      field(t('match.stacks'), plainList(opening.stacks)),
      field(t('match.minYears'), minYearsText(opening.minExperienceYears, t)),
      field(t('match.seats'), t('match.seatsValue', { free: opening.freeSeats, capacity: opening.capacity })),
    )
    .toJSON();
}

export function memberLine(match: MemberMatchView, rank: number, language: Language = 'ko'): string {
  const { member } = match;
  const reasons = match.reasons.slice(0, 2).map((reason) => plainText(reasonText(reason, language))).join(', ');
  return `${rank}. **${plainText(member.displayName)}** ${scoreBar(match.score)} — ${plainText(member.region)}, ${plainList(member.stacks)}${reasons ? ` (${reasons})` : ''}`;
}

/**
 * A list of members in one embed (similar members, proposed team); long lists are cut to fit the description.
 * `title` is Markdown: user text in it must already be `plainText`.
 */
export function memberListEmbed(title: string, opening: OpeningView, matches: readonly MemberMatchView[], t: Translate): APIEmbed {
  const emptyText = t('team.empty');
  const lines = matches.map((match, index) => memberLine(match, index + 1, t.language));
  let description = '';
  for (const line of lines) {
    const next = description ? `${description}\n${truncate(line, 300)}` : truncate(line, 300);
    if (next.length > LIMITS.embedDescription) break;
    description = next;
  }
  return new EmbedBuilder()
    .setColor(KIND_COLOR[opening.kind])
    .setTitle(truncate(title, LIMITS.embedTitle))
    .setDescription(description || emptyText)
    .toJSON();
}
