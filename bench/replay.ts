/**
 * Analytics replay: events per second the analytics reader projects from offset 0 of
 * complaint-events, against the faster of two bare readers of the same topic: a kafkajs consumer
 * that does nothing with what it reads (the one place outside kafka/ that touches kafkajs, because
 * the ceiling must not be our adapter) and kcat (librdkafka, Debian's). One untimed read warms the
 * page cache; then the three run in alternating rounds, and each figure is the median of its rounds.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { startReader, type AnalyticsReader } from '../analytics/reader';
import { TOPICS } from '../kafka';
import type { BenchContext } from './context';
import { percentile, sleep, timed } from './measure';

export interface ReplayResult {
  events: number;
  /** Events that reached the projections (the rest were duplicates, dropped by sequence). */
  eventsApplied: number;
  rounds: number;
  projectedPerSecond: number;
  kafkajsPerSecond: number;
  kcatPerSecond: number;
  /** The faster of the two bare readers. */
  ceilingPerSecond: number;
  ratio: number;
}

export async function benchReplay(ctx: BenchContext, brokers: string[], rounds = 3): Promise<ReplayResult> {
  const topic = TOPICS.complaintEvents.name;
  const admin = ctx.eventLog.admin();
  await admin.connect();
  const ends = await admin.topicEnds(topic).finally(() => admin.disconnect());
  const events = ends.reduce((n, { end }) => n + Number(end), 0);

  await kcatRead(brokers, topic, events); // warms the page cache; not timed
  const seconds = { ours: [] as number[], kafkajs: [] as number[], kcat: [] as number[] };
  let status: ReturnType<AnalyticsReader['status']> | undefined;
  for (let round = 0; round < rounds; round++) {
    seconds.kafkajs.push((await timed(() => bareRead(brokers, topic, events))).seconds);
    seconds.kcat.push((await timed(() => kcatRead(brokers, topic, events))).seconds);
    // From start-up until it has read as many records as the topic held, as the ceilings are
    // timed; leaving the group afterwards is timed for none.
    let reader: AnalyticsReader | undefined;
    const ours = await timed(async () => {
      reader = await startReader({
        eventLog: ctx.eventLog,
        log: pino({ level: 'silent' }),
        groupId: `bench-analytics-${randomUUID()}`,
      });
      while (reader.status().recordsRead < events) await sleep(5);
    }).finally(() => reader?.stop());
    seconds.ours.push(ours.seconds);
    status = reader!.status();
    // A figure for dead-lettering would not be a figure for projecting.
    if (status.deadLettered > 0)
      throw new Error(`replay sent ${status.deadLettered} of the benchmark's own events to the DLQ`);
  }
  const perSecond = (samples: number[]) => events / percentile(samples, 50);
  const projectedPerSecond = perSecond(seconds.ours);
  const kafkajsPerSecond = perSecond(seconds.kafkajs);
  const kcatPerSecond = perSecond(seconds.kcat);
  const ceilingPerSecond = Math.max(kafkajsPerSecond, kcatPerSecond);
  return {
    events,
    eventsApplied: status!.eventsApplied,
    rounds,
    projectedPerSecond,
    kafkajsPerSecond,
    kcatPerSecond,
    ceilingPerSecond,
    ratio: projectedPerSecond / ceilingPerSecond,
  };
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

/**
 * kcat reading every partition from the beginning to its end, writing one byte per record, with
 * headers and values fetched as a consumer must: the bytes are counted, so a short read fails.
 */
function kcatRead(brokers: string[], topic: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const kcat = spawn(
      process.env.KCAT ?? 'kcat',
      ['-C', '-b', brokers.join(','), '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '.'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let read = 0;
    let errors = '';
    kcat.stdout.on('data', (chunk: Buffer) => {
      read += chunk.length;
    });
    kcat.stderr.on('data', (chunk: Buffer) => {
      errors += chunk;
    });
    kcat.once('error', reject);
    kcat.once('close', (code) =>
      code === 0 && read >= count
        ? resolve()
        : reject(new Error(`kcat read ${read} of ${count} records (exit ${code}): ${errors.trim()}`)),
    );
  });
}
