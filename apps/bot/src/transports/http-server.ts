import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType, MessageFlags, type APIInteractionResponse } from 'discord-api-types/v10';
import { translator } from '../i18n';
import type { HandlerDeps } from '../interactions/deps';
import { handleInteraction } from '../interactions/handler';
import { parseInteractionBody, type PingInteraction, type ValidInteraction } from './interaction-body';
import { messageBody } from './message-body';
import { fromRawInteraction } from './raw-context';
import { SeenInteractions } from './seen-interactions';
import { publicKeyFromHex, verifyDiscordSignature } from './signature';

const MAX_BODY_BYTES = 1024 * 1024;
/** Discord gives 3 seconds for the first response; answer a little before that if a handler has not. */
const INITIAL_RESPONSE_DEADLINE_MS = 2500;

export interface HttpTransportOptions {
  publicKeyHex: string;
  applicationId: string;
  rest: REST;
  deps: HandlerDeps;
  now?: () => number;
  /** Interaction ids already run (replays are answered without running again); one per endpoint by default. */
  seen?: SeenInteractions;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

type Runnable = Exclude<ValidInteraction, PingInteraction>;

function unsupported(interaction: Runnable): APIInteractionResponse {
  const t = translator(interaction.locale ?? interaction.guild_locale);
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { ...messageBody({ content: t('error.unsupported') }), flags: MessageFlags.Ephemeral },
  };
}

/**
 * What a replay gets: 200 with a neutral acknowledgement (a deferral; no choices for autocomplete), and nothing runs
 * again. Discord sends an interaction once and does not retry it, so a replay is somebody else's copy of a signed
 * request, and a 409 would only tell them the id is known. Should Discord ever deliver one twice, a 200 is the answer
 * it waits for, and the first run's edit of @original still lands; a 409 would show the member "interaction failed".
 */
function replayAnswer(interaction: Runnable): APIInteractionResponse {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  }
  if (interaction.type === 'unsupported') return unsupported(interaction);
  return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } };
}

/** The HTTP interactions endpoint: POST /interactions (Ed25519-verified) and GET /healthz. */
export function createInteractionsServer(options: HttpTransportOptions): Server {
  const key = publicKeyFromHex(options.publicKeyHex);
  const { deps } = options;
  const now = options.now ?? Date.now;
  const seen = options.seen ?? new SeenInteractions();

  /** Runs the handler and resolves with the first response it gives (or a stand-in when it is too slow). */
  function run(interaction: Runnable): Promise<APIInteractionResponse> {
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    return new Promise<APIInteractionResponse>((resolve) => {
      const respond = (body: APIInteractionResponse) => {
        if (answered) throw new Error('the interaction was already answered');
        answered = true;
        clearTimeout(timer);
        resolve(body);
      };
      const ctx = fromRawInteraction(interaction, { respond, rest: options.rest, applicationId: options.applicationId });
      if (!ctx) {
        respond(unsupported(interaction));
        return;
      }
      timer = setTimeout(() => {
        if (answered) return;
        deps.logger.error({ interactionId: interaction.id }, 'handler did not answer in time');
        respond(
          ctx.type === 'autocomplete'
            ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
            : { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
        );
      }, INITIAL_RESPONSE_DEADLINE_MS);
      handleInteraction(ctx, deps).catch((error: unknown) =>
        deps.logger.error({ err: error, interactionId: interaction.id }, 'interaction handler crashed'),
      );
    });
  }

  // Requests the client got wrong (bad signature, malformed body, replay) are logged at warn or info, never error.
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/healthz') return sendJson(response, 200, { ok: true });
    if (url.pathname !== '/interactions') return sendJson(response, 404, { error: 'not found' });
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'method not allowed' });

    let raw: Buffer;
    try {
      raw = await readBody(request);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge;
      deps.logger.warn({ tooLarge }, 'rejected an interaction request with an unreadable body');
      return sendJson(response, tooLarge ? 413 : 400, { error: 'unreadable body' });
    }
    const check = verifyDiscordSignature(
      key,
      request.headers['x-signature-ed25519'] as string | undefined,
      request.headers['x-signature-timestamp'] as string | undefined,
      raw,
      now() / 1000,
    );
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason }, 'rejected interaction with a bad signature');
      return sendJson(response, 401, { error: 'invalid request signature' });
    }
    const parsed = parseInteractionBody(raw.toString('utf8'));
    if (!parsed.ok) {
      deps.logger.warn({ problem: parsed.error }, 'rejected a malformed interaction');
      return sendJson(response, 400, { error: `malformed interaction: ${parsed.error}` });
    }
    const { interaction } = parsed;
    if (interaction.type === InteractionType.Ping) return sendJson(response, 200, { type: InteractionResponseType.Pong });
    if (!seen.firstSighting(interaction.id)) {
      deps.logger.info({ interactionId: interaction.id }, 'answered a replayed interaction without running it again');
      return sendJson(response, 200, replayAnswer(interaction));
    }
    sendJson(response, 200, await run(interaction));
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'interactions endpoint failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
    });
  });
}

export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}
