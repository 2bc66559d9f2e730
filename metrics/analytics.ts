import { Counter, Gauge, type Registry } from 'prom-client';
import type { AnalyticsReader } from '../analytics/reader';

/** A counter that follows a running total kept elsewhere (the reader's own status). */
function totalCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let counted = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > counted) this.inc(now - counted);
      counted = now;
    },
  });
}

/** The analytics reader's metrics, read from it at each scrape: nothing on its hot path. */
export function analyticsMetrics(registry: Registry, reader: AnalyticsReader): void {
  totalCounter(
    registry,
    'ladder_analytics_records_read_total',
    'Kafka records the reader has read.',
    () => reader.status().recordsRead,
  );
  totalCounter(
    registry,
    'ladder_analytics_dead_lettered_total',
    'Poison records sent to the DLQ.',
    () => reader.status().deadLettered,
  );
  totalCounter(
    registry,
    'ladder_analytics_duplicates_total',
    'Events seen again and skipped.',
    () => reader.status().duplicates,
  );
  totalCounter(
    registry,
    'ladder_analytics_consumer_crashes_total',
    'Times the consumer crashed.',
    () => reader.status().crashes,
  );
  totalCounter(
    registry,
    'ladder_analytics_sequence_gaps_total',
    'Events that arrived after a missing sequence number of their complaint.',
    () => reader.status().gaps.length,
  );
  new Gauge({
    name: 'ladder_analytics_consumer_lag',
    help: 'Records between the end of complaint-events and what the projections hold, over all partitions.',
    registers: [registry],
    async collect() {
      this.set(await reader.lag());
    },
  });
  new Gauge({
    name: 'ladder_analytics_consuming',
    help: '1 while the consumer follows the log, 0 after a crash until it rejoins.',
    registers: [registry],
    collect() {
      this.set(reader.unready() ? 0 : 1);
    },
  });
}
