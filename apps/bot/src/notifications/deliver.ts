import { GraphqlResponseError } from '@moim/graphql-client';
import type { MoimApi, NotificationView, Vocabulary } from '../api/types';
import { translator, type Translate } from '../i18n';
import type { Logger } from '../logger';
import { directMessage, teamCard, teamOf, threadName } from '../render/notification-replies';
import { isPermanentRefusal, type DiscordOutlet } from './messenger';

/** How a row ended: `delivered`, `skipped` (nothing to send here: a MEMBER row of a team with a thread), or `undeliverable`. */
export type Outcome = 'delivered' | 'skipped' | 'undeliverable';

export interface DeliveryDeps {
  /** The bot's own API (no acting member): outbox and thread bookkeeping. */
  api: Pick<MoimApi, 'recordTeamThread' | 'openingTeamThread'>;
  outlet: DiscordOutlet;
  vocabulary: () => Promise<Vocabulary>;
  /** Where formed teams get their private thread; unset, the team is told by DM. */
  teamChannelId: string | null;
  logger: Logger;
}

/**
 * Delivers one notification. Resolves with how it ended (every outcome is then acknowledged); throws when it may work
 * later (Discord or the API down, rate limited), so the row stays leased and comes back.
 */
export async function deliverNotification(notification: NotificationView, deps: DeliveryDeps): Promise<Outcome> {
  // In the recipient's language; a member who never told us one reads Korean, the community's language.
  const t = translator(notification.recipient.locale);
  if (notification.kind === 'TEAM_FORMED' && deps.teamChannelId) {
    if (notification.payload.role !== 'LEAD') return 'skipped';
    await formTeamThread(notification, deps.teamChannelId, deps, t);
    return 'delivered';
  }
  const userId = notification.recipient.discordId;
  if (!userId) {
    deps.logger.warn({ notificationId: notification.id, kind: notification.kind }, 'recipient has no Discord id; acknowledged without a DM');
    return 'undeliverable';
  }
  try {
    await deps.outlet.sendDirect(userId, directMessage(notification, await deps.vocabulary(), t));
    return 'delivered';
  } catch (error) {
    if (!isPermanentRefusal(error)) throw error;
    deps.logger.warn({ err: error, notificationId: notification.id, kind: notification.kind }, 'Discord refuses DMs to this member; acknowledged');
    return 'undeliverable';
  }
}

/** Records our thread once; when another delivery recorded one first, ours is deleted and theirs is used. */
async function recordOnce(openingId: string, threadId: string, deps: DeliveryDeps): Promise<string> {
  let recorded: string | null;
  try {
    recorded = await deps.api.recordTeamThread(openingId, threadId);
  } catch (error) {
    if (!(error instanceof GraphqlResponseError) || error.code !== 'BAD_USER_INPUT') throw error;
    recorded = await deps.api.openingTeamThread(openingId);
    if (!recorded) throw error;
  }
  if (recorded && recorded !== threadId) {
    await deps.outlet.deleteChannel(threadId).catch((error: unknown) => deps.logger.warn({ err: error, threadId }, 'could not delete a duplicate team thread'));
    return recorded;
  }
  return threadId;
}

/**
 * The LEAD row of TEAM_FORMED (so the thread's name and card are in the lead's language): one private thread per
 * opening (`Opening.teamThreadId` says whether it exists; a thread is recorded before anyone is added), every member
 * added, then the team card. Adding is idempotent, so a
 * redelivery (a crash before the ack, or the lead starting the team again) adds whoever is new and posts the card of
 * the team as it is now.
 */
async function formTeamThread(notification: NotificationView, channelId: string, deps: DeliveryDeps, t: Translate): Promise<void> {
  const openingId = notification.opening?.id ?? String(notification.payload.openingId ?? '');
  if (!openingId) throw new Error(`TEAM_FORMED ${notification.id} names no opening`);
  let threadId = notification.opening?.teamThreadId ?? null;
  if (!threadId) {
    const created = await deps.outlet.createPrivateThread(channelId, threadName(notification, t));
    try {
      threadId = await recordOnce(openingId, created, deps);
    } catch (error) {
      // Not recorded: the next attempt makes a new one, so this one would only be an empty leftover.
      await deps.outlet.deleteChannel(created).catch(() => undefined);
      throw error;
    }
  }
  for (const member of teamOf(notification)) {
    if (!member.discordId) continue;
    try {
      await deps.outlet.addThreadMember(threadId, member.discordId);
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      deps.logger.warn({ err: error, threadId, memberId: member.id }, 'could not add a member to the team thread');
    }
  }
  await deps.outlet.post(threadId, teamCard(notification, t));
}
