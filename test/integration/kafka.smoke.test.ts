import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { createEventLog, type EventLog, type IncomingRecord, type TopicAdmin } from '../../kafka';
import { TOPICS, topicDefinitions } from '../../kafka/topics';

// Needs a running broker: `scripts/stack.sh` starts one; CI points KAFKA_BROKERS at the test stack.
// A missing or unreachable broker fails the suite on purpose: a skipped smoke test proves nothing.
jest.setTimeout(90_000);

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);

function reachable(address: string, timeoutMs = 3_000): Promise<boolean> {
  const [host = '', port = ''] = address.split(':');
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port), host, () => done(true));
  });
}

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// kafkajs logs the deliberate handler failure at ERROR; keep it out of the test output.
const quietLogger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

describe('Kafka event log (real broker)', () => {
  let eventLog: EventLog;
  let admin: TopicAdmin;

  beforeAll(async () => {
    if (brokers.length === 0) {
      throw new Error('KAFKA_BROKERS is not set; start the test stack and set e.g. KAFKA_BROKERS=127.0.0.1:19092');
    }
    const first = brokers[0] ?? '';
    if (!(await reachable(first))) {
      throw new Error(
        `no Kafka broker reachable at ${first} (KAFKA_BROKERS=${brokers.join(',')}); is the stack running?`,
      );
    }
    eventLog = createEventLog({ brokers, clientId: 'kafka-smoke-test' }, quietLogger);
    admin = eventLog.admin();
    await admin.connect();
    await admin.ensureTopics(topicDefinitions());
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('delivers a keyed event with its headers to a consumer group', async () => {
    const complaintId = `smoke-${randomUUID()}`;
    const producer = eventLog.producer();
    const consumer = eventLog.consumer({ groupId: `kafka-smoke-${randomUUID()}` });
    try {
      await producer.connect();
      await producer.send(TOPICS.complaintEvents.name, [
        {
          key: complaintId,
          value: JSON.stringify({ complaintId, stage: 'latent' }),
          headers: { ce_id: `${complaintId}-1`, ce_type: 'dealer.complaint.opened.v1' },
        },
      ]);

      await consumer.connect();
      await consumer.subscribe([TOPICS.complaintEvents.name], { fromBeginning: true });
      const received = new Promise<IncomingRecord>((resolve) => {
        void consumer.runBatches(async (records) => {
          const ours = records.find((r) => r.key === complaintId);
          if (ours) resolve(ours);
        });
      });
      const record = await within(60_000, `the record keyed ${complaintId}`, received);

      expect(record.topic).toBe('complaint-events');
      expect(record.headers).toEqual({ ce_id: `${complaintId}-1`, ce_type: 'dealer.complaint.opened.v1' });
      expect(JSON.parse(record.value?.toString('utf8') ?? 'null')).toEqual({ complaintId, stage: 'latent' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it("delivers many concurrent sends, each complaint's records in the order sent", async () => {
    const run = randomUUID();
    const producer = eventLog.producer();
    const consumer = eventLog.consumer({ groupId: `kafka-smoke-${randomUUID()}` });
    const complaints = Array.from({ length: 40 }, (_, i) => `smoke-${run}-${i}`);
    try {
      await producer.connect();
      // 40 complaints publishing at once, 5 batches each, each batch waiting for the one before:
      // the shape of the worker's publish activities.
      await Promise.all(
        complaints.map(async (key) => {
          for (let batch = 0; batch < 5; batch++) {
            await producer.send(
              TOPICS.complaintEvents.name,
              [0, 1].map((j) => ({ key, value: String(batch * 2 + j) })),
            );
          }
        }),
      );
      await consumer.connect();
      await consumer.subscribe([TOPICS.complaintEvents.name], { fromBeginning: true });
      const seen = new Map<string, number[]>();
      const all = new Promise<void>((resolve) => {
        void consumer.runBatches(async (records) => {
          for (const r of records)
            if (r.key?.startsWith(`smoke-${run}-`)) seen.set(r.key, [...(seen.get(r.key) ?? []), Number(r.value)]);
          if ([...seen.values()].reduce((n, v) => n + v.length, 0) >= complaints.length * 10) resolve();
        });
      });
      await within(60_000, 'every concurrent record', all);
      for (const key of complaints) expect(seen.get(key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('hands a batch back to the handler after it failed, instead of skipping past it', async () => {
    const complaintId = `smoke-${randomUUID()}`;
    const producer = eventLog.producer();
    const consumer = eventLog.consumer({ groupId: `kafka-smoke-${randomUUID()}` });
    try {
      await producer.connect();
      await producer.send(TOPICS.complaintEvents.name, [{ key: complaintId, value: 'retry me' }]);
      await consumer.connect();
      await consumer.subscribe([TOPICS.complaintEvents.name], { fromBeginning: true });
      let attempts = 0;
      const handledOnRetry = new Promise<void>((resolve) => {
        void consumer.runBatches(async (records) => {
          if (!records.some((r) => r.key === complaintId)) return;
          attempts += 1;
          if (attempts === 1) throw new Error('handler failed on purpose');
          resolve();
        });
      });
      await within(60_000, 'the failed batch to come back', handledOnRetry);
      expect(attempts).toBe(2);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('lists the public topics with their retention and cleanup policy', async () => {
    const names = topicDefinitions().map((t) => t.name);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(names));

    const described = new Map((await admin.describeTopics(names)).map((t) => [t.name, t]));
    expect(described.get('complaint-events')).toMatchObject({
      partitions: TOPICS.complaintEvents.partitions,
      configs: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    });
    expect(described.get('remedy-ledger')?.configs['cleanup.policy']).toBe('compact');
    expect(described.get('complaint-events.dlq')?.configs['cleanup.policy']).toBe('delete');
    expect(described.get('remedy-ledger.dlq')?.configs['cleanup.policy']).toBe('delete');
  });
});
