import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { AutocompleteContext, Choice, CommandContext, Reply } from './context';
import type { BotDeps } from './deps';

/** One slash command: its definition (registered with Discord) and how it answers. Each lives in `src/commands/`. */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(ctx: CommandContext, deps: BotDeps): Promise<Reply>;
  autocomplete?(ctx: AutocompleteContext, deps: BotDeps): Promise<Choice[]>;
}
