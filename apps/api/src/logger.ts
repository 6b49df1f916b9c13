import { pino, type Logger } from 'pino';
import type { ApiConfig } from './env';

/** JSON logs on stdout; secrets (API keys, authorization headers) are redacted wherever they appear. */
export function createLogger(config: Pick<ApiConfig, 'logLevel' | 'nodeEnv'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'moim-api' },
    redact: {
      paths: ['key', '*.key', 'apiKey', 'authorization', '*.authorization', 'headers.authorization', 'headers["x-api-key"]', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
