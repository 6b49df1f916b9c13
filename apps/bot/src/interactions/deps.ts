import type { MoimApi } from '../api/types';
import type { Logger } from '../logger';
import { VocabularyCache } from '../vocabulary-cache';
import { Cooldown } from './cooldown';

/** What commands and buttons work with. */
export interface BotDeps {
  api: MoimApi;
  vocabulary: VocabularyCache;
  logger: Logger;
  notifyDefaultThreshold: number;
}

/** What the interaction handler works with: the commands' deps plus the per-user limit it applies first. */
export interface HandlerDeps extends BotDeps {
  cooldown: Cooldown;
}

export interface BotOptions {
  api: MoimApi;
  logger: Logger;
  /** Per-user limit: `cooldownMaxUses` interactions per `cooldownMs` (0 turns it off). */
  cooldownMs?: number;
  cooldownMaxUses?: number;
  notifyDefaultThreshold?: number;
}

/** Everything the handlers need, built once and shared by both transports. */
export function createHandlerDeps(options: BotOptions): HandlerDeps {
  return {
    api: options.api,
    logger: options.logger,
    vocabulary: new VocabularyCache(options.api),
    notifyDefaultThreshold: options.notifyDefaultThreshold ?? 0.7,
    cooldown: new Cooldown(options.cooldownMs ?? 10_000, options.cooldownMaxUses ?? 5),
  };
}
