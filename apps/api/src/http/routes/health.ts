import type { FastifyInstance } from 'fastify';
import type { Guards } from '../guards';
import { sendJson } from '../respond';

export type Readiness = () => Promise<{ ready: boolean; checks: Record<string, string> }>;

/** /healthz: the process answers. /readyz: database reachable, model loaded, start-up done (per-IP limited). */
export async function healthRoutes(app: FastifyInstance, deps: { guards: Guards; readiness: Readiness }): Promise<void> {
  let inFlight: ReturnType<Readiness> | undefined;
  /** Concurrent probes share one database ping. */
  const readiness = (): ReturnType<Readiness> =>
    (inFlight ??= deps.readiness().finally(() => {
      inFlight = undefined;
    }));

  app.get('/healthz', async (_request, reply) => sendJson(reply, 200, { status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    if (await deps.guards.readyzLimited(request, reply)) return reply;
    const { ready, checks } = await readiness();
    return sendJson(reply, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  });
}
