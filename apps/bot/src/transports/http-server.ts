import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import { handleInteraction, type HandlerDeps } from '../interaction/handler';
import { fromRawInteraction } from './raw-context';
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

/** The HTTP interactions endpoint: POST /interactions (Ed25519-verified) and GET /healthz. */
export function createInteractionsServer(options: HttpTransportOptions): Server {
  const key = publicKeyFromHex(options.publicKeyHex);
  const { deps } = options;
  const now = options.now ?? Date.now;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/healthz') return sendJson(response, 200, { ok: true });
    if (url.pathname !== '/interactions') return sendJson(response, 404, { error: 'not found' });
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'method not allowed' });

    let raw: Buffer;
    try {
      raw = await readBody(request);
    } catch (error) {
      return sendJson(response, error instanceof BodyTooLarge ? 413 : 400, { error: 'unreadable body' });
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
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(raw.toString('utf8')) as APIInteraction;
    } catch {
      return sendJson(response, 400, { error: 'body is not JSON' });
    }
    if (interaction.type === InteractionType.Ping) return sendJson(response, 200, { type: InteractionResponseType.Pong });

    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    const initial = new Promise<APIInteractionResponse>((resolve) => {
      const respond = (body: APIInteractionResponse) => {
        if (answered) throw new Error('the interaction was already answered');
        answered = true;
        resolve(body);
      };
      const ctx = fromRawInteraction(interaction, { respond, rest: options.rest, applicationId: options.applicationId });
      if (!ctx) {
        respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: '지원하지 않는 요청이에요.', flags: 64 } });
        return;
      }
      timer = setTimeout(() => {
        if (answered) return;
        deps.logger.error({ interactionId: interaction.id }, 'handler did not answer in time');
        respond(
          ctx.type === 'autocomplete'
            ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
            : { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } },
        );
      }, INITIAL_RESPONSE_DEADLINE_MS);
      handleInteraction(ctx, deps).catch((error: unknown) =>
        deps.logger.error({ err: error, interactionId: interaction.id }, 'interaction handler crashed'),
      );
    });
    const body = await initial;
    clearTimeout(timer);
    sendJson(response, 200, body);
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
