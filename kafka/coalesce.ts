/**
 * Coalesces concurrent sends into one produce request.
 *
 * kafkajs keeps one request in flight for an idempotent producer, so when many activities publish
 * at once each would wait for a broker round trip of its own: that capped the worker at about 15
 * complaints opened per second. Instead, records queue while a request is in flight and leave
 * together in the next one. Nothing waits on a timer: a lone send leaves at once.
 *
 * Each caller settles with the request that carried its records: acknowledged, or failed so its
 * activity retries. A caller's records stay together and in order, behind everything queued
 * before them, so a complaint's events (published one batch at a time) keep their order.
 */
export interface TopicRecords<R> {
  topic: string;
  records: R[];
}

interface Waiting<R> {
  topic: string;
  records: R[];
  bytes: number;
  acknowledged: () => void;
  failed: (err: unknown) => void;
}

export interface CoalesceOptions<R> {
  /** Sends one request; resolves once the broker acknowledged all of it. */
  sendBatch: (batch: TopicRecords<R>[]) => Promise<void>;
  /** Approximate size of a record, to keep a request under `maxRequestBytes`. */
  sizeOf: (record: R) => number;
  /** A request takes waiting sends up to this size (at least one send, however large). */
  maxRequestBytes: number;
}

export function coalesceSends<R>({ sendBatch, sizeOf, maxRequestBytes }: CoalesceOptions<R>) {
  const queue: Waiting<R>[] = [];
  let inFlight = false;

  async function pump(): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      while (queue.length) {
        const taken = takeUpTo(queue, maxRequestBytes);
        try {
          await sendBatch(byTopic(taken));
          for (const w of taken) w.acknowledged();
        } catch (err) {
          for (const w of taken) w.failed(err);
        }
      }
    } finally {
      inFlight = false;
    }
  }

  return {
    send(topic: string, records: R[]): Promise<void> {
      if (records.length === 0) return Promise.resolve();
      const bytes = records.reduce((n, r) => n + sizeOf(r), 0);
      return new Promise<void>((acknowledged, failed) => {
        queue.push({ topic, records, bytes, acknowledged, failed });
        void pump();
      });
    },
    /** Sends queued but not yet in a request. */
    get waiting(): number {
      return queue.length;
    },
  };
}

function takeUpTo<R>(queue: Waiting<R>[], maxBytes: number): Waiting<R>[] {
  let bytes = queue[0]!.bytes;
  let n = 1;
  while (n < queue.length && bytes + queue[n]!.bytes <= maxBytes) bytes += queue[n++]!.bytes;
  return queue.splice(0, n);
}

/** One entry per topic, records in the order they were sent. */
function byTopic<R>(taken: Waiting<R>[]): TopicRecords<R>[] {
  const topics = new Map<string, R[]>();
  for (const w of taken) {
    const list = topics.get(w.topic);
    if (list) list.push(...w.records);
    else topics.set(w.topic, [...w.records]);
  }
  return [...topics].map(([topic, records]) => ({ topic, records }));
}
