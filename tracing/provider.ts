import { type Tracer, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Every tracer of ours carries this name, so a backend can tell our spans from a library's. */
export const TRACER_NAME = 'complaint-ladder';

export interface Tracing {
  /** Undefined while tracing is off: callers skip span work entirely. */
  tracer: Tracer | undefined;
  resource: Resource;
  /** Where finished spans go; the worker hands it the workflow sandbox's spans too. */
  processor: SpanProcessor | undefined;
  /** Flushes what is buffered; call it before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for one process: spans batched to `${endpoint}/v1/traces` over OTLP/HTTP (JSON)
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set, with W3C trace context as the propagator. Without an
 * endpoint nothing is registered and `tracer` is undefined, so tracing costs nothing.
 */
export function startTracing(service: string, endpoint: string | undefined): Tracing {
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: service });
  if (!endpoint) return { tracer: undefined, resource, processor: undefined, shutdown: async () => undefined };
  const processor = new BatchSpanProcessor(
    new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    { scheduledDelayMillis: 1000 },
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register(); // the global provider, AsyncLocalStorage context and W3C propagation
  return { tracer: trace.getTracer(TRACER_NAME), resource, processor, shutdown: () => provider.shutdown() };
}
