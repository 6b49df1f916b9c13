import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOptionResolver,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { InteractionContext, OptionReader, Reply } from '../interactions/context';
import { NO_MENTIONS } from './message-body';

type Resolver = Omit<CommandInteractionOptionResolver, 'getMessage' | 'getFocused'> | AutocompleteInteraction['options'];

function optionReader(options: Resolver, autocomplete: boolean): OptionReader {
  return {
    subcommand: () => options.getSubcommand(false),
    string: (name) => options.getString(name),
    integer: (name) => options.getInteger(name),
    number: (name) => options.getNumber(name),
    focused: () => {
      if (!autocomplete) return null;
      const focused = (options as AutocompleteInteraction['options']).getFocused(true);
      return { name: focused.name, value: String(focused.value) };
    },
  };
}

function base(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction | AutocompleteInteraction) {
  return {
    id: interaction.id,
    userId: interaction.user.id,
    userName: (interaction.user.globalName ?? interaction.user.username).slice(0, 50),
    locale: interaction.locale,
  };
}

function repliable(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction) {
  return {
    defer: async () => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    },
    edit: async (reply: Reply) => {
      await interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS });
    },
    followUp: async (reply: Reply) => {
      await interaction.followUp({ ...reply, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    },
  };
}

/** Presents a discord.js gateway interaction as a transport-neutral context; null for kinds the bot ignores. */
export function fromDiscordJs(interaction: Interaction): InteractionContext | null {
  if (interaction.isChatInputCommand()) {
    return {
      ...base(interaction),
      type: 'command',
      commandName: interaction.commandName,
      options: optionReader(interaction.options, false),
      ...repliable(interaction),
      showForm: async (form) => {
        await interaction.showModal(form);
      },
    };
  }
  if (interaction.isModalSubmit()) {
    const fields = interaction.fields;
    return {
      ...base(interaction),
      type: 'form',
      customId: interaction.customId,
      field: (id) => {
        try {
          return fields.getTextInputValue(id);
        } catch {
          return null;
        }
      },
      ...repliable(interaction),
    };
  }
  if (interaction.isButton()) {
    return {
      ...base(interaction),
      type: 'button',
      customId: interaction.customId,
      ...repliable(interaction),
    };
  }
  if (interaction.isAutocomplete()) {
    return {
      ...base(interaction),
      type: 'autocomplete',
      commandName: interaction.commandName,
      options: optionReader(interaction.options, true),
      respond: (choices) => interaction.respond(choices),
    };
  }
  return null;
}
