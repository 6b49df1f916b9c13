import type { REST } from '@discordjs/rest';
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import { commandJson } from './commands/index';

/** Registers every slash command: in one guild (instant, for development) or globally (may take up to an hour). */
export async function deployCommands(rest: REST, applicationId: string, guildId?: string): Promise<{ scope: string; count: number }> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const result = (await rest.put(route, { body: commandJson() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: guildId ? `guild ${guildId}` : 'global', count: result.length };
}
