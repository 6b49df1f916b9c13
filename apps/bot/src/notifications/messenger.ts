import type { REST } from '@discordjs/rest';
import { Routes, type APIChannel } from 'discord-api-types/v10';
import type { Reply } from '../interactions/context';
import { messageBody } from '../transports/message-body';

/** Sends a direct message to a Discord user. */
export interface DirectMessenger {
  send(userId: string, reply: Reply): Promise<void>;
}

/** Opens (or reuses) the DM channel with the bot token, then posts the message; works for both transports. */
export class RestDirectMessenger implements DirectMessenger {
  constructor(private readonly rest: REST) {}

  async send(userId: string, reply: Reply): Promise<void> {
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    await this.rest.post(Routes.channelMessages(channel.id), { body: messageBody(reply) });
  }
}
