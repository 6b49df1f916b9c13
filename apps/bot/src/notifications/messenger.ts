import { DiscordAPIError, type REST } from '@discordjs/rest';
import { ChannelType, Routes, type APIChannel } from 'discord-api-types/v10';
import type { Reply } from '../interactions/context';
import { messageBody } from '../transports/message-body';

/** What the outbox drain does in Discord; REST with the bot token, so it works for both transports. */
export interface DiscordOutlet {
  /** A direct message: opens (or reuses) the DM channel, then posts. */
  sendDirect(userId: string, reply: Reply): Promise<void>;
  /** A private thread in `channelId` that only invited members (and moderators) see; returns its id. */
  createPrivateThread(channelId: string, name: string): Promise<string>;
  addThreadMember(threadId: string, userId: string): Promise<void>;
  post(channelId: string, reply: Reply): Promise<void>;
  deleteChannel(channelId: string): Promise<void>;
}

/** Threads auto-archive after a week without messages (the longest Discord allows). */
const ARCHIVE_AFTER_MINUTES = 10_080;

export class RestDiscordOutlet implements DiscordOutlet {
  constructor(private readonly rest: REST) {}

  async sendDirect(userId: string, reply: Reply): Promise<void> {
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    await this.post(channel.id, reply);
  }

  async createPrivateThread(channelId: string, name: string): Promise<string> {
    const thread = (await this.rest.post(Routes.threads(channelId), {
      body: { name, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: ARCHIVE_AFTER_MINUTES },
    })) as APIChannel;
    return thread.id;
  }

  async addThreadMember(threadId: string, userId: string): Promise<void> {
    await this.rest.put(Routes.threadMembers(threadId, userId));
  }

  async post(channelId: string, reply: Reply): Promise<void> {
    await this.rest.post(Routes.channelMessages(channelId), { body: messageBody(reply) });
  }

  async deleteChannel(channelId: string): Promise<void> {
    await this.rest.delete(Routes.channel(channelId));
  }
}

/**
 * Discord's answers that no retry can change for this recipient: they do not accept DMs from the bot (50007), or the
 * user is gone (10013). Anything else (5xx, rate limits, network, a misconfigured channel) is worth another try.
 */
const PERMANENT_CODES = new Set([50007, 10013]);

export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof DiscordAPIError && typeof error.code === 'number' && PERMANENT_CODES.has(error.code);
}
