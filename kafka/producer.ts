import { Partitioners, type Kafka } from 'kafkajs';

export interface OutgoingRecord {
  /** Partition key: records with the same key stay in order (a complaint id, a remedy id). */
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface RecordProducer {
  connect(): Promise<void>;
  /** Resolves once every record is acknowledged by all in-sync replicas. */
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
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async send(topic, records) {
      if (records.length === 0) return;
      await producer.send({
        topic,
        // Idempotence requires acks from all in-sync replicas; kafkajs refuses anything else.
        acks: -1,
        messages: records.map(({ key, value, headers }) => ({ key, value, headers: headers ?? {} })),
      });
    },
  };
}
