/** The tracing pieces that run in every process, apart from the stack (test/e2e/restart.test.ts runs them whole). */
import { context, trace } from '@opentelemetry/api';
import { toKafkaRecord } from '../../activities/cloudevents';
import type { DomainEvent } from '../../domain/events';
import { continuedFrom, traceContextOf } from '../../tracing/carrier';
import { startTracing } from '../../tracing/provider';
import { asCurrentSpan } from '../../tracing/worker';

const event = {
  id: 'CL-1:1',
  name: 'complaint.acknowledged',
  complaintId: 'CL-1',
  dealerId: 'D-1',
  sequence: 1,
  time: Date.parse('2026-12-02T10:00:00Z'),
  data: { stage: 'objection', actor: { id: 'a', role: 'advisor', name: 'A' } },
} as DomainEvent;
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('tracing', () => {
  it('puts the trace context on a record as the CloudEvents tracing extension, and nothing without one', () => {
    expect(toKafkaRecord(event, { traceparent: TRACEPARENT, tracestate: 'ladder=1' }).headers).toMatchObject({
      ce_traceparent: TRACEPARENT,
      ce_tracestate: 'ladder=1',
    });
    const plain = toKafkaRecord(event).headers ?? {};
    expect(Object.keys(plain).filter((h) => h.includes('trace'))).toEqual([]);
  });

  it('is off without an endpoint: no tracer, no context injected', async () => {
    const tracing = startTracing('test', undefined);
    expect(tracing.tracer).toBeUndefined();
    expect(traceContextOf()).toEqual({});
    await tracing.shutdown();
  });

  it('reads a workflow span of the interceptors’ SDK 1.x shape as the 2.x span the exporter reads', () => {
    const legacy = {
      name: 'StartActivity:publishEvents',
      spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7', traceFlags: 1 }),
      parentSpanId: 'b7ad6b7169203331',
      instrumentationLibrary: { name: '@temporalio/interceptor-workflow' },
    };
    const span = asCurrentSpan(legacy as never);
    expect(span.name).toBe('StartActivity:publishEvents');
    expect(span.instrumentationScope).toEqual({ name: '@temporalio/interceptor-workflow' });
    expect(span.parentSpanContext).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
      isRemote: false,
    });
    expect(asCurrentSpan({ ...legacy, parentSpanId: undefined } as never).parentSpanContext).toBeUndefined();
  });

  it('continues the active context when a record carries no traceparent', () => {
    expect(continuedFrom(undefined)).toBe(context.active());
    expect(trace.getSpan(continuedFrom(undefined))).toBeUndefined();
  });
});
