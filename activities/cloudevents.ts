import { CloudEvent, Kafka } from 'cloudevents';
import { cloudEventType, EVENT_SOURCE, type DomainEvent } from '../domain/events';
import type { OutgoingRecord } from '../kafka/client';

/**
 * A domain event as a CloudEvents 1.0 Kafka record in binary mode: attributes in `ce_*` headers,
 * the JSON data as the value, the complaint id as the key (so one complaint stays in order).
 * `traceContext` (W3C `traceparent`, `tracestate`) becomes the CloudEvents distributed-tracing
 * extension, `ce_traceparent`, so a consumer continues the trace that published the event.
 */
export function toKafkaRecord(event: DomainEvent, traceContext: Record<string, string> = {}): OutgoingRecord {
  const ce = new CloudEvent<Record<string, unknown>>({
    specversion: '1.0',
    id: event.id,
    source: EVENT_SOURCE,
    type: cloudEventType(event.name),
    subject: event.complaintId,
    time: new Date(event.time).toISOString(),
    datacontenttype: 'application/json',
    data: event.data as Record<string, unknown>,
    partitionkey: event.complaintId,
    sequence: String(event.sequence),
    dealerid: event.dealerId,
    ...(traceContext.traceparent ? { traceparent: traceContext.traceparent } : {}),
    ...(traceContext.tracestate ? { tracestate: traceContext.tracestate } : {}),
  });
  const message = Kafka.binary(ce);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) if (value !== undefined) headers[name] = String(value);
  return { key: event.complaintId, value: JSON.stringify(event.data), headers };
}
