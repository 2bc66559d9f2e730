import { Counter, Histogram, type Registry } from 'prom-client';
import type { DomainEvent, EventData } from '../domain/events';

/** Seconds, from a second-scale demo clock to a late publish after an outage. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];
const PUBLISH_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type NoticeAudience = 'staff' | 'customer';
/** delivered: sent (or logged); failed: Temporal retries it; refused: the gateway said never. */
export type NoticeOutcome = 'delivered' | 'failed' | 'refused';

/**
 * The worker's ladder metrics, counted when Kafka acknowledges the publish: what the stream
 * carries is what the counters say. An activity retried after a lost completion counts twice,
 * as the stream then carries the event twice (consumers dedupe on the CloudEvents id).
 */
export function ladderMetrics(registry: Registry) {
  const climbs = new Counter({
    name: 'ladder_climbs_total',
    help: 'Complaints entering a higher rung, by the rung entered and what moved them.',
    labelNames: ['stage', 'trigger'],
    registers: [registry],
  });
  const breaches = new Counter({
    name: 'ladder_breaches_total',
    help: 'Clocks that lapsed, by stage and clock.',
    labelNames: ['stage', 'clock'],
    registers: [registry],
  });
  const notices = new Counter({
    name: 'ladder_notices_total',
    help: 'Staff and customer notice deliveries, by audience, kind and outcome.',
    labelNames: ['audience', 'kind', 'outcome'],
    registers: [registry],
  });
  const publishSeconds = new Histogram({
    name: 'ladder_publish_seconds',
    help: 'Time from handing a batch to Kafka to its acknowledgement, by topic.',
    labelNames: ['topic'],
    buckets: PUBLISH_BUCKETS,
    registers: [registry],
  });
  const escalationLag = new Histogram({
    name: 'ladder_escalation_lag_seconds',
    help: 'From a deadline to the acknowledged publish of its breach.',
    labelNames: ['clock'],
    buckets: LAG_BUCKETS,
    registers: [registry],
  });

  return {
    /** A batch Kafka acknowledged at `ackedAt` (ms), `seconds` after it was handed over. */
    published(topic: string, events: readonly DomainEvent[], seconds: number, ackedAt: number): void {
      publishSeconds.observe({ topic }, seconds);
      for (const event of events) {
        if (event.name === 'stage.entered') {
          const { to, trigger } = event.data as EventData<'stage.entered'>;
          if (trigger !== 'intake') climbs.inc({ stage: to, trigger });
        } else if (event.name === 'deadline.breached') {
          const { stage, clock, dueAt } = event.data as EventData<'deadline.breached'>;
          breaches.inc({ stage, clock });
          escalationLag.observe({ clock }, Math.max(0, ackedAt - Date.parse(String(dueAt))) / 1000);
        }
      }
    },
    notice(audience: NoticeAudience, kind: string, outcome: NoticeOutcome): void {
      notices.inc({ audience, kind, outcome });
    },
  };
}

export type LadderMetrics = ReturnType<typeof ladderMetrics>;
