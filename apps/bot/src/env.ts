import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord snowflake (17-20 digits)');

export const envSchema = z.object({
  MOIM_API_URL: z.url().default('http://127.0.0.1:4000/graphql'),
  MOIM_BOT_KEY: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_PUBLIC_KEY: optionalText.pipe(
    z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex characters shown in the Developer Portal').optional(),
  ),
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  BOT_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  BOT_HTTP_HOST: z.string().default('0.0.0.0'),
  BOT_COOLDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  BOT_COOLDOWN_MAX_USES: z.coerce.number().int().min(1).max(100).default(5),
  BOT_NOTIFY_DEFAULT_THRESHOLD: z.coerce.number().min(0).max(1).default(0.7),
  /** A text channel where each formed team gets a private thread; unset, members are told by DM. */
  BOT_TEAM_CHANNEL_ID: optionalText.pipe(snowflake.optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines in development or on a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export type BotEnv = z.infer<typeof envSchema>;

/** Parses the environment once; the only place in the bot that reads process.env. */
export function loadEnv(source: Record<string, string | undefined> = process.env): BotEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid bot environment:\n${problems}`);
  }
  return result.data;
}
