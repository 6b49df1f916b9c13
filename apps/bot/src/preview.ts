import { parseArgs } from 'node:util';
import { createGraphqlApi } from './api/moim-graphql-api';
import { createHandlerDeps } from './interactions/deps';
import { loadEnv } from './env';
import { createLogger } from './logger';
import type { CommandContext, OptionReader, Reply } from './interactions/context';
import { handleInteraction } from './interactions/handler';
import { replyAsText } from './render/as-text';

/**
 * Runs one slash command through the real handler against the configured API and prints the reply as text,
 * without Discord. Example: pnpm --filter @moim/bot preview match --region 서울특별시 --years 2 --stack Java
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    sub: { type: 'string' },
    user: { type: 'string', default: '100000000000000001' },
    locale: { type: 'string', default: 'ko' },
    kind: { type: 'string' },
    region: { type: 'string' },
    years: { type: 'string' },
    stack: { type: 'string' },
    stack2: { type: 'string' },
    stack3: { type: 'string' },
    extra: { type: 'string' },
    extra2: { type: 'string' },
    extra3: { type: 'string' },
    opening: { type: 'string' },
    threshold: { type: 'string' },
  },
});
const commandName = positionals[0] ?? 'match';
const integerOptions = new Set(['years', 'threshold']);
const reader: OptionReader = {
  subcommand: () => values.sub ?? null,
  string: (name) => (integerOptions.has(name) ? null : ((values as Record<string, string | undefined>)[name] ?? null)),
  integer: (name) => {
    const text = (values as Record<string, string | undefined>)[name];
    return integerOptions.has(name) && text !== undefined ? Number(text) : null;
  },
  number: () => null,
  focused: () => null,
};

const env = loadEnv();
const api = createGraphqlApi({ url: env.MOIM_API_URL, apiKey: env.MOIM_BOT_KEY });
const deps = createHandlerDeps({ api, logger: createLogger({ ...env, LOG_LEVEL: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL }), cooldownMs: 0 });
let last: Reply = {};
const ctx: CommandContext = {
  id: 'preview',
  type: 'command',
  commandName,
  userId: values.user!,
  userName: 'preview',
  locale: values.locale!,
  options: reader,
  defer: async () => {},
  showForm: async (form) => {
    const inputs = form.components.flatMap((row) => ('components' in row ? row.components : [])).map((input) => `[${'label' in input ? input.label : '?'}]`);
    last = { content: `${form.title}\n${inputs.join('\n')}` };
  },
  edit: async (reply) => {
    last = reply;
  },
  followUp: async () => {},
};
await handleInteraction(ctx, deps);
console.log(replyAsText(last));
