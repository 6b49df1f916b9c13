import { REST } from '@discordjs/rest';
import { deployCommands } from './deploy';
import { loadEnv } from './env';

const env = loadEnv();
if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
  console.error('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see apps/bot/README.md).');
  process.exit(1);
}
const rest = new REST({ version: '10' }).setToken(env.DISCORD_TOKEN);
const { scope, count } = await deployCommands(rest, env.DISCORD_APPLICATION_ID, env.DISCORD_GUILD_ID);
console.log(`Registered ${count} commands (${scope}).`);
