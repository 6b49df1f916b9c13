import type { APIEmbed } from 'discord-api-types/v10';

/** Discord message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Cuts text to at most `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  total += embed.author?.name.length ?? 0;
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Keeps leading embeds while the message stays within the per-message count and the 6000-character total. */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const kept: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds.slice(0, LIMITS.embedsPerMessage)) {
    const length = embedLength(embed);
    if (total + length > LIMITS.embedTotal) break;
    kept.push(embed);
    total += length;
  }
  return kept;
}
