import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { OpeningMatchView, Vocabulary } from '../api/types';
import type { Translate } from '../i18n';
import type { Reply } from '../interactions/context';
import { encodeButton, type ButtonAction, type MatchQuery } from '../interactions/custom-id';
import { LIMITS, fitEmbeds, truncate } from './limits';
import { openingEmbed } from './opening-embed';

export const PAGE_SIZE = 5;

export interface MatchPage {
  /** The matches on this page, best first. */
  matches: readonly OpeningMatchView[];
  /** Zero-based page number. */
  page: number;
  hasMore: boolean;
  query: MatchQuery;
  vocabulary: Vocabulary;
  /** Who asked: an opening they lead gets 비슷한 팀원 보기 (the API shows its recommended members to the lead only). */
  viewerDiscordId: string;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

function button(customId: string, label: string, style: ButtonStyle) {
  return new ButtonBuilder().setCustomId(customId).setLabel(truncate(label, LIMITS.buttonLabel)).setStyle(style);
}

/** Queries typed with aliases (서울, springboot) cannot be packed into a custom id; those replies go without the button. */
function tryEncode(action: ButtonAction, vocabulary: Vocabulary): string | null {
  try {
    return encodeButton(action, vocabulary);
  } catch {
    return null;
  }
}

export function renderMatchPage(input: MatchPage, t: Translate): Reply {
  const { matches, page, query, vocabulary } = input;
  const shown = matches.slice(0, PAGE_SIZE);
  const firstRank = page * PAGE_SIZE + 1;
  const embeds = fitEmbeds(shown.map((match, index) => openingEmbed(match, firstRank + index, t)));
  const visible = shown.slice(0, embeds.length);

  const rows: Row[] = [];
  if (visible.length > 0) {
    const apply = new ActionRowBuilder<ButtonBuilder>();
    const similar = new ActionRowBuilder<ButtonBuilder>();
    visible.forEach((match, index) => {
      const n = firstRank + index;
      apply.addComponents(
        button(encodeButton({ action: 'apply', openingId: match.opening.id }, vocabulary), t('button.apply', { n }), ButtonStyle.Success),
      );
      if (match.opening.lead?.discordId === input.viewerDiscordId) {
        similar.addComponents(
          button(encodeButton({ action: 'similar', openingId: match.opening.id }, vocabulary), t('button.similar', { n }), ButtonStyle.Secondary),
        );
      }
    });
    rows.push(apply.toJSON());
    if (similar.components.length > 0) rows.push(similar.toJSON());
  }
  const navigation = new ActionRowBuilder<ButtonBuilder>();
  const moreId = input.hasMore ? tryEncode({ action: 'more', page: page + 1, query }, vocabulary) : null;
  if (moreId) navigation.addComponents(button(moreId, t('button.more'), ButtonStyle.Primary));
  const saveId = query.source === 'options' && page === 0 ? tryEncode({ action: 'save', query }, vocabulary) : null;
  if (saveId) navigation.addComponents(button(saveId, t('button.save'), ButtonStyle.Secondary));
  if (navigation.components.length > 0) rows.push(navigation.toJSON());

  const header = query.source === 'profile' ? 'match.headerProfile' : 'match.header';
  return {
    content: t(header, { from: firstRank, to: firstRank + visible.length - 1 }),
    embeds,
    components: rows,
  };
}
