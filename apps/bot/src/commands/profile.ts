import { SlashCommandBuilder } from 'discord.js';
import { translator } from '../i18n';
import { noProfile } from '../interactions/errors';
import { profileEmbed } from '../render/profile-embed';
import type { Command } from '../interactions/command';
import { addProfileOptions, completeProfile, profileChoices, readProfileOptions } from '../command-helpers/profile-options';

const data = new SlashCommandBuilder()
  .setName('profile')
  .setDescription('매칭에 쓰는 내 프로필을 관리해요')
  .setDescriptionLocalization('en-US', 'Manage the profile used for matching')
  .addSubcommand((sub) =>
    addProfileOptions(sub.setName('set').setDescription('프로필 저장 또는 수정').setDescriptionLocalization('en-US', 'Save or update your profile'), true))
  .addSubcommand((sub) => sub.setName('show').setDescription('내 프로필 보기').setDescriptionLocalization('en-US', 'Show your profile'))
  .addSubcommand((sub) => sub.setName('delete').setDescription('내 프로필 삭제').setDescriptionLocalization('en-US', 'Delete your profile'));

export const profile = {
  data,
  async execute(ctx, deps) {
    const t = translator(ctx.locale);
    const subcommand = ctx.options.subcommand();
    if (subcommand === 'set') {
      const options = readProfileOptions(ctx.options, await deps.vocabulary.get());
      const member = await deps.api.upsertMember({
        ...completeProfile(options, null),
        displayName: ctx.userName,
        discordId: ctx.userId,
        locale: t.language,
      });
      return { content: t('profile.saved'), embeds: [profileEmbed(member, t)] };
    }
    const member = await deps.api.memberByDiscordId(ctx.userId);
    if (!member) throw noProfile();
    if (subcommand === 'delete') {
      await deps.api.deleteMember(member.id);
      return { content: t('profile.deleted') };
    }
    return { embeds: [profileEmbed(member, t)] };
  },
  async autocomplete(ctx, deps) {
    const focused = ctx.options.focused();
    if (!focused) return [];
    return profileChoices(focused.name, focused.value, await deps.vocabulary.get());
  },
} satisfies Command;
