// pnpm --filter @moim/api keys:create --role ADMIN|BOT --name "who uses it"
// Prints the new key once; only its sha256 is stored. Uses the API's env (DATABASE_URL or the PGlite data dir).
import { openDatabase } from '@moim/db';
import { createApiKey } from '../src/auth/api-keys';
import { loadConfig } from '../src/env';
import { flags } from './cli-args';

const args = flags({ role: { type: 'string' }, name: { type: 'string' } });
const role = args.role?.toUpperCase();
if (role !== 'ADMIN' && role !== 'BOT') {
  console.error(`--role must be ADMIN or BOT, got ${JSON.stringify(args.role ?? null)}`);
  process.exit(2);
}
const name = args.name?.trim() ?? '';
if (name.length < 1 || name.length > 100) {
  console.error('--name must be 1 to 100 characters (who or what uses the key)');
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
try {
  const { key, apiKey } = await createApiKey(db.prisma, { name, role });
  console.error(`created ${apiKey.role} key ${JSON.stringify(apiKey.name)} (id ${apiKey.id}); store it now, it is not shown again:`);
  console.log(key);
} finally {
  await db.close();
}
