import { randomBytes } from 'node:crypto';
import { executeButton } from './buttons';
import { commandsByFormPrefix, commandsByName } from '../commands/index';
import { translator, type Translate } from '../i18n';
import type { Choice, CommandContext, Form, InteractionContext, RepliableContext, Reply } from './context';
import type { BotDeps, HandlerDeps } from './deps';
import { explainError, staleButton, UserFacingError } from './errors';

/** Discord waits 3 s for the first answer; a form must be shown within it, so its preparation gets less. */
export const FORM_BUDGET_MS = 2_000;

async function route(ctx: RepliableContext, deps: BotDeps): Promise<Reply> {
  if (ctx.type === 'button') return executeButton(ctx, deps);
  if (ctx.type === 'form') {
    const command = commandsByFormPrefix.get(ctx.customId.split(':')[0]!);
    if (!command?.submit) throw staleButton();
    return command.submit(ctx, deps);
  }
  const command = commandsByName.get(ctx.commandName);
  if (!command) throw staleButton();
  return command.execute(ctx, deps);
}

/** The form a command asks with, prepared within FORM_BUDGET_MS (a slow API is answered like an unreachable one). */
async function prepareForm(ctx: CommandContext, deps: BotDeps): Promise<Form | null> {
  const command = commandsByName.get(ctx.commandName);
  if (!command?.form) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UserFacingError('error.apiUnreachable')), FORM_BUDGET_MS);
  });
  try {
    return await Promise.race([command.form(ctx, deps), late]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(ctx: InteractionContext) {
  return {
    interactionId: ctx.id,
    userId: ctx.userId,
    type: ctx.type,
    command: ctx.type === 'button' || ctx.type === 'form' ? undefined : ctx.commandName,
    subcommand: ctx.type === 'button' || ctx.type === 'form' ? undefined : ctx.options.subcommand(),
    customId: ctx.type === 'button' || ctx.type === 'form' ? ctx.customId : undefined,
  };
}

type Log = HandlerDeps['logger'];

function logFailure(log: Log, error: unknown, t: Translate, started: number): Reply {
  const ref = randomBytes(3).toString('hex');
  const explained = explainError(error, t, ref);
  const entry = { err: error, ref, reply: explained.key, ms: Math.round(performance.now() - started) };
  if (explained.expected) log.warn(entry, 'interaction failed');
  else log.error(entry, 'interaction failed unexpectedly');
  return { content: explained.text, embeds: [], components: [] };
}

/**
 * The one entry point for every interaction from either transport: defer at once (or show a command's form), run,
 * edit the reply. Every API call it makes acts for the member who typed or clicked (`actingAs`). Any failure becomes
 * a polite ephemeral message and a log line; nothing escapes to crash the process.
 */
export async function handleInteraction(ctx: InteractionContext, handlerDeps: HandlerDeps): Promise<void> {
  const deps: HandlerDeps = { ...handlerDeps, api: handlerDeps.api.actingAs(ctx.userId) };
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
  const started = performance.now();
  const wait = deps.cooldown.take(ctx.userId);
  let failed: Reply | null = null;
  if (wait === 0 && ctx.type === 'command') {
    try {
      const form = await prepareForm(ctx, deps);
      if (form) {
        await ctx.showForm(form);
        log.info({ ms: Math.round(performance.now() - started) }, 'form shown');
        return;
      }
    } catch (error) {
      failed = logFailure(log, error, t, started);
    }
  }
  try {
    await ctx.defer();
  } catch (error) {
    log.error({ err: error }, 'could not defer the interaction');
    return;
  }
  if (wait > 0) {
    await safeEdit(ctx, { content: t('error.cooldown', { seconds: Math.ceil(wait / 1000) }) }, log);
    return;
  }
  if (failed) {
    await safeEdit(ctx, failed, log);
    return;
  }
  let reply: Reply;
  try {
    reply = await route(ctx, deps);
  } catch (error) {
    await safeEdit(ctx, logFailure(log, error, t, started), log);
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
