import type {
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandJson } from '../src/commands/index';

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Every limit from https://discord.com/developers/docs/interactions/application-commands that our JSON can break. */
function problems(command: RESTPostAPIChatInputApplicationCommandsJSONBody): string[] {
  const found: string[] = [];
  let characters = 0;
  const checkName = (where: string, name: string) => {
    if (!NAME.test(name)) found.push(`${where}: name "${name}" does not match ${NAME}`);
    if (name !== name.toLowerCase()) found.push(`${where}: name "${name}" is not lowercase`);
    characters += name.length;
  };
  const checkDescription = (where: string, description: string, localizations?: Record<string, string | null> | null) => {
    for (const text of [description, ...Object.values(localizations ?? {})]) {
      if (!text || text.length < 1 || text.length > 100) found.push(`${where}: description length ${text?.length} not in 1..100`);
    }
    characters += description.length;
  };
  const checkOptions = (where: string, options: readonly APIApplicationCommandOption[] | undefined) => {
    if (!options) return;
    if (options.length > 25) found.push(`${where}: ${options.length} options > 25`);
    const names = new Set<string>();
    let optionalSeen = false;
    for (const option of options) {
      const at = `${where}.${option.name}`;
      if (names.has(option.name)) found.push(`${at}: duplicate option name`);
      names.add(option.name);
      checkName(at, option.name);
      checkDescription(at, option.description, option.description_localizations);
      if ('required' in option && option.required) {
        if (optionalSeen) found.push(`${at}: required option after an optional one`);
      } else optionalSeen = true;
      if ('choices' in option && option.choices) {
        if (option.choices.length > 25) found.push(`${at}: ${option.choices.length} choices > 25`);
        if ('autocomplete' in option && option.autocomplete) found.push(`${at}: choices and autocomplete together`);
        for (const choice of option.choices) {
          if (choice.name.length < 1 || choice.name.length > 100) found.push(`${at}: choice name "${choice.name}" length`);
          if (typeof choice.value === 'string' && choice.value.length > 100) found.push(`${at}: choice value too long`);
          characters += choice.name.length + String(choice.value).length;
        }
      }
      if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
        checkOptions(at, option.options);
      }
    }
  };
  checkName(command.name, command.name);
  checkDescription(command.name, command.description ?? '', command.description_localizations);
  checkOptions(command.name, command.options);
  if (characters > 4000) found.push(`${command.name}: ${characters} characters > 4000`);
  return found;
}

describe('slash command JSON', () => {
  const json = commandJson();

  it('defines the member commands exactly once each', () => {
    expect(json.map((command) => command.name).sort()).toEqual(['match', 'notify', 'open', 'profile', 'team']);
  });

  it.each(json.map((command) => [command.name, command] as const))('/%s is within Discord limits', (_name, command) => {
    expect(problems(command)).toEqual([]);
  });

  it('the checker catches broken definitions', () => {
    const broken = {
      name: 'Bad Name',
      description: 'x'.repeat(101),
      options: Array.from({ length: 26 }, (_, i) => ({
        type: ApplicationCommandOptionType.String,
        name: `o${i}`,
        description: 'd',
        choices: Array.from({ length: 26 }, (_, j) => ({ name: `c${j}`, value: `${j}` })),
      })),
    } as RESTPostAPIChatInputApplicationCommandsJSONBody;
    const found = problems(broken).join('\n');
    expect(found).toMatch(/does not match/);
    expect(found).toMatch(/not lowercase/);
    expect(found).toMatch(/description length 101/);
    expect(found).toMatch(/26 options > 25/);
    expect(found).toMatch(/26 choices > 25/);
  });

  it('/match offers kind choices and autocompletes region, stacks and extras with years bounded 0..50', () => {
    const match = json.find((command) => command.name === 'match')!;
    const byName = Object.fromEntries((match.options ?? []).map((option) => [option.name, option]));
    expect(Object.keys(byName)).toEqual(['kind', 'region', 'years', 'stack', 'stack2', 'stack3', 'extra', 'extra2', 'extra3']);
    expect(byName.kind).toMatchObject({ choices: [{ value: 'PROJECT', name: '프로젝트' }, { value: 'STUDY', name: '스터디' }] });
    expect(byName.years).toMatchObject({ min_value: 0, max_value: 50 });
    for (const name of ['region', 'stack', 'stack2', 'stack3', 'extra']) expect(byName[name]).toMatchObject({ autocomplete: true });
  });

  it('/open takes kind (fixed choices) and region (autocomplete) as options; the rest comes in its form', () => {
    const open = json.find((command) => command.name === 'open')!;
    const byName = Object.fromEntries((open.options ?? []).map((option) => [option.name, option]));
    expect(Object.keys(byName)).toEqual(['kind', 'region']);
    expect(byName.kind).toMatchObject({ required: true, choices: [{ value: 'PROJECT' }, { value: 'STUDY' }] });
    expect(byName.region).toMatchObject({ required: true, autocomplete: true });
  });
});
