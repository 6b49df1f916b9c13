import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { ApiConfig } from './env';

/**
 * Secrets (API keys, authorization headers) are redacted wherever they appear. JSON lines on stdout in production
 * and tests; readable, coloured lines in development and on a terminal (`LOG_FORMAT` overrides either way).
 */
export function createLogger(config: Pick<ApiConfig, 'logLevel' | 'nodeEnv'> & Partial<Pick<ApiConfig, 'logFormat'>>): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'moim-api' },
    redact: {
      paths: ['key', '*.key', 'apiKey', 'authorization', '*.authorization', 'headers.authorization', 'headers["x-api-key"]', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (resolveLogFormat(config) === 'json') return pino(options);
  // Synchronous on the main thread (no transport worker), so nothing is lost when the process exits.
  return pino(options, pinoPretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', sync: true }));
}

export function resolveLogFormat(config: Pick<ApiConfig, 'nodeEnv'> & Partial<Pick<ApiConfig, 'logFormat'>>): 'json' | 'pretty' {
  if (config.logFormat) return config.logFormat;
  return config.nodeEnv === 'development' || process.stdout.isTTY === true ? 'pretty' : 'json';
}
