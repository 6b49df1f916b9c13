import type { AutocompleteContext, ButtonContext, Choice, CommandContext, Form, FormContext, OptionReader, Reply } from '../../src/interactions/context';

export interface Recorded {
  deferred: number;
  edits: Reply[];
  followUps: Reply[];
  choices: Choice[][];
  forms: Form[];
  /** The reply the member finally sees. */
  readonly last: Reply | undefined;
}

function recorder(): Recorded {
  const recorded = {
    deferred: 0,
    edits: [] as Reply[],
    followUps: [] as Reply[],
    choices: [] as Choice[][],
    forms: [] as Form[],
    get last() {
      return recorded.edits.at(-1);
    },
  };
  return recorded;
}

type OptionValues = Record<string, string | number | undefined>;

export function options(values: OptionValues = {}, subcommand: string | null = null, focused: string | null = null): OptionReader {
  return {
    subcommand: () => subcommand,
    string: (name) => (typeof values[name] === 'string' ? (values[name] as string) : null),
    integer: (name) => (typeof values[name] === 'number' ? (values[name] as number) : null),
    number: (name) => (typeof values[name] === 'number' ? (values[name] as number) : null),
    focused: () => (focused ? { name: focused, value: String(values[focused] ?? '') } : null),
  };
}

let counter = 0;
interface Who {
  userId?: string;
  userName?: string;
  locale?: string;
}

function base(who: Who) {
  counter += 1;
  return { id: `interaction-${counter}`, userId: who.userId ?? '100000000000000001', userName: who.userName ?? '테스터', locale: who.locale ?? 'ko' };
}

export function commandContext(commandName: string, reader: OptionReader, who: Who = {}) {
  const recorded = recorder();
  const ctx: CommandContext = {
    ...base(who),
    type: 'command',
    commandName,
    options: reader,
    defer: async () => void (recorded.deferred += 1),
    showForm: async (form) => void recorded.forms.push(form),
    edit: async (reply) => void recorded.edits.push(reply),
    followUp: async (reply) => void recorded.followUps.push(reply),
  };
  return { ctx, recorded };
}

/** A submitted form with these typed values by input custom id. */
export function formContext(customId: string, values: Record<string, string>, who: Who = {}) {
  const recorded = recorder();
  const ctx: FormContext = {
    ...base(who),
    type: 'form',
    customId,
    field: (id) => values[id] ?? null,
    defer: async () => void (recorded.deferred += 1),
    edit: async (reply) => void recorded.edits.push(reply),
    followUp: async (reply) => void recorded.followUps.push(reply),
  };
  return { ctx, recorded };
}

export function buttonContext(customId: string, who: Who = {}) {
  const recorded = recorder();
  const ctx: ButtonContext = {
    ...base(who),
    type: 'button',
    customId,
    defer: async () => void (recorded.deferred += 1),
    edit: async (reply) => void recorded.edits.push(reply),
    followUp: async (reply) => void recorded.followUps.push(reply),
  };
  return { ctx, recorded };
}

export function autocompleteContext(commandName: string, reader: OptionReader, who: Who = {}) {
  const recorded = recorder();
  const ctx: AutocompleteContext = {
    ...base(who),
    type: 'autocomplete',
    commandName,
    options: reader,
    respond: async (choices) => void recorded.choices.push(choices),
  };
  return { ctx, recorded };
}

/** All custom ids on a reply's buttons, row by row. */
export function customIds(reply: Reply | undefined): string[][] {
  return (reply?.components ?? []).map((row) => row.components.map((component) => ('custom_id' in component ? component.custom_id : '')));
}
