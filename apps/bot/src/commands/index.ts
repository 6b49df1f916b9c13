import type { Command } from '../interactions/command';
import { match } from './match';
import { notify } from './notify';
import { open } from './open';
import { profile } from './profile';
import { team } from './team';

export const commands: readonly Command[] = [match, profile, open, team, notify];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((command) => [command.data.name, command]));

/** Commands that answer a submitted form, by the prefix of the form's custom id. */
export const commandsByFormPrefix: ReadonlyMap<string, Command> = new Map(
  commands.flatMap((command) => (command.formPrefix ? [[command.formPrefix, command] as const] : [])),
);

export function commandJson() {
  return commands.map((command) => command.data.toJSON());
}
