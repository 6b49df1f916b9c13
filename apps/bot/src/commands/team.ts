import { SlashCommandBuilder } from 'discord.js';
import { translator } from '../i18n';
import { UserFacingError, describeValue, nothingFound } from '../interactions/errors';
import { LIMITS, truncate } from '../render/limits';
import { plainText } from '../render/markdown';
import { memberListEmbed } from '../render/opening-embed';
import type { Command } from '../interactions/command';

const data = new SlashCommandBuilder()
  .setName('team')
  .setDescription('팀장용: 내 모집에 맞는 팀 구성을 제안받아요')
  .setDescriptionLocalization('en-US', 'For leads: a proposed team for your opening')
  .addStringOption((o) =>
    o.setName('opening').setDescription('모집 (제목으로 검색)').setDescriptionLocalization('en-US', 'Opening (search by title)')
      .setRequired(true).setAutocomplete(true).setMaxLength(100));

export const team = {
  data,
  async execute(ctx, deps) {
    const t = translator(ctx.locale);
    const openingId = ctx.options.string('opening') ?? '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(openingId)) {
      throw new UserFacingError('error.badOption', { field: 'opening', value: describeValue(openingId), detail: '' });
    }
    const proposal = await deps.api.proposeTeam(openingId);
    if (proposal.members.length === 0) throw nothingFound();
    const title = t('team.title', { title: plainText(proposal.opening.title), total: proposal.totalScore.toFixed(2) });
    const embed = memberListEmbed(title, proposal.opening, proposal.members, t);
    if (proposal.missingStacks.length > 0) {
      embed.footer = { text: truncate(t('team.missing', { stacks: proposal.missingStacks.join(', ') }), LIMITS.footerText) };
    }
    return { embeds: [embed] };
  },
  async autocomplete(ctx, deps) {
    const focused = ctx.options.focused();
    if (!focused || focused.name !== 'opening') return [];
    const openings = await deps.api.searchOpenings(focused.value.trim(), LIMITS.choices);
    return openings.slice(0, LIMITS.choices).map((opening) => ({
      name: truncate(`${opening.title} (${opening.region})`, LIMITS.choiceName),
      value: opening.id,
    }));
  },
} satisfies Command;
