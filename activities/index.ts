import type { Logger } from 'pino';
import type { RecordProducer } from '../kafka/client';
import { createCustomerNotifier } from './customer-notify';
import { createNotifier } from './notify';
import { createPublisher } from './publish';

export interface ActivityDeps {
  producer: RecordProducer;
  fetch: typeof fetch;
  log: Logger;
  /** Signs every webhook delivery (config/request-signature.ts), so a receiver can tell ours from others'. */
  webhookSecret?: Buffer;
}

/** Every activity of the complaint workflow, built over injected clients. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createPublisher(deps.producer),
    ...createNotifier({ fetch: deps.fetch, log: deps.log, webhookSecret: deps.webhookSecret }),
    ...createCustomerNotifier({ fetch: deps.fetch, log: deps.log, webhookSecret: deps.webhookSecret }),
  };
}

export type ComplaintActivities = ReturnType<typeof createActivities>;
export type { NoticeDelivery } from './notify';
export type { RemedyLedgerEntry } from './publish';
