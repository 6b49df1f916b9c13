import { SlashCommandBuilder } from 'discord.js';
import type { MemberLocale, MemberView } from '../api/types';
import { translator } from '../i18n';
import { noProfile } from '../interactions/errors';
import type { BotDeps } from '../interactions/deps';
import type { Command } from '../interactions/command';

const data = new SlashCommandBuilder()
  .setName('notify')
  .setDescription('잘 맞는 새 모집이 올라오면 DM으로 알려 드려요')
  .setDescriptionLocalization('en-US', 'Get a DM when a new opening fits you')
  .addSubcommand((sub) =>
    sub.setName('on').setDescription('알림 켜기').setDescriptionLocalization('en-US', 'Turn notifications on')
      .addIntegerOption((o) =>
        o.setName('threshold').setDescription('알림을 받을 최소 적합도 (%)').setDescriptionLocalization('en-US', 'Minimum fit in percent')
          .setMinValue(1).setMaxValue(100)))
  .addSubcommand((sub) => sub.setName('off').setDescription('알림 끄기').setDescriptionLocalization('en-US', 'Turn notifications off'))
  .addSubcommand((sub) => sub.setName('status').setDescription('알림 상태 보기').setDescriptionLocalization('en-US', 'Show notification status'));

/** The threshold lives on the member in the API (`notifyThreshold`); the API writes NEW_MATCH rows when an opening meets it. */
async function setThreshold(member: MemberView, discordId: string, locale: MemberLocale, notifyThreshold: number | null, deps: BotDeps): Promise<void> {
  const { region, experienceYears, stacks, traits, displayName } = member;
  await deps.api.upsertMember({ region, experienceYears, stacks, traits, displayName, discordId, notifyThreshold, locale });
}

export const notify = {
  data,
  async execute(ctx, deps) {
    const t = translator(ctx.locale);
    const subcommand = ctx.options.subcommand();
    const member = await deps.api.memberByDiscordId(ctx.userId);
    if (subcommand === 'status') {
      const threshold = member?.notifyThreshold ?? null;
      const state = threshold === null ? t('notify.stateOff') : t('notify.stateOn', { percent: Math.round(threshold * 100) });
      return { content: t('notify.status', { state }) };
    }
    if (subcommand === 'off') {
      if (member && member.notifyThreshold !== null) await setThreshold(member, ctx.userId, t.language, null, deps);
      return { content: t('notify.off') };
    }
    if (!member) throw noProfile();
    const percent = ctx.options.integer('threshold');
    const threshold = percent === null ? deps.notifyDefaultThreshold : percent / 100;
    await setThreshold(member, ctx.userId, t.language, threshold, deps);
    return { content: t('notify.on', { percent: Math.round(threshold * 100) }) };
  },
} satisfies Command;
