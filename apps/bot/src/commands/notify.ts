import { SlashCommandBuilder } from 'discord.js';
import { translator } from '../i18n';
import { noProfile } from '../interactions/errors';
import { aboveThreshold } from '../notifications/notifier';
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

export const notify = {
  data,
  async execute(ctx, deps) {
    const t = translator(ctx.locale);
    const subcommand = ctx.options.subcommand();
    if (subcommand === 'off') {
      await deps.notifications.unsubscribe(ctx.userId);
      return { content: t('notify.off') };
    }
    if (subcommand === 'status') {
      const subscription = await deps.notifications.get(ctx.userId);
      const state = subscription
        ? t('notify.stateOn', { percent: Math.round(subscription.threshold * 100) })
        : t('notify.stateOff');
      return { content: t('notify.status', { state }) };
    }
    const member = await deps.api.memberByDiscordId(ctx.userId);
    if (!member) throw noProfile();
    const percent = ctx.options.integer('threshold');
    const threshold = percent === null ? deps.notifyDefaultThreshold : percent / 100;
    // Openings that already fit are not "new": remember them so only later ones trigger a DM.
    const current = await deps.api.recommendOpenings({ memberId: member.id, first: 20 });
    await deps.notifications.subscribe(
      ctx.userId,
      threshold,
      aboveThreshold(current, threshold, []).map((m) => m.opening.id),
      ctx.locale,
    );
    return { content: t('notify.on', { percent: Math.round(threshold * 100) }) };
  },
} satisfies Command;
