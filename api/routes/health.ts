import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../context';
import { ErrorResponse, HealthResponse, LiveResponse, PUBLIC_ERRORS, ReadyResponse } from '../schemas';

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
        operationId: 'getHealth',
        summary: 'Whether Temporal and Kafka are reachable (no token needed)',
        security: [],
        response: {
          ...PUBLIC_ERRORS,
          200: HealthResponse,
          // Degraded; or the API is shutting down, in the error shape.
          503: {
            description: 'Temporal or Kafka is down, or the API is shutting down',
            content: { 'application/json': { schema: z.union([HealthResponse, ErrorResponse]) } },
          },
        },
      },
    },
    async (_request, reply) => {
      const [temporal, kafka] = await Promise.all([probe(ctx.health.temporal), probe(ctx.health.kafka)]);
      const ok = temporal === 'ok' && kafka === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', temporal, kafka });
    },
  );

  // Liveness: the process is up and serving; restart it only when this fails.
  app.get(
    '/v1/health/live',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getLiveness',
        summary: 'Whether the API process is up (no token needed; touches no other system)',
        security: [],
        response: {
          ...PUBLIC_ERRORS,
          200: LiveResponse,
          503: { description: 'The API is shutting down', content: { 'application/json': { schema: ErrorResponse } } },
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  // Readiness: what this process needs to answer calls. Kafka is not among it: only the live
  // stream reads it, and that reconnects on its own, so a broker outage does not take the API out.
  app.get(
    '/v1/health/ready',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        summary: 'Whether the API can serve calls: Temporal reachable (no token needed)',
        security: [],
        response: {
          ...PUBLIC_ERRORS,
          200: ReadyResponse,
          503: {
            description: 'Temporal is down, or the API is shutting down',
            content: { 'application/json': { schema: z.union([ReadyResponse, ErrorResponse]) } },
          },
        },
      },
    },
    async (_request, reply) => {
      const temporal = await probe(ctx.health.temporal);
      const ready = temporal === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unready', temporal });
    },
  );
};
