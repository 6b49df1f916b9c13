// Discord's REST API as the bot processes of the end-to-end test reach it (they are other processes, so undici's
// MockAgent cannot intercept them): DM channels, messages, private threads, thread members. Every call is recorded
// with the token that made it, so the test knows which bot process delivered what.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DiscordCall {
  method: string;
  path: string;
  /** The bot token after "Bot ". */
  token: string;
  body: Record<string, unknown> | null;
  at: number;
}

export interface DirectMessage {
  userId: string;
  token: string;
  content: string;
  customIds: string[];
  at: number;
}

export interface FakeDiscordServer {
  /** What to give the bot processes as Discord's REST base (`…/api`). */
  apiUrl: string;
  calls: DiscordCall[];
  directMessages(): DirectMessage[];
  /**
   * The next DM message for which `test` holds is received and recorded, and then its answer is held: the sender
   * waits, mid-delivery, until `release()`. Resolves with that call once it arrives.
   */
  holdNext(test: (call: DiscordCall) => boolean): { held: Promise<DiscordCall>; release(): void };
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => resolve(raw));
    request.on('error', reject);
  });
}

function customIdsOf(body: Record<string, unknown> | null): string[] {
  const rows = (body?.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => (row.components ?? []).map((component) => component.custom_id ?? ''));
}

/** Thread ids are snowflakes, as from Discord (the API checks what it records). */
export function threadId(n: number): string {
  return `78${String(n).padStart(16, '0')}`;
}

export async function startFakeDiscord(): Promise<FakeDiscordServer> {
  const calls: DiscordCall[] = [];
  let threads = 0;
  let hold: { test: (call: DiscordCall) => boolean; arrived: (call: DiscordCall) => void; gate: Promise<void> } | null = null;

  const server: Server = createServer((request, response) => {
    readBody(request)
      .then(async (raw) => {
        const path = (request.url ?? '/').replace(/^\/api\/v10/, '').split('?')[0]!;
        const call: DiscordCall = {
          method: request.method ?? 'GET',
          path,
          token: String(request.headers.authorization ?? '').replace(/^Bot /, ''),
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : null,
          at: Date.now(),
        };
        calls.push(call);
        const send = (status: number, body?: unknown) => {
          if (body === undefined) {
            response.writeHead(status).end();
            return;
          }
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        };
        if (call.method === 'POST' && path === '/users/@me/channels') return send(200, { id: `dm-${String(call.body?.recipient_id)}`, type: 1 });
        if (call.method === 'POST' && /^\/channels\/[^/]+\/threads$/.test(path)) return send(201, { id: threadId(++threads), type: 12 });
        if (call.method === 'PUT' && /\/thread-members\//.test(path)) return send(204);
        if (call.method === 'POST' && /\/messages$/.test(path)) {
          if (hold && path.startsWith('/channels/dm-') && hold.test(call)) {
            const current = hold;
            hold = null;
            current.arrived(call);
            await current.gate;
          }
          return send(200, { id: `message-${calls.length}`, channel_id: path.split('/')[2] });
        }
        if (call.method === 'DELETE') return send(200, { id: path.split('/')[2] });
        send(404, { message: 'Unknown route', code: 0 });
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    directMessages() {
      return calls.flatMap((call) => {
        const match = /^\/channels\/dm-(\d+)\/messages$/.exec(call.path);
        if (call.method !== 'POST' || !match) return [];
        return [{ userId: match[1]!, token: call.token, content: String(call.body?.content ?? ''), customIds: customIdsOf(call.body), at: call.at }];
      });
    },
    holdNext(test) {
      let arrived!: (call: DiscordCall) => void;
      let release!: () => void;
      const held = new Promise<DiscordCall>((resolve) => (arrived = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      hold = { test, arrived, gate };
      return { held, release };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
