/**
 * Analytics replay: events per second the analytics reader projects from offset 0 of
 * complaint-events, against a bare kafkajs consumer reading the same topic (the ceiling; the
 * one place outside kafka/ that touches kafkajs, because the ceiling must not be our adapter).
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { startReader, type AnalyticsReader } from '../analytics/reader';
import { TOPICS } from '../kafka';
import type { BenchContext } from './context';
import { sleep, timed } from './measure';

export interface ReplayResult {
  events: number;
  /** Events that reached the projections (the rest were duplicates, dropped by sequence). */
  eventsApplied: number;
  projectedPerSecond: number;
  ceilingPerSecond: number;
  ratio: number;
}

export async function benchReplay(ctx: BenchContext, brokers: string[]): Promise<ReplayResult> {
  const topic = TOPICS.complaintEvents.name;
  const admin = ctx.eventLog.admin();
  await admin.connect();
  const ends = await admin.topicEnds(topic).finally(() => admin.disconnect());
  const events = sumEnds(ends);

  const ceiling = await timed(() => bareRead(brokers, topic, events));
  // From start-up until it has read as many records as the topic held, as the ceiling is timed;
  // leaving the group afterwards is timed for neither side.
  let reader: AnalyticsReader | undefined;
  const ours = await timed(async () => {
    reader = await startReader({
      eventLog: ctx.eventLog,
      log: pino({ level: 'silent' }),
      groupId: `bench-analytics-${randomUUID()}`,
    });
    while (reader.status().recordsRead < events) await sleep(5);
  }).finally(() => reader?.stop());
  // A figure for dead-lettering would not be a figure for projecting.
  const { deadLettered, eventsApplied } = reader!.status();
  if (deadLettered > 0) throw new Error(`replay sent ${deadLettered} of the benchmark's own events to the DLQ`);
  const projectedPerSecond = events / ours.seconds;
  const ceilingPerSecond = events / ceiling.seconds;
  return { events, eventsApplied, projectedPerSecond, ceilingPerSecond, ratio: projectedPerSecond / ceilingPerSecond };
}

function sumEnds(ends: { end: string }[]): number {
  return ends.reduce((n, { end }) => n + Number(end), 0);
}

/** Reads `count` records from offset 0 and does nothing with them. */
async function bareRead(brokers: string[], topic: string, count: number): Promise<void> {
  const kafka = new Kafka({ brokers, clientId: 'bench-ceiling', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          seen += batch.messages.length;
          if (seen >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
}
