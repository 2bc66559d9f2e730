import { ApplicationFailure } from '@temporalio/common';
import { TOPICS } from '../kafka/topics';
import type { LadderMetrics } from '../metrics/ladder';
import type { createCustomerNotifier } from './customer-notify';
import type { createNotifier } from './notify';
import type { createPublisher } from './publish';

type Activities = ReturnType<typeof createPublisher> &
  ReturnType<typeof createNotifier> &
  ReturnType<typeof createCustomerNotifier>;

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The same activities, counted in the worker's ladder metrics (metrics/ladder.ts) as they finish. */
export function metered(activities: Activities, metrics: LadderMetrics): Activities {
  return {
    ...activities,
    async publishEvents(events) {
      const started = performance.now();
      await activities.publishEvents(events);
      metrics.published(TOPICS.complaintEvents.name, events, seconds(started), Date.now());
    },
    async recordRemedies(entries) {
      const started = performance.now();
      await activities.recordRemedies(entries);
      metrics.published(TOPICS.remedyLedger.name, [], seconds(started), Date.now());
    },
    async deliverNotice(delivery) {
      try {
        await activities.deliverNotice(delivery);
        metrics.notice('staff', delivery.message.kind, 'delivered');
      } catch (err) {
        metrics.notice('staff', delivery.message.kind, 'failed');
        throw err;
      }
    },
    async deliverCustomerNotice(delivery) {
      try {
        const sent = await activities.deliverCustomerNotice(delivery);
        metrics.notice('customer', delivery.message.template, 'delivered');
        return sent;
      } catch (err) {
        const refused = err instanceof ApplicationFailure && err.nonRetryable;
        metrics.notice('customer', delivery.message.template, refused ? 'refused' : 'failed');
        throw err;
      }
    },
  };
}
