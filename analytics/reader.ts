/**
 * The analytics reader: its own consumer group, read from offset 0 at every start so the
 * in-memory projections rebuild from the whole log; poison messages go to the DLQ.
 */
import { SpanKind, type Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { deadLetterTopicOf, TOPICS, type EventLog, type IncomingRecord, type RecordProducer } from '../kafka';
import { continuedFrom } from '../tracing/carrier';
import { Projections } from './projections';
import { PoisonMessage, readEvent, SequenceTracker } from './stream';

export const ANALYTICS_GROUP = 'complaint-ladder-analytics';

/**
 * A group of its own per reader process: every reader needs every partition (the projections are
 * whole-stream), and a restarted reader must not wait out a killed member's session (30 s) to
 * rejoin a shared group. Nothing is committed, so an empty group leaves nothing behind.
 */
export const readerGroupId = (host: string, pid: number, nonce: string) => `${ANALYTICS_GROUP}-${host}-${pid}-${nonce}`;

export async function startReader(deps: {
  eventLog: EventLog;
  log: Logger;
  groupId?: string;
  /** The consumer crashed and will not restart by itself: the process should exit and be restarted. */
  onGiveUp?: (error: Error) => void;
  /** When tracing is on: a span per live record, continuing the trace in its `ce_traceparent`. */
  tracer?: Tracer | undefined;
}) {
  const topic = TOPICS.complaintEvents.name;
  const groupId = deps.groupId ?? ANALYTICS_GROUP;
  const projections = new Projections();
  const tracker = new SequenceTracker();
  const processed = new Map<number, bigint>(); // partition → next offset to read
  let recordsRead = 0;
  let deadLettered = 0;

  const admin = deps.eventLog.admin();
  const consumer = deps.eventLog.consumer({ groupId });
  // Ready while the consumer follows the log; a crash turns it unready and shows in status().
  const health = {
    consuming: false,
    crashes: 0,
    lastCrash: null as null | { at: string; error: string; restarting: boolean },
  };
  consumer.onHealth((change) => {
    if (change.kind === 'joined') health.consuming = true;
    else {
      health.consuming = false;
      health.crashes++;
      health.lastCrash = { at: new Date().toISOString(), error: change.error.message, restarting: change.restarting };
      deps.log.error({ err: change.error, restarting: change.restarting }, 'analytics consumer crashed');
      if (!change.restarting) deps.onGiveUp?.(change.error);
    }
  });
  // The rewind must finish before the consumer joins the group; connecting need not wait for it.
  // Nothing is committed below, so only a group an older release committed has anything to rewind.
  try {
    await Promise.all([admin.connect().then(() => admin.rewindGroup(groupId, topic)), consumer.connect()]);
    await consumer.subscribe([topic], { fromBeginning: true });
  } catch (err) {
    await Promise.allSettled([consumer.disconnect(), admin.disconnect()]);
    throw err;
  }

  // Connected on the first poison message: most starts never need it.
  let dlq: Promise<RecordProducer> | undefined;
  const dlqProducer = () =>
    (dlq ??= (async () => {
      const producer = deps.eventLog.producer();
      await producer.connect();
      return producer;
    })().catch((err) => {
      dlq = undefined; // a failed connect is tried again with the next poison message
      throw err;
    }));

  async function deadLetter(record: IncomingRecord, reason: string): Promise<void> {
    deadLettered++;
    deps.log.warn({ partition: record.partition, offset: record.offset, reason }, 'poison message sent to the DLQ');
    await (await dlqProducer()).send(deadLetterTopicOf(topic), [
      {
        key: record.key ?? `${record.partition}:${record.offset}`,
        value: record.value ?? '',
        headers: { ...record.headers, dlq_reason: reason, dlq_source: `${topic}/${record.partition}/${record.offset}` },
      },
    ]);
  }

  // The catch-up from offset 0 is not traced: only records published since shortly before this start.
  const tracedFrom = Date.now() - 60_000;
  const spanOf = (record: IncomingRecord) =>
    deps.tracer && record.headers.ce_traceparent && Number(record.timestamp) >= tracedFrom
      ? deps.tracer.startSpan(
          `analytics apply ${record.headers.ce_type ?? 'record'}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.destination.name': topic,
              'messaging.kafka.offset': Number(record.offset),
              'cloudevents.event_id': record.headers.ce_id ?? '',
            },
          },
          continuedFrom(record.headers.ce_traceparent, record.headers.ce_tracestate),
        )
      : undefined;

  // Offsets are not committed: the projections live in memory, so every start reads from 0.
  await consumer.runBatches(
    async (records) => {
      for (const record of records) {
        const span = spanOf(record);
        try {
          const event = readEvent(record);
          if (tracker.admit(event)) projections.apply(event);
        } catch (err) {
          if (!(err instanceof PoisonMessage)) throw err;
          span?.setAttribute('analytics.dead_lettered', true);
          await deadLetter(record, err.message);
        } finally {
          span?.end();
        }
        processed.set(record.partition, BigInt(record.offset) + 1n);
        recordsRead++;
      }
      const gaps = tracker.gaps.length;
      if (gaps) deps.log.debug({ gaps }, 'sequence gaps so far');
    },
    { commit: false },
  );

  return {
    projections,
    tracker,
    /** How far behind the end of the log the projections are, summed over partitions. */
    async lag(): Promise<number> {
      const ends = await admin.topicEnds(topic);
      return ends.reduce((n, { partition, end }) => n + Number(BigInt(end) - (processed.get(partition) ?? 0n)), 0);
    },
    /** Why the reader is not following the log, or undefined while it is. */
    unready: (): string | undefined =>
      health.consuming
        ? undefined
        : health.lastCrash
          ? `the consumer crashed (${health.lastCrash.error})${health.lastCrash.restarting ? '; restarting' : '; stopped'}`
          : 'the consumer has not joined its group yet',
    status: () => ({
      consuming: health.consuming,
      crashes: health.crashes,
      lastCrash: health.lastCrash,
      recordsRead,
      eventsApplied: projections.eventsApplied,
      complaints: projections.complaintCount,
      duplicates: tracker.duplicates,
      gaps: tracker.gaps,
      deadLettered,
    }),
    async stop(): Promise<void> {
      await consumer.disconnect();
      await (await dlq?.catch(() => undefined))?.disconnect();
      await admin.disconnect();
    },
  };
}

export type AnalyticsReader = Awaited<ReturnType<typeof startReader>>;
