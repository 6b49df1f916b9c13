import { InteractionType } from 'discord-api-types/v10';
import { z } from 'zod';

/**
 * The parts of a signed interaction body the bot reads, checked once at the edge of the HTTP transport, so that a
 * body Discord would never send (null, an array, a component without `data`, a string id) is a 400 and not a crash
 * somewhere inside a handler. Unknown fields are dropped; unknown interaction types keep only the common fields.
 */

const snowflake = z.string().regex(/^\d{1,20}$/, 'expected a snowflake string');
const value = z.union([z.string(), z.number(), z.boolean()]);

const user = z.object({ id: snowflake, username: z.string(), global_name: z.string().nullish() });

/** Discord nests options at most three deep: subcommand group > subcommand > option. */
const leafOption = z.object({ name: z.string(), type: z.number().int(), value: value.optional(), focused: z.boolean().optional() });
const subcommandOption = leafOption.extend({ options: z.array(leafOption).max(25).optional() });
const topOption = leafOption.extend({ options: z.array(subcommandOption).max(25).optional() });
const options = z.array(topOption).max(25).optional();

const common = {
  id: snowflake,
  token: z.string().min(1).max(1000),
  locale: z.string().max(20).optional(),
  guild_locale: z.string().max(20).nullish(),
  member: z.object({ user }).optional(),
  user: user.optional(),
};

const ping = z.object({ type: z.literal(InteractionType.Ping) });
const command = z.object({
  ...common,
  type: z.literal(InteractionType.ApplicationCommand),
  data: z.object({ name: z.string().min(1).max(32), type: z.number().int(), options }),
});
const component = z.object({
  ...common,
  type: z.literal(InteractionType.MessageComponent),
  data: z.object({ custom_id: z.string().max(100), component_type: z.number().int() }),
});
const autocomplete = z.object({
  ...common,
  type: z.literal(InteractionType.ApplicationCommandAutocomplete),
  data: z.object({ name: z.string().min(1).max(32), options }),
});
/** A submitted form: text inputs in action rows (or, in newer forms, one component per label). */
const submittedInput = z.object({ type: z.number().int(), custom_id: z.string().max(100), value: z.string().max(4000).optional() });
const submittedRow = z.object({
  type: z.number().int(),
  components: z.array(submittedInput).max(5).optional(),
  component: submittedInput.optional(),
});
const formSubmit = z.object({
  ...common,
  type: z.literal(InteractionType.ModalSubmit),
  data: z.object({ custom_id: z.string().max(100), components: z.array(submittedRow).max(5) }),
});
const other = z
  .object({ ...common, type: z.number().int().positive() })
  .transform(({ type, ...rest }) => ({ ...rest, type: 'unsupported' as const, discordType: type }));

export type RawOption = z.infer<typeof topOption>;
export type PingInteraction = z.infer<typeof ping>;
export type CommandInteraction = z.infer<typeof command>;
export type ComponentInteraction = z.infer<typeof component>;
export type AutocompleteInteraction = z.infer<typeof autocomplete>;
export type FormSubmitInteraction = z.infer<typeof formSubmit>;
/** A type the bot does not handle (types Discord adds later): answered, never run. */
export type UnsupportedInteraction = z.output<typeof other>;
export type ValidInteraction =
  | PingInteraction
  | CommandInteraction
  | ComponentInteraction
  | AutocompleteInteraction
  | FormSubmitInteraction
  | UnsupportedInteraction;

const byType: Record<number, z.ZodType<ValidInteraction, unknown>> = {
  [InteractionType.Ping]: ping,
  [InteractionType.ApplicationCommand]: command,
  [InteractionType.MessageComponent]: component,
  [InteractionType.ApplicationCommandAutocomplete]: autocomplete,
  [InteractionType.ModalSubmit]: formSubmit,
};

const envelope = z.object({ type: z.number().int().positive() });

export type ParsedBody = { ok: true; interaction: ValidInteraction } | { ok: false; error: string };

function describe(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0]!;
  return `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`;
}

/** Parses and checks a raw interaction body; the error names the first field that is wrong. */
export function parseInteractionBody(raw: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'body is not JSON' };
  }
  const head = envelope.safeParse(json);
  if (!head.success) return { ok: false, error: describe(head.error.issues) };
  const result = (byType[head.data.type] ?? other).safeParse(json);
  if (!result.success) return { ok: false, error: describe(result.error.issues) };
  const interaction = result.data;
  if (interaction.type !== InteractionType.Ping && !interaction.member?.user && !interaction.user) {
    return { ok: false, error: 'user: required (or member.user)' };
  }
  return { ok: true, interaction };
}
