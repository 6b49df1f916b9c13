import { MockAgent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
}

export interface FakeDiscord {
  calls: DiscordCall[];
  /** DMs as (Discord user id, message body), in order. */
  directMessages(): { userId: string; body: Record<string, unknown> }[];
  /** Replaces Discord's answer for calls matching `test` (status and JSON body) while it returns non-null. */
  failWhen(test: (call: DiscordCall) => { status: number; body: unknown } | null): void;
  close(): Promise<void>;
}

const json = { headers: { 'content-type': 'application/json' } };

/**
 * Discord's REST API intercepted (undici MockAgent, no other network than loopback): DM channels, messages, private
 * threads, thread members, channel deletion. Every call is recorded; DM channels are `dm-<user id>`, threads `thread-<n>`.
 */
export function interceptDiscord(): FakeDiscord {
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect(/^127\.0\.0\.1:/);
  setGlobalDispatcher(agent);
  const calls: DiscordCall[] = [];
  let threads = 0;
  let failure: ((call: DiscordCall) => { status: number; body: unknown } | null) | null = null;
  const pool = agent.get('https://discord.com');
  const answer = (method: string) => (request: { path: string; body?: unknown }) => {
    const call: DiscordCall = { method, path: String(request.path).replace(/^\/api\/v10/, ''), body: request.body ? (JSON.parse(String(request.body)) as Record<string, unknown>) : null };
    const failed = failure?.(call) ?? null;
    if (failed) return failed;
    calls.push(call);
    if (method === 'POST' && call.path === '/users/@me/channels') return { status: 200, body: { id: `dm-${String(call.body!.recipient_id)}`, type: 1 } };
    if (method === 'POST' && /^\/channels\/[^/]+\/threads$/.test(call.path)) return { status: 201, body: { id: `thread-${++threads}`, type: 12 } };
    if (method === 'PUT') return { status: 204, body: null };
    return { status: 200, body: { id: `message-${calls.length}` } };
  };
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    pool
      .intercept({ method, path: () => true })
      .reply((options) => {
        const { status, body } = answer(method)(options as { path: string; body?: unknown });
        // A 204 has no body and no content type, as from Discord.
        return status === 204 ? { statusCode: 204, data: '' } : { statusCode: status, data: JSON.stringify(body), responseOptions: json };
      })
      .persist();
  }
  return {
    calls,
    directMessages() {
      const out: { userId: string; body: Record<string, unknown> }[] = [];
      for (const call of calls) {
        const match = /^\/channels\/dm-(\d+)\/messages$/.exec(call.path);
        if (call.method === 'POST' && match) out.push({ userId: match[1]!, body: call.body! });
      }
      return out;
    },
    failWhen(test) {
      failure = test;
    },
    async close() {
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}
