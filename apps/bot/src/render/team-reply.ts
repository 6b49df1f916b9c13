import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { MemberMatchView, OpeningView, Vocabulary } from '../api/types';
import type { Translate } from '../i18n';
import type { Reply } from '../interactions/context';
import { encodeButton } from '../interactions/custom-id';
import { LIMITS, truncate } from './limits';
import { plainText } from './markdown';
import { memberListEmbed } from './opening-embed';

/** Recommended members for the lead, one 제안하기 button each, and 팀 시작. */
export function renderTeamReply(opening: OpeningView, members: readonly MemberMatchView[], vocabulary: Vocabulary, t: Translate): Reply {
  const shown = members.slice(0, LIMITS.buttonsPerRow);
  const embed = memberListEmbed(t('team.recommendTitle', { title: plainText(opening.title) }), opening, shown, t);
  embed.footer = { text: truncate(t('team.hint'), LIMITS.footerText) };
  const rows = [];
  if (shown.length > 0) {
    const invite = new ActionRowBuilder<ButtonBuilder>();
    shown.forEach((match, index) => {
      invite.addComponents(
        new ButtonBuilder()
          .setCustomId(encodeButton({ action: 'invite', openingId: opening.id, memberId: match.member.id }, vocabulary))
          .setLabel(truncate(t('button.invite', { n: index + 1 }), LIMITS.buttonLabel))
          .setStyle(ButtonStyle.Primary),
      );
    });
    rows.push(invite.toJSON());
  }
  const start = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(encodeButton({ action: 'start', openingId: opening.id }, vocabulary))
      .setLabel(t('button.start'))
      .setStyle(ButtonStyle.Success),
  );
  rows.push(start.toJSON());
  return { embeds: [embed], components: rows };
}
