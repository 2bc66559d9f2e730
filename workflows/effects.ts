/**
 * Carries a transition's effects out of the workflow: events to Kafka strictly in sequence order,
 * remedy-ledger records after them, and staff notices delivered without ever holding up the ladder.
 */
import { ActivityFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import type { ComplaintState } from '../domain/complaint';
import type { DomainEvent } from '../domain/events';
import { customerNoticeFailed, customerNotified } from '../domain/customer-updates';
import { describeCustomerNotice } from '../domain/customer-messages';
import { describeNotice, recipientsOf } from '../domain/notices';
import type { Policy } from '../domain/policy';
import type { Remedy } from '../domain/remedy';
import {
  isCustomerNotice,
  noticeDelivered,
  type CustomerNoticeRequest,
  type NoticeRequest,
  type Transition,
} from '../domain/transitions';

// Kafka being down must delay publishing, never drop it: retry without limit.
// Not a local activity, though that would save two server round trips per transition: a local
// activity publishes before its workflow task is committed, so a worker that dies mid-task leaves
// events on Kafka that the retried task may number differently (the chaos test caught exactly
// that: two different events with one id). A scheduled activity's input is in history first.
const { publishEvents, recordRemedies } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

// A staff webhook or SMS gateway being down must not stop the ladder: notices are delivered on the side.
const { deliverNotice, deliverCustomerNotice } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

/** `record` is the workflow's one writer of state: a delivered notice is a transition like any other. */
export function createEffects(
  getState: () => ComplaintState,
  record: (t: Transition) => Promise<void>,
  getPolicy: () => Policy,
) {
  const events: DomainEvent[] = [];
  const ledger: Remedy[] = [];
  const inFlight = new Map<string, NoticeRequest>();
  let publishing: Promise<void> = Promise.resolve();

  /** Chained so batches leave in the order their sequence numbers were given. */
  function publish(): Promise<void> {
    publishing = publishing.then(async () => {
      const batch = events.splice(0);
      const remedies = ledger.splice(0);
      if (batch.length) await publishEvents(batch);
      if (remedies.length) {
        const { complaintId, dealerId } = getState();
        await recordRemedies(remedies.map((remedy) => ({ complaintId, dealerId, remedy })));
      }
    });
    return publishing;
  }

  // One customer notice at a time, so texts reach the phone in the order they were raised.
  let toCustomer: Promise<void> = Promise.resolve();

  async function deliver(notice: NoticeRequest): Promise<void> {
    if (isCustomerNotice(notice)) return (toCustomer = toCustomer.then(() => deliverToCustomer(notice)));
    const state = getState();
    const policy = getPolicy();
    const recipients = recipientsOf(policy, state.dealerId, notice.audience);
    const message = describeNotice(notice, state);
    await Promise.all(recipients.map((recipient) => deliverNotice({ message, recipient })));
    const delivered = noticeDelivered(
      getState(),
      notice,
      recipients.map((r) => ({ staffId: r.staffId, role: r.role, format: r.webhook?.format ?? 'log' })),
      Date.now(),
    );
    inFlight.delete(notice.key);
    await record(delivered);
  }

  async function deliverToCustomer(notice: CustomerNoticeRequest): Promise<void> {
    const state = getState();
    const policy = getPolicy();
    const message = describeCustomerNotice(notice, state, policy);
    const { channel } = policy.customerNotices;
    let outcome: Transition;
    try {
      await deliverCustomerNotice({ message, phone: state.intake.customer.phone, channel });
      outcome = customerNotified(getState(), notice, message, channel.kind, policy, Date.now());
    } catch (err) {
      // Only a gateway's permanent refusal (a number it will never reach) ends up here; it is
      // recorded for staff, and the customer-update clock stays unmet so a person calls instead.
      const why = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : (err as Error).message;
      outcome = customerNoticeFailed(getState(), notice, why, Date.now());
    }
    inFlight.delete(notice.key);
    await record(outcome);
  }

  function dispatch(notice: NoticeRequest): void {
    if (inFlight.has(notice.key)) return; // one notice per key: never a flood
    inFlight.set(notice.key, notice);
    void deliver(notice);
  }

  function carryOut(t: Transition): Promise<void> {
    events.push(...t.effects.events);
    ledger.push(...t.effects.ledger);
    t.effects.notices.forEach(dispatch);
    return publish();
  }

  return {
    carryOut,
    /** Notices that were still being delivered when the previous run continued as new. */
    resumeNotices: (notices: NoticeRequest[]) => notices.forEach(dispatch),
    pendingNotices: () => [...inFlight.values()],
    /** Waits for every event (and, if asked, every notice) to be out. */
    async drained(opts: { notices?: boolean } = {}): Promise<void> {
      if (opts.notices) await condition(() => inFlight.size === 0);
      await publish();
    },
  };
}
