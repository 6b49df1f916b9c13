import type { REST } from '@discordjs/rest';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { InteractionContext, OptionReader, Reply } from '../interactions/context';
import type { FormSubmitInteraction, PingInteraction, ValidInteraction } from './interaction-body';
import { messageBody } from './message-body';

interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: readonly RawOption[];
}

/** Flattens subcommand groups and subcommands into the subcommand name and its leaf options. */
function flatten(options: readonly RawOption[] | undefined): { subcommand: string | null; leaves: RawOption[] } {
  let current = options ?? [];
  let subcommand: string | null = null;
  for (;;) {
    const nested = current.find(
      (option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (!nested) return { subcommand, leaves: [...current] };
    if (nested.type === ApplicationCommandOptionType.Subcommand) subcommand = nested.name;
    current = nested.options ?? [];
  }
}

export function rawOptionReader(options: readonly RawOption[] | undefined): OptionReader {
  const { subcommand, leaves } = flatten(options);
  const find = (name: string) => leaves.find((option) => option.name === name);
  return {
    subcommand: () => subcommand,
    string: (name) => {
      const value = find(name)?.value;
      return typeof value === 'string' ? value : null;
    },
    integer: (name) => {
      const value = find(name)?.value;
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    },
    number: (name) => {
      const value = find(name)?.value;
      return typeof value === 'number' ? value : null;
    },
    focused: () => {
      const option = leaves.find((candidate) => candidate.focused);
      return option ? { name: option.name, value: String(option.value ?? '') } : null;
    },
  };
}

/** The typed values of a submitted form by input custom id, from action rows or labels. */
export function submittedFields(data: FormSubmitInteraction['data']): Map<string, string> {
  const fields = new Map<string, string>();
  for (const row of data.components) {
    for (const input of [...(row.components ?? []), ...(row.component ? [row.component] : [])]) {
      if (typeof input.value === 'string') fields.set(input.custom_id, input.value);
    }
  }
  return fields;
}

export interface RawContextDeps {
  /** Sends the one HTTP response Discord waits for (within 3 seconds). */
  respond(response: APIInteractionResponse): void;
  rest: REST;
  applicationId: string;
}

/**
 * Presents a checked interaction body from the HTTP endpoint (see interaction-body.ts) the same way as a gateway
 * interaction; null for kinds the bot does not handle.
 */
export function fromRawInteraction(interaction: Exclude<ValidInteraction, PingInteraction>, deps: RawContextDeps): InteractionContext | null {
  const user = interaction.member?.user ?? interaction.user;
  if (!user) return null;
  const base = {
    id: interaction.id,
    userId: user.id,
    userName: (user.global_name ?? user.username).slice(0, 50),
    locale: interaction.locale ?? interaction.guild_locale ?? 'ko',
  };
  const webhook = Routes.webhookMessage(deps.applicationId, interaction.token, '@original');
  const repliable = {
    defer: async () => {
      deps.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    },
    edit: async (reply: Reply) => {
      await deps.rest.patch(webhook, { body: messageBody(reply), auth: false });
    },
    followUp: async (reply: Reply) => {
      await deps.rest.post(Routes.webhook(deps.applicationId, interaction.token), {
        body: { ...messageBody(reply), flags: MessageFlags.Ephemeral },
        auth: false,
      });
    },
  };

  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
      if (interaction.data.type !== ApplicationCommandType.ChatInput) return null;
      return {
        ...base,
        ...repliable,
        type: 'command',
        commandName: interaction.data.name,
        options: rawOptionReader(interaction.data.options),
        showForm: async (form) => {
          deps.respond({ type: InteractionResponseType.Modal, data: form });
        },
      };
    case InteractionType.ModalSubmit: {
      const fields = submittedFields(interaction.data);
      return { ...base, ...repliable, type: 'form', customId: interaction.data.custom_id, field: (id) => fields.get(id) ?? null };
    }
    case InteractionType.MessageComponent:
      return { ...base, ...repliable, type: 'button', customId: interaction.data.custom_id };
    case InteractionType.ApplicationCommandAutocomplete:
      return {
        ...base,
        type: 'autocomplete',
        commandName: interaction.data.name,
        options: rawOptionReader(interaction.data.options),
        respond: async (choices) => {
          deps.respond({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
        },
      };
    default:
      return null;
  }
}
