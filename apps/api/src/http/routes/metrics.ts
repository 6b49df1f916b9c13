import type { FastifyInstance } from 'fastify';
import type { Guards } from '../guards';
import type { Metrics } from '../metrics';

/** GET /metrics: Prometheus text, behind METRICS_TOKEN (see Guards.metricsAllowed). */
export async function metricsRoutes(app: FastifyInstance, deps: { guards: Guards; metrics: Metrics }): Promise<void> {
  app.get('/metrics', { exposeHeadRoute: false }, async (request, reply) => {
    if (!(await deps.guards.metricsAllowed(request, reply))) return reply;
    const text = await deps.metrics.registry.metrics();
    return reply.code(200).header('content-type', deps.metrics.registry.contentType).send(text);
  });
}
