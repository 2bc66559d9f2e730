/**
 * Live updates for the dashboard: one Kafka consumer per API process reads complaint-events from
 * now on and hands a small notice of each event to every open stream. The stream tells a page
 * which complaint changed; the page fetches what it shows, so nothing here decides visibility
 * beyond the dealer scope, which the route applies per viewer.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../config/logger';
import { parseEventType } from '../domain/events';
import { TOPICS, type EventLog, type IncomingRecord } from '../kafka';

export interface LiveChange {
  complaintId: string;
  dealerId: string;
  event: string;
  sequence: number;
  time: string;
}

/** The notice a record makes, or null for one this API does not know (a newer producer's). */
export function changeOf(record: IncomingRecord): LiveChange | null {
  const {
    ce_type: type,
    ce_subject: complaintId,
    ce_dealerid: dealerId,
    ce_sequence: sequence,
    ce_time: time,
  } = record.headers;
  const parsed = type ? parseEventType(type) : null;
  if (!parsed || !complaintId || !dealerId) return null;
  return {
    complaintId,
    dealerId,
    event: parsed.name,
    sequence: Number(sequence),
    time: time ?? new Date(Number(record.timestamp)).toISOString(),
  };
}

export type LiveFeed = ReturnType<typeof createLiveFeed>;

/** Starts consuming on the first subscriber; a failure is logged and retried on the next one. */
export function createLiveFeed(eventLog: Pick<EventLog, 'consumer'>, log: Logger) {
  const listeners = new Set<(change: LiveChange) => void>();
  // A group of its own: every API process sees every event (a fan-out, not a work queue).
  const consumer = eventLog.consumer({ groupId: `api-live-${randomUUID()}` });
  let started: Promise<void> | undefined;

  async function start(): Promise<void> {
    await consumer.connect();
    await consumer.subscribe([TOPICS.complaintEvents.name], { fromBeginning: false });
    await consumer.runBatches(
      async (records) => {
        for (const record of records) {
          const change = changeOf(record);
          if (change) for (const listener of listeners) listener(change);
        }
      },
      { commit: false },
    );
  }

  return {
    subscribe(listener: (change: LiveChange) => void): () => void {
      listeners.add(listener);
      started ??= start().catch((err: Error) => {
        log.warn({ error: err.message }, 'live feed could not reach Kafka; pages fall back to polling');
        started = undefined;
      });
      return () => void listeners.delete(listener);
    },
    /** Resolves once the consumer is running (tests wait for it before producing). */
    ready: () => started ?? Promise.resolve(),
    listeners: () => listeners.size,
    async close(): Promise<void> {
      listeners.clear();
      if (started) await consumer.disconnect().catch(() => undefined);
    },
  };
}
