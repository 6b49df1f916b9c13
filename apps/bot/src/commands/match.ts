import { SlashCommandBuilder } from 'discord.js';
import type { OpeningKind } from '../api/types';
import { translator } from '../i18n';
import type { MatchQuery } from '../interactions/custom-id';
import type { Command } from '../interactions/command';
import { runMatchQuery } from '../command-helpers/match-query';
import { addProfileOptions, completeProfile, profileChoices, readProfileOptions } from '../command-helpers/profile-options';

const data = addProfileOptions(
  new SlashCommandBuilder()
    .setName('match')
    .setDescription('나에게 맞는 프로젝트·스터디 팀을 찾아요')
    .setDescriptionLocalization('en-US', 'Find project or study teams that fit you')
    .setDescriptionLocalization('en-GB', 'Find project or study teams that fit you')
    .addStringOption((o) =>
      o.setName('kind').setDescription('프로젝트 또는 스터디').setDescriptionLocalization('en-US', 'Project or study')
        .addChoices(
          { name: '프로젝트', value: 'PROJECT', name_localizations: { 'en-US': 'Project', 'en-GB': 'Project' } },
          { name: '스터디', value: 'STUDY', name_localizations: { 'en-US': 'Study', 'en-GB': 'Study' } },
        )),
  false,
);

export const match = {
  data,
  async execute(ctx, deps) {
    const t = translator(ctx.locale);
    const vocabulary = await deps.vocabulary.get();
    const kindText = ctx.options.string('kind');
    const kind: OpeningKind | null = kindText === 'PROJECT' || kindText === 'STUDY' ? kindText : null;
    const options = readProfileOptions(ctx.options, vocabulary);
    let query: MatchQuery;
    if (!options.any) {
      query = { source: 'profile', kind };
    } else {
      const complete = options.region !== null && options.experienceYears !== null && options.stacks.length > 0;
      const saved = complete ? null : await deps.api.memberByDiscordId(ctx.userId);
      query = { source: 'options', kind, profile: completeProfile(options, saved) };
    }
    return runMatchQuery(query, 0, ctx.userId, deps, t);
  },
  async autocomplete(ctx, deps) {
    const focused = ctx.options.focused();
    if (!focused) return [];
    return profileChoices(focused.name, focused.value, await deps.vocabulary.get());
  },
} satisfies Command;
