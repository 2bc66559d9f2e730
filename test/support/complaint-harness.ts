import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ComplaintActivities, NoticeDelivery, RemedyLedgerEntry } from '../../activities';
import type { Intake } from '../../domain/complaint';
import type { DomainEvent } from '../../domain/events';
import { startingStage } from '../../domain/ladder';
import { PolicySchema, type Policy } from '../../domain/policy';
import type { Actor } from '../../domain/staff';
import { complaint } from '../../workflows';
import { stateQuery } from '../../workflows/messages';
import type { ComplaintState } from '../../domain/complaint';
import { testWorkflowBundle } from './stack';

export const HOUR = 3_600_000;

export const staff = {
  advisor: { id: 'sa-1', role: 'advisor', name: '王顾问' },
  customerService: { id: 'cs-1', role: 'customer_service', name: '李客服' },
  serviceManager: { id: 'sm-1', role: 'service_manager', name: '张经理' },
  technicalManager: { id: 'tm-1', role: 'technical_manager', name: '赵经理' },
  generalManager: { id: 'gm-1', role: 'general_manager', name: '陈总' },
} satisfies Record<string, Actor>;

export const intake: Intake = {
  dealerId: 'SH-PUDONG-01',
  customer: { name: '刘先生', phone: '13812345678' },
  vehicle: { plate: '沪A12345' },
  repairOrderNo: 'RO-2026-0001',
  channel: 'phone',
  category: 'delivery_delay',
  description: 'Car promised for 17:00 was not ready and nobody called.',
  severity: 'medium',
  receivedBy: staff.advisor,
};

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
  };
  return { activities, events, ledger, notices };
}

/** A worker on its own task queue with recording activities, plus a started complaint. */
export async function startComplaint(env: TestWorkflowEnvironment, opts: { policy?: Policy; intake?: Intake } = {}) {
  const taskQueue = `complaints-test-${randomUUID()}`;
  const recorded = recordingActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: testWorkflowBundle(),
    activities: recorded.activities,
  });
  const theIntake = opts.intake ?? intake;
  const complaintId = `CL-TEST-${randomUUID().slice(0, 8)}`;
  const running = worker.run();
  const handle = await env.client.workflow.start(complaint, {
    taskQueue,
    workflowId: complaintId,
    args: [{ open: { complaintId, intake: theIntake, startingStage: startingStage({ ...theIntake, explicit: theIntake.startingStage }), policy: opts.policy ?? roundTheClock } }],
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
    const notified = c.events.filter((e) => e.name === 'staff.notified').length;
    const requested = new Set(c.notices.map((n) => n.message.key)).size;
    if (state.sequence === c.events.length && notified === requested) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('complaint did not settle within 5 s');
}
