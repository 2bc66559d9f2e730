import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { startReader, type AnalyticsReader } from '../../analytics/reader';
import { REPORT_NAMES, runReport } from '../../analytics/reports';
import { createEventLog, deadLetterTopicOf, TOPICS, type IncomingRecord } from '../../kafka';
import { applyAction } from '../../domain/transitions';
import { advisor, HOUR } from '../domain/fixtures';
import { requireEnv } from '../support/stack';
import { climbedAndCompensated, p, story, T0 } from '../support/stories';

/** The analytics reader on the real broker: rebuilds from offset 0 (even in a group with commits), dedupes, sends poison to the DLQ. */
describe('analytics reader on the real Kafka log', () => {
  const brokers = requireEnv('KAFKA_BROKERS').split(',');
  const silent = pino({ level: 'silent' });
  const eventLog = createEventLog({ brokers, clientId: `analytics-test-${randomUUID()}` }, silent);
  const dealerId = `TEST-${randomUUID().slice(0, 6)}`;
  const groupId = `analytics-test-${randomUUID()}`;

  async function caughtUp(reader: AnalyticsReader): Promise<void> {
    const end = Date.now() + 30_000;
    while ((await reader.lag()) > 0) {
      if (Date.now() > end) throw new Error('analytics reader did not catch up within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const reports = (reader: AnalyticsReader) =>
    Object.fromEntries(REPORT_NAMES.map((n) => [n, runReport(reader.projections, n, { dealerId: [dealerId] })]));

  it('rebuilds to exactly the same numbers after a restart, counting each redelivered event once', async () => {
    const producer = eventLog.producer();
    await producer.connect();
    const ids = [0, 1, 2].map((i) => `CL-${dealerId}-${i}`);
    const records: IncomingRecord[] = [
      ...climbedAndCompensated(ids[0]!, { dealerId }),
      ...climbedAndCompensated(ids[1]!, { dealerId, channel: 'online' }),
      ...story(ids[2]!, (s) => [applyAction('acknowledge', s, { actor: advisor }, p, T0 + HOUR)], { dealerId }),
    ];
    const toOutgoing = (r: IncomingRecord) => ({ key: r.key!, value: r.value!, headers: r.headers });
    await producer.send(TOPICS.complaintEvents.name, records.map(toOutgoing));
    await producer.send(TOPICS.complaintEvents.name, records.slice(2, 5).map(toOutgoing)); // a redelivery
    const poisonKey = `poison-${randomUUID()}`;
    await producer.send(TOPICS.complaintEvents.name, [
      { key: poisonKey, value: '{"half a', headers: { ce_specversion: '1.0' } },
    ]);
    await producer.disconnect();

    const first = await startReader({ eventLog, log: silent, groupId });
    await caughtUp(first);
    const before = reports(first);
    expect(before.funnel).toMatchObject({ opened: 3, reached: { objection: 3, complaint: 2 } });
    expect(before.compensation).toMatchObject({ total: 1600 });
    expect(before['open-work']).toMatchObject({ total: 1 });
    expect(first.status().duplicates).toBeGreaterThanOrEqual(3);
    expect(first.status().deadLettered).toBeGreaterThanOrEqual(1);
    await first.stop();

    // The reader commits nothing, but a group an older release committed in must still be read
    // from offset 0: commit past every record above in the same group, then start again.
    const seen = new Set<string>();
    const older = eventLog.consumer({ groupId });
    await older.connect();
    await older.subscribe([TOPICS.complaintEvents.name], { fromBeginning: true });
    await older.runBatches(async (batch) =>
      batch.forEach((r) => {
        if (r.key) seen.add(r.key);
      }),
    );
    const committedBy = Date.now() + 30_000;
    while (![...ids, poisonKey].every((k) => seen.has(k)) && Date.now() < committedBy)
      await new Promise((r) => setTimeout(r, 100));
    await older.disconnect();
    expect([...ids, poisonKey].filter((k) => !seen.has(k))).toEqual([]);

    const second = await startReader({ eventLog, log: silent, groupId });
    await caughtUp(second);
    expect(reports(second)).toEqual(before);
    await second.stop();

    // the poison message is on the DLQ with its reason
    const dlq: IncomingRecord[] = [];
    const consumer = eventLog.consumer({ groupId: `dlq-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe([deadLetterTopicOf(TOPICS.complaintEvents.name)], { fromBeginning: true });
    await consumer.runBatches(async (batch) => void dlq.push(...batch));
    const end = Date.now() + 20_000;
    while (!dlq.some((r) => r.key === poisonKey) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    expect(dlq.find((r) => r.key === poisonKey)?.headers.dlq_reason).toMatch(/value is not JSON|unknown event type/);
  }, 90_000);

  it('turns unready when its consumer crashes, says why in status(), and ready again once it rejoins', async () => {
    // A poison record whose DLQ cannot be reached: the handler fails, and kafkajs crashes the consumer.
    let dlqUp = false;
    const flakyDlq: typeof eventLog = {
      ...eventLog,
      producer: () => {
        const real = eventLog.producer();
        return {
          ...real,
          connect: async () => {
            if (!dlqUp) throw new Error('DLQ broker unreachable');
            await real.connect();
          },
        };
      },
    };
    const reader = await startReader({ eventLog: flakyDlq, log: silent, groupId: `analytics-crash-${randomUUID()}` });
    const waitFor = async (what: string, ok: () => boolean, ms = 60_000) => {
      const end = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(reader.status())}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await waitFor('the consumer to join', () => reader.unready() === undefined);
      const producer = eventLog.producer();
      await producer.connect();
      await producer.send(TOPICS.complaintEvents.name, [
        { key: `poison-${randomUUID()}`, value: '{"cut', headers: { ce_specversion: '1.0' } },
      ]);
      await producer.disconnect();
      await waitFor('the crash', () => reader.status().crashes > 0);
      expect(reader.unready()).toMatch(/^the consumer crashed \(.*DLQ broker unreachable.*\)/);
      expect(reader.status()).toMatchObject({
        consuming: false,
        lastCrash: { error: expect.stringContaining('DLQ broker unreachable'), at: expect.any(String) },
      });
      // kafkajs gives up on the batch after its retries and restarts the consumer by itself.
      expect(reader.status().lastCrash?.restarting).toBe(true);
      dlqUp = true;
      await waitFor('the consumer to rejoin', () => reader.unready() === undefined);
      expect(reader.status()).toMatchObject({ consuming: true, crashes: 1 });
    } finally {
      await reader.stop();
    }
  }, 120_000);
});
