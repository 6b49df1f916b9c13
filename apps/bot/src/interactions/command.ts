import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { MoimApi } from '../api/types';
import type { AutocompleteContext, Choice, CommandContext, Reply } from '../interaction/context';
import type { Logger } from '../logger';
import type { NotificationStore } from '../notifications/store';
import type { VocabularyCache } from '../vocabulary-cache';

export interface BotDeps {
  api: MoimApi;
  vocabulary: VocabularyCache;
  notifications: NotificationStore;
  logger: Logger;
  notifyDefaultThreshold: number;
}

export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(ctx: CommandContext, deps: BotDeps): Promise<Reply>;
  autocomplete?(ctx: AutocompleteContext, deps: BotDeps): Promise<Choice[]>;
}
