import type { Command } from '../interactions/command';
import { match } from './match';
import { notify } from './notify';
import { profile } from './profile';
import { team } from './team';

export const commands: readonly Command[] = [match, profile, team, notify];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((command) => [command.data.name, command]));

export function commandJson() {
  return commands.map((command) => command.data.toJSON());
}
