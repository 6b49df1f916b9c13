import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { AutocompleteContext, Choice, CommandContext, Form, FormContext, Reply } from './context';
import type { BotDeps } from './deps';

/** One slash command: its definition (registered with Discord) and how it answers. Each lives in `src/commands/`. */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(ctx: CommandContext, deps: BotDeps): Promise<Reply>;
  autocomplete?(ctx: AutocompleteContext, deps: BotDeps): Promise<Choice[]>;
  /**
   * For a command that asks with a form (Discord shows no form after a deferral): the handler runs it before
   * deferring, within Discord's 3 seconds, and shows the form it returns; what it throws is answered as usual.
   * `execute` runs only when `form` returns null.
   */
  form?(ctx: CommandContext, deps: BotDeps): Promise<Form | null>;
  /** Answers this command's submitted form (its custom id starts with `formPrefix`). */
  submit?(ctx: FormContext, deps: BotDeps): Promise<Reply>;
  readonly formPrefix?: string;
}
