import { context, propagation, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A server span per API request, named by route pattern (`POST /v1/complaints`), continuing a
 * caller's `traceparent`. The handler runs inside it, so the Temporal client's interceptor puts the
 * span's context on the workflow start or Update. Register before the routes (it wraps handlers).
 */
export function traceHttp(app: FastifyInstance, tracer: Tracer): void {
  const spans = new WeakMap<FastifyRequest, Span>();
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function traced(request, reply) {
      const parent = propagation.extract(context.active(), request.headers);
      const span = tracer.startSpan(
        `${request.method} ${route.url}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'http.route': route.url },
        },
        parent,
      );
      spans.set(request, span);
      return context.with(trace.setSpan(parent, span), () => handler.call(this, request, reply));
    };
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
