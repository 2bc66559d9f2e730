/**
 * The analytics reader: its own consumer group, rewound to offset 0 at every start so the
 * in-memory projections rebuild from the whole log; poison messages go to the DLQ.
 */
import type { Logger } from 'pino';
import { deadLetterTopicOf, TOPICS, type EventLog, type IncomingRecord } from '../kafka';
import { Projections } from './projections';
import { PoisonMessage, readEvent, SequenceTracker } from './stream';

export const ANALYTICS_GROUP = 'complaint-ladder-analytics';

export async function startReader(deps: { eventLog: EventLog; log: Logger; groupId?: string }) {
  const topic = TOPICS.complaintEvents.name;
  const groupId = deps.groupId ?? ANALYTICS_GROUP;
  const projections = new Projections();
  const tracker = new SequenceTracker();
  const processed = new Map<number, bigint>(); // partition → next offset to read
  let deadLettered = 0;

  const admin = deps.eventLog.admin();
  await admin.connect();
  await admin.rewindGroup(groupId, topic);
  const producer = deps.eventLog.producer();
  await producer.connect();
  const consumer = deps.eventLog.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });

  async function deadLetter(record: IncomingRecord, reason: string): Promise<void> {
    deadLettered++;
    deps.log.warn({ partition: record.partition, offset: record.offset, reason }, 'poison message sent to the DLQ');
    await producer.send(deadLetterTopicOf(topic), [
      {
        key: record.key ?? `${record.partition}:${record.offset}`,
        value: record.value ?? '',
        headers: { ...record.headers, dlq_reason: reason, dlq_source: `${topic}/${record.partition}/${record.offset}` },
      },
    ]);
  }

  await consumer.runBatches(async (records) => {
    for (const record of records) {
      try {
        const event = readEvent(record);
        if (tracker.admit(event)) projections.apply(event);
      } catch (err) {
        if (!(err instanceof PoisonMessage)) throw err;
        await deadLetter(record, err.message);
      }
      processed.set(record.partition, BigInt(record.offset) + 1n);
    }
    const gaps = tracker.gaps.length;
    if (gaps) deps.log.debug({ gaps }, 'sequence gaps so far');
  });

  return {
    projections,
    tracker,
    /** How far behind the end of the log the projections are, summed over partitions. */
    async lag(): Promise<number> {
      const ends = await admin.topicEnds(topic);
      return ends.reduce((n, { partition, end }) => n + Number(BigInt(end) - (processed.get(partition) ?? 0n)), 0);
    },
    status: () => ({ eventsApplied: projections.eventsApplied, complaints: projections.complaintCount, duplicates: tracker.duplicates, gaps: tracker.gaps, deadLettered }),
    async stop(): Promise<void> {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}

export type AnalyticsReader = Awaited<ReturnType<typeof startReader>>;
