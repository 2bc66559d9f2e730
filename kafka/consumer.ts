import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';

export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Milliseconds since the epoch, as a string, as Kafka reports it. */
  timestamp: string;
}

export interface RunOptions {
  /**
   * Commit each batch once handled (the default). A reader that keeps its state in memory and
   * rebuilds from offset 0 at every start has nothing to resume from, and passes false to save
   * a round trip to the group coordinator per batch.
   */
  commit?: boolean;
}

export interface ConsumerOptions {
  groupId: string;
}

export interface RecordConsumer {
  connect(): Promise<void>;
  subscribe(topics: string[], options: { fromBeginning: boolean }): Promise<void>;
  /**
   * Hands each fetched batch (one topic partition) to the handler and commits it only once the
   * handler resolves. A handler that throws gets the same records again after a back-off.
   * Resolves once consuming has started, not when it ends.
   */
  runBatches(handler: (records: IncomingRecord[]) => Promise<void>, options?: RunOptions): Promise<void>;
  stop(): Promise<void>;
  disconnect(): Promise<void>;
  /**
   * Tells of the consumer's health: `crashed` when it fails (`restarting` says whether the client
   * will try again on its own) and `joined` each time it (re)joins its group and consumes again.
   */
  onHealth(listener: (change: ConsumerHealthChange) => void): void;
}

export type ConsumerHealthChange = { kind: 'joined' } | { kind: 'crashed'; error: Error; restarting: boolean };

export function createRecordConsumer(kafka: Kafka, { groupId }: ConsumerOptions): RecordConsumer {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  return {
    connect: () => consumer.connect(),
    subscribe: (topics, { fromBeginning }) => consumer.subscribe({ topics, fromBeginning }),
    stop: () => consumer.stop(),
    disconnect: () => consumer.disconnect(),
    onHealth: (listener) => {
      consumer.on(consumer.events.GROUP_JOIN, () => listener({ kind: 'joined' }));
      consumer.on(consumer.events.CRASH, ({ payload }) =>
        listener({ kind: 'crashed', error: payload.error, restarting: payload.restart }),
      );
    },
    runBatches: (handler, { commit = true } = {}) =>
      consumer.run({
        // Committing on a timer could mark records done that the handler never finished.
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const last = batch.messages[batch.messages.length - 1];
          if (!last || !isRunning() || isStale()) return;
          const { topic, partition } = batch;
          await handler(batch.messages.map((message) => toIncomingRecord(topic, partition, message)));
          resolveOffset(last.offset);
          // Kafka's committed offset is the next one to read, hence + 1.
          if (commit)
            await consumer.commitOffsets([{ topic, partition, offset: (BigInt(last.offset) + 1n).toString() }]);
          await heartbeat();
        },
      }),
  };
}

function toIncomingRecord(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value,
    headers: toStringHeaders(message.headers),
    timestamp: message.timestamp,
  };
}

// Our producers write one value per header name; if a foreign producer repeated one, keep the first.
// No prototype: header names are a foreign producer's, and `headers.constructor` must not be found.
export function toStringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = Object.create(null);
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) result[name] = value.toString();
  }
  return result;
}
