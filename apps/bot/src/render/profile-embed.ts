import { EmbedBuilder } from 'discord.js';
import type { APIEmbed } from 'discord-api-types/v10';
import type { MemberView } from '../api/types';
import type { Translate } from '../i18n';
import { LIMITS, truncate } from './limits';
import { plainList, plainText } from './markdown';

export function profileEmbed(member: MemberView, t: Translate): APIEmbed {
  const value = (text: string) => truncate(text || t('profile.none'), LIMITS.fieldValue);
  return new EmbedBuilder()
    .setColor(0xfee75c)
    .setTitle(truncate(t('profile.title', { name: plainText(member.displayName) }), LIMITS.embedTitle))
    .addFields(
      { name: t('match.region'), value: value(plainText(member.region)), inline: true },
      { name: t('profile.experience'), value: value(t('profile.yearsValue', { years: member.experienceYears })), inline: true },
      { name: t('match.stacks'), value: value(plainList(member.stacks)), inline: false },
      { name: t('profile.traits'), value: value(plainList(member.traits)), inline: false },
    )
    .toJSON();
}
