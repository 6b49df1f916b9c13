import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { BotEnv } from './env';

export type { Logger };

type LogSettings = Partial<Pick<BotEnv, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>>;

/** JSON lines in production and tests; readable lines in development or on a terminal (LOG_FORMAT overrides). */
export function createLogger(settings: LogSettings = {}): Logger {
  const options = { name: 'moim-bot', level: settings.LOG_LEVEL ?? 'info' };
  const format = settings.LOG_FORMAT ?? ((settings.NODE_ENV ?? 'production') === 'development' || process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'json') return pino(options);
  return pino(options, pinoPretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }));
}
