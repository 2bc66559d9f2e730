import type { Logger } from 'pino';
import type { RecordProducer } from '../kafka/client';
import type { LadderMetrics } from '../metrics/ladder';
import { createCustomerNotifier } from './customer-notify';
import { createNotifier } from './notify';
import { metered } from './metered';
import { createPublisher } from './publish';

export interface ActivityDeps {
  producer: RecordProducer;
  fetch: typeof fetch;
  log: Logger;
  /** Signs every webhook delivery (config/request-signature.ts), so a receiver can tell ours from others'. */
  webhookSecret?: Buffer;
  /** Counts climbs, breaches, notices and publish times for the worker's /metrics. */
  metrics?: LadderMetrics;
}

/** Every activity of the complaint workflow, built over injected clients. */
export function createActivities(deps: ActivityDeps) {
  const activities = {
    ...createPublisher(deps.producer),
    ...createNotifier({ fetch: deps.fetch, log: deps.log, webhookSecret: deps.webhookSecret }),
    ...createCustomerNotifier({ fetch: deps.fetch, log: deps.log, webhookSecret: deps.webhookSecret }),
  };
  return deps.metrics ? metered(activities, deps.metrics) : activities;
}

export type ComplaintActivities = ReturnType<typeof createActivities>;
export type { NoticeDelivery } from './notify';
export type { RemedyLedgerEntry } from './publish';
