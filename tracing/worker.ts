import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { Sinks } from '@temporalio/workflow';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { Tracing } from './provider';

/**
 * A workflow span as @temporalio/interceptors-opentelemetry 1.24 builds it (OpenTelemetry SDK 1.x
 * fields), made the 2.x ReadableSpan our exporter reads: `instrumentationScope` and the parent as
 * a span context. Without this the exporter loses every workflow span's parent.
 */
type LegacySpan = ReadableSpan & {
  parentSpanId?: string;
  instrumentationLibrary?: ReadableSpan['instrumentationScope'];
};

export function asCurrentSpan(span: LegacySpan): ReadableSpan {
  const { traceId, traceFlags } = span.spanContext();
  return Object.assign(Object.create(span) as ReadableSpan, {
    instrumentationScope: span.instrumentationScope ?? span.instrumentationLibrary,
    parentSpanContext:
      span.parentSpanContext ??
      (span.parentSpanId ? { traceId, spanId: span.parentSpanId, traceFlags, isRemote: false } : undefined),
  });
}

function currentSpans(processor: SpanProcessor): SpanProcessor {
  return {
    onStart: () => undefined,
    onEnd: (span) => processor.onEnd(asCurrentSpan(span as LegacySpan)),
    forceFlush: () => processor.forceFlush(),
    shutdown: async () => undefined, // the provider shuts the processor down
  };
}

/**
 * What a traced worker adds to Worker.create: activity interceptors (a span per activity run, the
 * workflow's span as parent) and the sink that takes the workflow sandbox's spans out to the
 * exporter. Nothing when tracing is off.
 */
export function workerTracing(tracing: Tracing): { interceptors: WorkerInterceptors; sinks: InjectedSinks<Sinks> } {
  if (!tracing.processor) return { interceptors: {}, sinks: {} };
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    // The package's types are SDK 1.x's; the objects are structurally what it calls.
    sinks: {
      exporter: makeWorkflowExporter(
        currentSpans(tracing.processor) as unknown as Parameters<typeof makeWorkflowExporter>[0],
        tracing.resource as unknown as Parameters<typeof makeWorkflowExporter>[1],
      ),
    },
  };
}
