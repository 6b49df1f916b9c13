// `pnpm --filter @moim/bot deploy-commands`: registers the slash commands of src/commands/ with Discord.
import { pathToFileURL } from 'node:url';
import { REST } from '@discordjs/rest';
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import { commandJson } from './commands/index';
import { loadEnv } from './env';

/** Registers every slash command: in one guild (instant, for development) or globally (may take up to an hour). */
export async function registerSlashCommands(rest: REST, applicationId: string, guildId?: string): Promise<{ scope: string; count: number }> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const result = (await rest.put(route, { body: commandJson() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: guildId ? `guild ${guildId}` : 'global', count: result.length };
}

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
    console.error('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see apps/bot/README.md).');
    process.exit(1);
  }
  const rest = new REST({ version: '10' }).setToken(env.DISCORD_TOKEN);
  const { scope, count } = await registerSlashCommands(rest, env.DISCORD_APPLICATION_ID, env.DISCORD_GUILD_ID);
  console.log(`Registered ${count} commands (${scope}).`);
}

// Run as a script (tsx src/register-slash-commands.ts); imported (by the tests), it only defines the function.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
