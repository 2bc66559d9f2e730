import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../context';
import { HealthResponse } from '../schemas';

const PROBE_TIMEOUT_MS = 3_000;

/** "ok", or why the probe failed (a timeout counts as down). */
async function probe(check: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Public, so load balancers and scripts can call it without a token. */
export const healthRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Whether Temporal and Kafka are reachable (no token needed)',
        security: [],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const [temporal, kafka] = await Promise.all([probe(ctx.health.temporal), probe(ctx.health.kafka)]);
      const ok = temporal === 'ok' && kafka === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', temporal, kafka });
    },
  );
};
