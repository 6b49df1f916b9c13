import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { MemberRef, NotificationView, Reason, Vocabulary } from '../api/types';
import type { MessageKey, Translate } from '../i18n';
import type { Reply } from '../interactions/context';
import { encodeButton, type ButtonAction } from '../interactions/custom-id';
import { LIMITS, truncate } from './limits';
import { plainText } from './markdown';
import { openingEmbed, openingSummaryEmbed } from './opening-embed';

/** Payload fields as the API documents them per kind (NotificationKind); missing ones fall back to the opening. */
export function text(payload: Record<string, unknown>, key: string, fallback = ''): string {
  const value = payload[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function nameIn(payload: Record<string, unknown>, key: string, t: Translate): string {
  return plainText(text(payload, key) || t('dm.someone'));
}

export function titleOf(notification: NotificationView): string {
  return plainText(text(notification.payload, 'openingTitle', notification.opening?.title ?? ''));
}

function yesNo(accept: ButtonAction, decline: ButtonAction, vocabulary: Vocabulary, t: Translate) {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder().setCustomId(encodeButton(accept, vocabulary)).setLabel(t('button.accept')).setStyle(ButtonStyle.Success),
      new ButtonBuilder().setCustomId(encodeButton(decline, vocabulary)).setLabel(t('button.decline')).setStyle(ButtonStyle.Danger),
    )
    .toJSON();
}

function reasonsOf(payload: Record<string, unknown>): Reason[] {
  const reasons = payload.reasons;
  if (!Array.isArray(reasons)) return [];
  return reasons.flatMap((reason: unknown) => {
    const { code, message } = (reason ?? {}) as Record<string, unknown>;
    return typeof code === 'string' && typeof message === 'string' ? [{ code, message }] : [];
  });
}

/** The team as the TEAM_FORMED payload lists it (lead first). */
export function teamOf(notification: NotificationView): MemberRef[] {
  const members = notification.payload.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((entry: unknown) => {
    const { id, displayName, discordId } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof displayName !== 'string') return [];
    return [{ id, displayName, discordId: typeof discordId === 'string' ? discordId : null }];
  });
}

/** Which request the filling (FULL) or closing (CLOSED) of its opening withdrew, and why. */
function seatRequestClosedKey(payload: Record<string, unknown>): MessageKey {
  const invitation = payload.request === 'INVITATION' || (payload.request === undefined && typeof payload.invitationId === 'string');
  const closed = payload.reason === 'CLOSED';
  if (invitation) return closed ? 'dm.invitationWithdrawnClosed' : 'dm.invitationWithdrawnFull';
  return closed ? 'dm.applicationWithdrawnClosed' : 'dm.applicationWithdrawnFull';
}

/**
 * The DM for one notification, or null for kinds that are not a DM (TEAM_FORMED with a team channel). Ids for buttons
 * come from the payload; a row whose ids cannot make a button still gets its text.
 */
export function directMessage(notification: NotificationView, vocabulary: Vocabulary, t: Translate): Reply {
  const { payload } = notification;
  const title = titleOf(notification);
  switch (notification.kind) {
    case 'APPLICATION_RECEIVED': {
      const applicationId = text(payload, 'applicationId');
      const reply: Reply = { content: t('dm.applicationReceived', { name: nameIn(payload, 'applicantName', t), title }) };
      if (applicationId) {
        reply.components = [
          yesNo({ action: 'decide', applicationId, accept: true }, { action: 'decide', applicationId, accept: false }, vocabulary, t),
        ];
      }
      return reply;
    }
    case 'APPLICATION_DECIDED':
      return { content: t(payload.accepted === true ? 'dm.applicationAccepted' : 'dm.applicationDeclined', { title }) };
    case 'INVITATION_RECEIVED': {
      const invitationId = text(payload, 'invitationId');
      const reply: Reply = { content: t('dm.invitationReceived', { lead: nameIn(payload, 'leadName', t), title }) };
      if (notification.opening) reply.embeds = [openingSummaryEmbed(notification.opening, t)];
      if (invitationId) {
        reply.components = [
          yesNo({ action: 'respond', invitationId, accept: true }, { action: 'respond', invitationId, accept: false }, vocabulary, t),
        ];
      }
      return reply;
    }
    case 'INVITATION_ANSWERED':
      return {
        content: t(payload.accepted === true ? 'dm.invitationAccepted' : 'dm.invitationDeclined', { name: nameIn(payload, 'memberName', t), title }),
      };
    case 'SEAT_FREED':
      return {
        content: t('dm.seatFreed', { name: nameIn(payload, 'memberName', t), title, free: text(payload, 'freeSeats', String(notification.opening?.freeSeats ?? '?')) }),
      };
    case 'NEW_MATCH': {
      const reply: Reply = { content: t('notify.dm') };
      if (notification.opening) {
        const score = typeof payload.score === 'number' ? payload.score : 0;
        reply.embeds = [openingEmbed({ opening: notification.opening, score, reasons: reasonsOf(payload) }, 1, t)];
        reply.components = [
          new ActionRowBuilder<ButtonBuilder>()
            .addComponents(
              new ButtonBuilder()
                .setCustomId(encodeButton({ action: 'apply', openingId: notification.opening.id }, vocabulary))
                .setLabel(t('button.apply', { n: 1 }))
                .setStyle(ButtonStyle.Success),
            )
            .toJSON(),
        ];
      }
      return reply;
    }
    case 'SEAT_REQUEST_CLOSED':
      return { content: t(seatRequestClosedKey(payload), { title }) };
    case 'TEAM_FORMED': {
      const others = teamOf(notification).filter((member) => member.id !== notification.recipient.id);
      return { content: truncate(t('dm.teamFormed', { title, names: others.map((member) => plainText(member.displayName)).join(', ') || '-' }), LIMITS.content) };
    }
  }
}

/** The card posted in a formed team's thread. */
export function teamCard(notification: NotificationView, t: Translate): Reply {
  const [lead, ...members] = teamOf(notification);
  const names = (list: MemberRef[]) => truncate(list.map((member) => plainText(member.displayName)).join(', ') || '-', LIMITS.fieldValue);
  const embed = new EmbedBuilder()
    .setColor(0x57f287)
    .setTitle(truncate(t('team.cardTitle', { title: titleOf(notification) }), LIMITS.embedTitle))
    .setDescription(t('team.cardHint'))
    .addFields(
      { name: t('team.cardLead'), value: names(lead ? [lead] : []), inline: false },
      { name: t('team.cardMembers'), value: names(members), inline: false },
    )
    .toJSON();
  return { embeds: [embed] };
}

/** Thread names are plain text (not Markdown), at most 100 characters. */
export function threadName(notification: NotificationView, t: Translate): string {
  const title = text(notification.payload, 'openingTitle', notification.opening?.title ?? '');
  return truncate(t('team.threadName', { title }).replace(/\s+/g, ' '), 100);
}
