import { GraphqlResponseError } from '@moim/graphql-client';
import { SlashCommandBuilder } from 'discord.js';
import { translator } from '../i18n';
import { UserFacingError, describeValue, staleButton } from '../interactions/errors';
import { decodeOpenForm } from '../interactions/custom-id';
import { openingSummaryEmbed } from '../render/opening-embed';
import { plainText } from '../render/markdown';
import type { Command } from '../interactions/command';
import { formFieldFor, openForm, readOpenForm } from '../command-helpers/open-form';
import { profileChoices, readProfileOptions } from '../command-helpers/profile-options';

const noProfileToLead = () => new UserFacingError('error.noProfileToLead');

const data = new SlashCommandBuilder()
  .setName('open')
  .setDescription('팀원을 모집해요: 내가 팀장이 되는 새 모집 열기')
  .setDescriptionLocalization('en-US', 'Open a new team that you lead')
  .addStringOption((o) =>
    o.setName('kind').setDescription('종류').setDescriptionLocalization('en-US', 'Kind').setRequired(true)
      .addChoices(
        { name: '프로젝트', value: 'PROJECT', name_localizations: { 'en-US': 'Project', 'en-GB': 'Project' } },
        { name: '스터디', value: 'STUDY', name_localizations: { 'en-US': 'Study', 'en-GB': 'Study' } },
      ))
  .addStringOption((o) =>
    o.setName('region').setDescription('지역 (예: 서울특별시, 재택)').setDescriptionLocalization('en-US', 'Region (e.g. 서울특별시, 재택 = remote)')
      .setRequired(true).setAutocomplete(true).setMaxLength(40));

export const open = {
  data,
  formPrefix: 'o',
  /** The form, once kind and region are known and the caller has a profile (null: no profile, `execute` says so). */
  async form(ctx, deps) {
    const t = translator(ctx.locale);
    const vocabulary = await deps.vocabulary.get();
    const kind = ctx.options.string('kind');
    if (kind !== 'PROJECT' && kind !== 'STUDY') throw new UserFacingError('error.badOption', { field: 'kind', value: describeValue(kind ?? ''), detail: '' });
    const region = readProfileOptions(ctx.options, vocabulary).region ?? '';
    if (!vocabulary.regions.includes(region)) throw new UserFacingError('error.badOption', { field: 'region', value: describeValue(region), detail: '' });
    const lead = await deps.api.memberByDiscordId(ctx.userId);
    return lead ? openForm({ kind, region }, lead, vocabulary, t) : null;
  },
  async execute() {
    throw noProfileToLead();
  },
  async submit(ctx, deps) {
    const t = translator(ctx.locale);
    const vocabulary = await deps.vocabulary.get();
    const state = decodeOpenForm(ctx.customId, vocabulary);
    if (!state) throw staleButton();
    const input = readOpenForm(ctx, state, vocabulary);
    let opening;
    try {
      opening = await deps.api.createOpening(input);
    } catch (error) {
      if (error instanceof GraphqlResponseError && error.code === 'BAD_USER_INPUT' && error.field && !error.reason) {
        throw new UserFacingError('error.badOption', { field: formFieldFor(error.field), value: describeValue(error.value ?? ''), detail: '' });
      }
      throw error;
    }
    return { content: t('open.created', { title: plainText(opening.title) }), embeds: [openingSummaryEmbed(opening, t)] };
  },
  async autocomplete(ctx, deps) {
    const focused = ctx.options.focused();
    if (!focused || focused.name !== 'region') return [];
    return profileChoices('region', focused.value, await deps.vocabulary.get());
  },
} satisfies Command;
