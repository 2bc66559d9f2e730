import { type Context, context, propagation } from '@opentelemetry/api';

/** The W3C trace context of `ctx` (the active one by default): `traceparent`, and `tracestate` if any. */
export function traceContextOf(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The context a W3C `traceparent` (and `tracestate`) continues, for a span of ours to start in. */
export function continuedFrom(traceparent: string | undefined, tracestate?: string): Context {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), tracestate ? { traceparent, tracestate } : { traceparent });
}
