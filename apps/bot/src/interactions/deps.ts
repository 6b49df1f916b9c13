import type { MoimApi } from './api/types';
import type { HandlerDeps } from './interaction/handler';
import { Cooldown } from './interaction/cooldown';
import type { Logger } from './logger';
import { NotificationStore } from './notifications/store';
import { VocabularyCache } from './vocabulary-cache';

export interface BotOptions {
  api: MoimApi;
  logger: Logger;
  /** Per-user limit: `cooldownMaxUses` interactions per `cooldownMs` (0 turns it off). */
  cooldownMs?: number;
  cooldownMaxUses?: number;
  notifyStorePath?: string | null;
  notifyDefaultThreshold?: number;
}

/** Everything the handlers need, built once and shared by both transports. */
export function createHandlerDeps(options: BotOptions): HandlerDeps {
  return {
    api: options.api,
    logger: options.logger,
    vocabulary: new VocabularyCache(options.api),
    notifications: new NotificationStore(options.notifyStorePath ?? null),
    notifyDefaultThreshold: options.notifyDefaultThreshold ?? 0.7,
    cooldown: new Cooldown(options.cooldownMs ?? 10_000, options.cooldownMaxUses ?? 5),
  };
}
