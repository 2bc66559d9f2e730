/**
 * A consumer of complaint-events that keeps, for the complaints of one benchmark run, each
 * event's sequence number and the moment it arrived here: what "verified on Kafka" and
 * "latency to a Kafka consumer" are measured with.
 */
import { randomUUID } from 'node:crypto';
import type { EventLog, IncomingRecord } from '../kafka';
import { TOPICS } from '../kafka';
import { sleep } from './measure';

export interface Arrival {
  type: string;
  sequence: number;
  id: string;
  arrivedAt: number;
  data: Record<string, unknown>;
}

export class EventObserver {
  readonly byComplaint = new Map<string, Arrival[]>();
  private readonly waiters = new Set<() => void>();
  private readonly watchers = new Set<(complaintId: string) => void>();
  private consumer: ReturnType<EventLog['consumer']> | undefined;

  constructor(
    private readonly eventLog: EventLog,
    private readonly prefix: string,
  ) {}

  /** Starts at the end of the log; `ready` proves it is live by seeing a probe's first event. */
  async start(): Promise<void> {
    this.consumer = this.eventLog.consumer({ groupId: `bench-observer-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe([TOPICS.complaintEvents.name], { fromBeginning: false });
    await this.consumer.runBatches(async (records) => this.take(records));
  }

  private take(records: IncomingRecord[]): void {
    const arrivedAt = Date.now();
    for (const r of records) {
      if (!r.key?.startsWith(this.prefix)) continue;
      const type = (r.headers.ce_type ?? '').replace(/^com\.complaintladder\./, '').replace(/\.v\d+$/, '');
      const list = this.byComplaint.get(r.key) ?? [];
      list.push({
        type,
        sequence: Number(r.headers.ce_sequence),
        id: r.headers.ce_id ?? '',
        arrivedAt,
        data: r.value ? JSON.parse(r.value.toString()) : {},
      });
      this.byComplaint.set(r.key, list);
      for (const watch of this.watchers) watch(r.key);
    }
    for (const wake of this.waiters) wake();
  }

  events(complaintId: string): Arrival[] {
    return this.byComplaint.get(complaintId) ?? [];
  }

  /** Resolves once `test` holds for what has arrived, or fails after `timeoutMs`. */
  async until(what: string | (() => string), test: () => boolean, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > end)
        throw new Error(
          `timed out after ${timeoutMs / 1000} s waiting for ${typeof what === 'string' ? what : what()}`,
        );
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        void sleep(250).then(wake);
      });
    }
  }

  /**
   * Resolves once `done` holds for every id. Only ids that received events are rechecked, so
   * waiting on 100,000 complaints costs no more per batch than the batch itself.
   */
  async untilAll(
    what: string,
    ids: string[],
    done: (complaintId: string) => boolean,
    timeoutMs: number,
  ): Promise<void> {
    const pending = new Set(ids.filter((id) => !done(id)));
    const touched = new Set<string>();
    const watch = (id: string) => void (pending.has(id) && touched.add(id));
    this.watchers.add(watch);
    try {
      await this.until(
        () => `${what} (${pending.size} of ${ids.length} still waiting)`,
        () => {
          for (const id of touched) if (done(id)) pending.delete(id);
          touched.clear();
          return pending.size === 0;
        },
        timeoutMs,
      );
    } finally {
      this.watchers.delete(watch);
    }
  }

  /** Every sequence number 1..last present (repeats with the same id are allowed). */
  contiguous(complaintId: string, last: number): boolean {
    const seen = new Set(this.events(complaintId).map((e) => e.sequence));
    for (let s = 1; s <= last; s++) if (!seen.has(s)) return false;
    return true;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
