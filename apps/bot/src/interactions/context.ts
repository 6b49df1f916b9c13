import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';

/** What a handler sends back; both transports turn it into the same Discord message JSON. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** A form (Discord modal): shown instead of a deferral, answered by a modal-submit interaction. */
export type Form = APIModalInteractionResponseCallbackData;

export interface Choice {
  name: string;
  value: string;
}

/** Read access to the options of a slash command, independent of transport. */
export interface OptionReader {
  subcommand(): string | null;
  string(name: string): string | null;
  integer(name: string): number | null;
  number(name: string): number | null;
  focused(): { name: string; value: string } | null;
}

interface BaseContext {
  /** Discord interaction id, used to correlate logs. */
  readonly id: string;
  readonly userId: string;
  readonly userName: string;
  readonly locale: string;
}

export interface CommandContext extends BaseContext {
  readonly type: 'command';
  readonly commandName: string;
  readonly options: OptionReader;
  /** Acknowledge within Discord's 3 seconds; the reply is ephemeral (only the member sees it). */
  defer(): Promise<void>;
  /** The other first answer: a form. Only before (instead of) `defer`. */
  showForm(form: Form): Promise<void>;
  edit(reply: Reply): Promise<void>;
  followUp(reply: Reply): Promise<void>;
}

/** A submitted form: its custom id carries the state, `field` reads what the member typed. */
export interface FormContext extends BaseContext {
  readonly type: 'form';
  readonly customId: string;
  /** The text typed into the input with this custom id; null when the form had no such input. */
  field(customId: string): string | null;
  defer(): Promise<void>;
  edit(reply: Reply): Promise<void>;
  followUp(reply: Reply): Promise<void>;
}

export interface ButtonContext extends BaseContext {
  readonly type: 'button';
  readonly customId: string;
  defer(): Promise<void>;
  edit(reply: Reply): Promise<void>;
  followUp(reply: Reply): Promise<void>;
}

export interface AutocompleteContext extends BaseContext {
  readonly type: 'autocomplete';
  readonly commandName: string;
  readonly options: OptionReader;
  respond(choices: Choice[]): Promise<void>;
}

export type InteractionContext = CommandContext | ButtonContext | FormContext | AutocompleteContext;
export type RepliableContext = CommandContext | ButtonContext | FormContext;
