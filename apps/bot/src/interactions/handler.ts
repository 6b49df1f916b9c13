import { randomBytes } from 'node:crypto';
import { executeButton } from './buttons';
import { commandsByName } from '../commands/index';
import { translator } from '../i18n';
import type { Choice, InteractionContext, RepliableContext, Reply } from './context';
import type { BotDeps, HandlerDeps } from './deps';
import { explainError, staleButton } from './errors';

async function route(ctx: RepliableContext, deps: BotDeps): Promise<Reply> {
  if (ctx.type === 'button') return executeButton(ctx, deps);
  const command = commandsByName.get(ctx.commandName);
  if (!command) throw staleButton();
  return command.execute(ctx, deps);
}

function describe(ctx: InteractionContext) {
  return {
    interactionId: ctx.id,
    userId: ctx.userId,
    type: ctx.type,
    command: ctx.type === 'button' ? undefined : ctx.commandName,
    subcommand: ctx.type === 'button' ? undefined : ctx.options.subcommand(),
    customId: ctx.type === 'button' ? ctx.customId : undefined,
  };
}

/**
 * The one entry point for every interaction from either transport: defer at once, run, edit the reply.
 * Any failure becomes a polite ephemeral message and a log line; nothing escapes to crash the process.
 */
export async function handleInteraction(ctx: InteractionContext, deps: HandlerDeps): Promise<void> {
  const log = deps.logger.child(describe(ctx));
  if (ctx.type === 'autocomplete') {
    let choices: Choice[] = [];
    try {
      choices = (await commandsByName.get(ctx.commandName)?.autocomplete?.(ctx, deps)) ?? [];
    } catch (error) {
      log.warn({ err: error }, 'autocomplete failed; answering with no choices');
    }
    try {
      await ctx.respond(choices);
    } catch (error) {
      log.warn({ err: error }, 'could not send autocomplete choices');
    }
    return;
  }

  const t = translator(ctx.locale);
  try {
    await ctx.defer();
  } catch (error) {
    log.error({ err: error }, 'could not defer the interaction');
    return;
  }
  const wait = deps.cooldown.take(ctx.userId);
  if (wait > 0) {
    await safeEdit(ctx, { content: t('error.cooldown', { seconds: Math.ceil(wait / 1000) }) }, log);
    return;
  }
  const started = performance.now();
  let reply: Reply;
  try {
    reply = await route(ctx, deps);
  } catch (error) {
    const ref = randomBytes(3).toString('hex');
    const explained = explainError(error, t, ref);
    const entry = { err: error, ref, reply: explained.key, ms: Math.round(performance.now() - started) };
    if (explained.expected) log.warn(entry, 'interaction failed');
    else log.error(entry, 'interaction failed unexpectedly');
    await safeEdit(ctx, { content: explained.text, embeds: [], components: [] }, log);
    return;
  }
  try {
    await ctx.edit(reply);
    log.info({ ms: Math.round(performance.now() - started) }, 'interaction answered');
  } catch (error) {
    // Discord refused or could not be reached; a short text reply may still get through.
    const ref = randomBytes(3).toString('hex');
    log.error({ err: error, ref }, 'could not deliver the reply to Discord');
    await safeEdit(ctx, { content: t('error.unknown', { ref }), embeds: [], components: [] }, log);
  }
}

async function safeEdit(ctx: RepliableContext, reply: Reply, log: { error: (obj: object, msg: string) => void }) {
  try {
    await ctx.edit(reply);
  } catch (error) {
    log.error({ err: error }, 'could not edit the reply');
  }
}
