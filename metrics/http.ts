import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every error body starts `{"error":"<code>"` (api/errors.ts ErrorBody), so the code is read without parsing. */
const ERROR_CODE = /^\{"error":"([a-z_]{1,40})"/;

/**
 * The API's request metrics: durations by route (the route's pattern, never the raw URL, so ids
 * do not grow the label set), method and status; and refusals by their error code.
 */
export function instrumentHttp(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'ladder_http_request_duration_seconds',
    help: 'API request durations, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'ladder_http_refusals_total',
    help: 'API answers of 400 and above, by error code and status.',
    labelNames: ['code', 'status'],
    registers: [registry],
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      const code = ERROR_CODE.exec(payload)?.[1] ?? 'unknown';
      refusals.inc({ code, status: String(reply.statusCode) });
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { route: request.routeOptions.url ?? 'unmatched', method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
