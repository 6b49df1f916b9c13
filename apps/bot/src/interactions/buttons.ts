import type { BotDeps } from './deps';
import { runMatchQuery } from '../command-helpers/match-query';
import { translator } from '../i18n';
import type { ButtonContext, Reply } from './context';
import { decodeButton } from './custom-id';
import { noProfile, nothingFound, staleButton } from './errors';
import { asLead } from './lead-only';
import { plainText } from '../render/markdown';
import { memberListEmbed } from '../render/opening-embed';
import { profileEmbed } from '../render/profile-embed';

const SIMILAR_MEMBERS = 5;

/**
 * Answers the buttons under a /match reply, a /team reply and the DMs of the outbox; every custom id is decoded and
 * validated first. Who may press what is the API's decision (the acting member): a lead decides applications and
 * invites, an invitee answers.
 */
export async function executeButton(ctx: ButtonContext, deps: BotDeps): Promise<Reply> {
  const t = translator(ctx.locale);
  const action = decodeButton(ctx.customId, await deps.vocabulary.get());
  if (!action) throw staleButton();
  switch (action.action) {
    case 'apply': {
      const member = await deps.api.memberByDiscordId(ctx.userId);
      if (!member) throw noProfile();
      await deps.api.apply(member.id, action.openingId);
      const opening = await deps.api.opening(action.openingId);
      return { content: t('apply.done', { title: plainText(opening?.title ?? action.openingId) }) };
    }
    case 'similar': {
      const opening = await deps.api.opening(action.openingId);
      if (!opening) throw staleButton();
      const members = await asLead(() => deps.api.recommendMembers(action.openingId, SIMILAR_MEMBERS));
      if (members.length === 0) throw nothingFound();
      return { embeds: [memberListEmbed(t('similar.title', { title: plainText(opening.title) }), opening, members, t)] };
    }
    case 'more':
      return runMatchQuery(action.query, action.page, ctx.userId, deps, t);
    case 'save': {
      const member = await deps.api.upsertMember({ ...action.query.profile, displayName: ctx.userName, discordId: ctx.userId, locale: t.language });
      return { content: t('profile.saved'), embeds: [profileEmbed(member, t)] };
    }
    case 'decide': {
      const application = await asLead(() => deps.api.decideApplication(action.applicationId, action.accept));
      const params = { name: plainText(application.member.displayName), title: plainText(application.opening.title) };
      return { content: t(action.accept ? 'decide.accepted' : 'decide.declined', params) };
    }
    case 'respond': {
      const invitation = await deps.api.respondToInvitation(action.invitationId, action.accept);
      return { content: t(action.accept ? 'respond.accepted' : 'respond.declined', { title: plainText(invitation.opening.title) }) };
    }
    case 'invite': {
      const invitation = await asLead(() => deps.api.inviteMember(action.openingId, action.memberId));
      return { content: t('invite.sent', { name: plainText(invitation.member.displayName), title: plainText(invitation.opening.title) }) };
    }
    case 'start': {
      const opening = await asLead(() => deps.api.startTeam(action.openingId));
      return { content: t('start.done', { title: plainText(opening.title) }) };
    }
  }
}
