import type { APIAllowedMentions } from 'discord-api-types/v10';
import type { Reply } from '../interactions/context';

/**
 * Nothing the bot sends is meant to ping anyone: a mention that slips into a message (a name, an echoed value) must
 * stay text. Every message body says so (discord.js: `allowedMentions`); Discord then parses no user, role,
 * @everyone or @here mentions.
 */
export const NO_MENTIONS = { parse: [] } satisfies APIAllowedMentions;

/** A reply as the JSON body of a Discord message (webhook edit, follow-up, DM, interaction response). */
export function messageBody(reply: Reply): Reply & { allowed_mentions: typeof NO_MENTIONS } {
  return { ...reply, allowed_mentions: NO_MENTIONS };
}
