/**
 * Complaint streams written event by event, as Kafka records, for the analytics fold. Built
 * directly rather than through domain transitions so that each case is exactly the stream.
 */
import { toKafkaRecord } from '../../activities/cloudevents';
import { Projections } from '../../analytics/projections';
import { readEvent, SequenceTracker } from '../../analytics/stream';
import { eventId, type EventDataInput, type EventName } from '../../domain/events';
import type { Severity } from '../../domain/ladder';
import type { IncomingRecord } from '../../kafka';

export const T0 = Date.parse('2026-03-02T01:00:00Z');
export const HOUR = 3_600_000;
export const at = (h: number) => new Date(T0 + h * HOUR).toISOString();
export const advisor = { id: 'sa-1', role: 'advisor' as const };
export const manager = { id: 'sm-1', role: 'service_manager' as const };

/** One complaint's stream, opened at T0 (or `openedAt` hours after it) on objection; `emit` is checked against the catalogue at compile time. */
export function complaint(
  complaintId: string,
  opts: { dealerId?: string; severity?: Severity; openedAt?: number } = {},
) {
  const dealerId = opts.dealerId ?? 'BJ-01';
  const records: IncomingRecord[] = [];
  const emit = <N extends EventName>(name: N, data: EventDataInput<N>, hours = records.length): void => {
    const sequence = records.length + 1;
    const r = toKafkaRecord({
      id: eventId(complaintId, sequence),
      name,
      complaintId,
      dealerId,
      sequence,
      time: T0 + hours * HOUR,
      data: data as Record<string, unknown>,
    });
    records.push({
      topic: 'complaint-events',
      partition: 0,
      offset: String(sequence - 1),
      timestamp: '0',
      key: complaintId,
      value: Buffer.from(r.value as string),
      headers: r.headers!,
    });
  };
  emit(
    'complaint.opened',
    {
      channel: 'phone',
      category: 'delivery_delay',
      severity: opts.severity ?? 'medium',
      startingStage: 'objection',
      policyVersion: 'test-1',
      customer: { name: '刘先生', phoneMasked: '138****5678' },
      vehicle: {},
      receivedBy: advisor,
      description: 'Late delivery',
    },
    opts.openedAt ?? 0,
  );
  emit('stage.entered', { from: null, to: 'objection', trigger: 'intake' }, opts.openedAt ?? 1);
  return { records, emit };
}

export type Emit = ReturnType<typeof complaint>['emit'];

/** Folds the streams through the reader's own parsing and duplicate check. */
export function project(...streams: IncomingRecord[][]): Projections {
  const projections = new Projections();
  const tracker = new SequenceTracker();
  for (const r of streams.flat()) {
    const e = readEvent(r);
    if (tracker.admit(e)) projections.apply(e);
  }
  return projections;
}
