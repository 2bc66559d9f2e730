import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ComplaintActivities, NoticeDelivery, RemedyLedgerEntry } from '../../activities';
import type { Intake } from '../../domain/complaint';
import type { CustomerDelivery } from '../../domain/customer-notices';
import { advisor, customerService, generalManager, intake, serviceManager, technicalManager } from '../domain/fixtures';
import type { DomainEvent } from '../../domain/events';
import { startingStage } from '../../domain/ladder';
import { PolicySchema, type Policy } from '../../domain/policy';
import { complaint } from '../../workflows';
import { stateQuery } from '../../workflows/messages';
import type { ComplaintState } from '../../domain/complaint';
import { testWorkflowBundle } from './stack';
import { testWorkerDataConverter } from './temporal-keys';

export const HOUR = 3_600_000;

export const staff = { advisor, customerService, serviceManager, technicalManager, generalManager };
export { intake };

/** SPEC defaults on a 24x7 calendar, so times in tests are plain sums. */
export const roundTheClock: Policy = PolicySchema.parse({
  version: 'test-24x7',
  calendar: { mode: '24x7' },
  roster: {
    '*': {
      tier1: [{ staffId: 'cs-1', name: '李客服', role: 'customer_service' }],
      tier2: [{ staffId: 'sm-1', name: '张经理', role: 'service_manager' }],
      tier3: [{ staffId: 'gm-1', name: '陈总', role: 'general_manager' }],
    },
  },
});

/** Activities that record what the workflow asked of the outside world. */
export function recordingActivities() {
  const events: DomainEvent[] = [];
  const ledger: RemedyLedgerEntry[] = [];
  const notices: NoticeDelivery[] = [];
  const customerNotices: CustomerDelivery[] = [];
  const activities: ComplaintActivities = {
    async publishEvents(batch) {
      events.push(...batch);
    },
    async recordRemedies(entries) {
      ledger.push(...entries);
    },
    async deliverNotice(delivery) {
      notices.push(delivery);
    },
    async deliverCustomerNotice(delivery) {
      customerNotices.push(delivery);
      return { channel: delivery.channel.kind };
    },
  };
  return { activities, events, ledger, notices, customerNotices };
}

/** A worker on its own task queue with recording activities, plus a started complaint. */
export async function startComplaint(
  env: TestWorkflowEnvironment,
  opts: { policy?: Policy; intake?: Intake; historyLimit?: number } = {},
) {
  const taskQueue = `complaints-test-${randomUUID()}`;
  const recorded = recordingActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: testWorkflowBundle(),
    dataConverter: testWorkerDataConverter(),
    activities: recorded.activities,
  });
  const theIntake = opts.intake ?? intake;
  const complaintId = `CL-TEST-${randomUUID().slice(0, 8)}`;
  const running = worker.run();
  const handle = await env.client.workflow.start(complaint, {
    taskQueue,
    workflowId: complaintId,
    args: [
      {
        open: {
          complaintId,
          intake: theIntake,
          startingStage: startingStage({ ...theIntake, explicit: theIntake.startingStage }),
          policy: opts.policy ?? roundTheClock,
          ...(opts.historyLimit ? { historyLimit: opts.historyLimit } : {}),
        },
      },
    ],
  });
  // A complaint left running keeps firing timers with no worker, which holds the time-skipping
  // server's clock for every later test: end it first.
  const stop = async () => {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('test finished');
    worker.shutdown();
    await running;
  };
  return { handle, complaintId, ...recorded, stop };
}

export const eventNames = (events: DomainEvent[]) => events.map((e) => e.name);

/** The state once every event so far is published and no notice is still on its way. */
export async function settled(c: Awaited<ReturnType<typeof startComplaint>>): Promise<ComplaintState> {
  for (let i = 0; i < 100; i++) {
    const state = await c.handle.query(stateQuery);
    const notified = c.events.filter((e) => e.name === 'staff.notified' || e.name === 'customer.notified').length;
    const requested =
      new Set(c.notices.map((n) => n.message.key)).size + new Set(c.customerNotices.map((n) => n.message.key)).size;
    if (state.sequence === c.events.length && notified === requested) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('complaint did not settle within 5 s');
}

/** Waits (up to 5 s of real time) until `ready` holds: customer notices go out one after another. */
export async function until(ready: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 100 && !ready(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ready()) throw new Error(`${what} did not hold within 5 s`);
}

/** The refusal a rejected Update carries: what the validator said, as an ApplicationFailure. */
export async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
