import { validateEventData, type DomainEvent } from '../domain/events';
import type { Remedy } from '../domain/remedy';
import type { RecordProducer } from '../kafka/client';
import { TOPICS } from '../kafka/topics';
import { traceContextOf } from '../tracing/carrier';
import { toKafkaRecord } from './cloudevents';

export interface RemedyLedgerEntry {
  complaintId: string;
  dealerId: string;
  remedy: Remedy;
}

/**
 * Publishes one workflow task's events as a single batch. An event that fails its schema is a bug:
 * the activity fails (and retries) rather than put a malformed record on the public log.
 */
export function createPublisher(producer: RecordProducer) {
  return {
    async publishEvents(events: DomainEvent[]): Promise<void> {
      for (const event of events) validateEventData(event.name, event.data);
      const traceContext = traceContextOf(); // the activity's span, when tracing is on
      await producer.send(
        TOPICS.complaintEvents.name,
        events.map((event) => toKafkaRecord(event, traceContext)),
      );
    },

    /** One record per remedy, keyed by remedy id: compaction keeps each remedy's latest state. */
    async recordRemedies(entries: RemedyLedgerEntry[]): Promise<void> {
      await producer.send(
        TOPICS.remedyLedger.name,
        entries.map(({ complaintId, dealerId, remedy }) => ({
          key: remedy.remedyId,
          value: JSON.stringify({ complaintId, dealerId, ...remedy }),
          headers: { 'content-type': 'application/json', complaintid: complaintId },
        })),
      );
    },
  };
}
