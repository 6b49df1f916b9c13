import { SlashCommandBuilder } from 'discord.js';
import { translator } from '../i18n';
import { UserFacingError, describeValue } from '../interactions/errors';
import { asLead } from '../interactions/lead-only';
import { LIMITS, truncate } from '../render/limits';
import { renderTeamReply } from '../render/team-reply';
import type { Command } from '../interactions/command';

const RECOMMENDED = 5;
/** How many open openings autocomplete looks through for the caller's own. */
const SEARCHED = 50;

const data = new SlashCommandBuilder()
  .setName('team')
  .setDescription('팀장용: 내 모집에 어울리는 팀원을 추천받고 제안해요')
  .setDescriptionLocalization('en-US', 'For leads: members who fit your opening, to invite')
  .addStringOption((o) =>
    o.setName('opening').setDescription('내 모집 (제목으로 검색)').setDescriptionLocalization('en-US', 'Your opening (search by title)')
      .setRequired(true).setAutocomplete(true).setMaxLength(100));

export const team = {
  data,
  async execute(ctx, deps) {
    const t = translator(ctx.locale);
    const openingId = ctx.options.string('opening') ?? '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(openingId)) {
      throw new UserFacingError('error.badOption', { field: 'opening', value: describeValue(openingId), detail: '' });
    }
    const opening = await deps.api.opening(openingId);
    if (!opening) throw new UserFacingError('error.noLedOpening');
    // The API decides who leads: FORBIDDEN for anyone else.
    const members = await asLead(() => deps.api.recommendMembers(openingId, RECOMMENDED));
    return renderTeamReply(opening, members, await deps.vocabulary.get(), t);
  },
  /** Only the caller's own open openings. */
  async autocomplete(ctx, deps) {
    const focused = ctx.options.focused();
    if (!focused || focused.name !== 'opening') return [];
    const openings = await deps.api.searchOpenings(focused.value.trim(), SEARCHED);
    return openings
      .filter((opening) => opening.lead?.discordId === ctx.userId)
      .slice(0, LIMITS.choices)
      .map((opening) => ({ name: truncate(`${opening.title} (${opening.region})`, LIMITS.choiceName), value: opening.id }));
  },
} satisfies Command;
