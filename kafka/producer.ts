import { Partitioners, type Kafka, type Message } from 'kafkajs';
import { coalesceSends } from './coalesce';

export interface OutgoingRecord {
  /** Partition key: records with the same key stay in order (a complaint id, a remedy id). */
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface RecordProducer {
  connect(): Promise<void>;
  /**
   * Resolves once every record is acknowledged by all in-sync replicas. Sends made while another
   * is in flight share the next request (coalesce.ts).
   */
  send(topic: string, records: OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export function createRecordProducer(kafka: Kafka): RecordProducer {
  const producer = kafka.producer({
    // The broker drops duplicates of a retried batch, so a retry never writes an event twice.
    idempotent: true,
    // kafkajs tracks idempotence sequence numbers per partition only with one request in flight.
    maxInFlightRequests: 1,
    // The Java client's murmur2 partitioning, so other clients put a key on the same partition.
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  const sends = coalesceSends<Message>({
    // Idempotence requires acks from all in-sync replicas; kafkajs refuses anything else.
    sendBatch: async (batch) =>
      void (await producer.sendBatch({
        acks: -1,
        topicMessages: batch.map(({ topic, records }) => ({ topic, messages: records })),
      })),
    sizeOf: recordBytes,
    maxRequestBytes: MAX_REQUEST_BYTES,
  });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    send: (topic, records) =>
      sends.send(
        topic,
        records.map(({ key, value, headers }) => ({ key, value, headers: headers ?? {} })),
      ),
  };
}

// Well under the broker's default message.max.bytes (1 MiB), which bounds one partition's batch.
const MAX_REQUEST_BYTES = 512 * 1024;

function recordBytes({ key, value, headers }: Message): number {
  let n = 64 + byteLength(key) + byteLength(value);
  for (const [name, v] of Object.entries(headers ?? {}))
    n += name.length + byteLength(v as string | Buffer | undefined);
  return n;
}

const byteLength = (v: string | Buffer | null | undefined) =>
  v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;
