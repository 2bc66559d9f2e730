/**
 * How a complaint's state changes, as pure functions: each takes the state and the moment, and
 * returns the next state plus its effects. The workflow only validates, applies, and carries the
 * effects out. The pieces live by concept: deadlines.ts (the ladder itself), remedy-actions.ts,
 * clock-actions.ts and resolution.ts.
 */
import type { ActionInput, ActionName } from './actions';
import { meetClock } from './clock';
import { extend, pause, resume } from './clock-actions';
import type { ComplaintState, Intake } from './complaint';
import { enterStage, replaceClock } from './deadlines';
import { Draft, type NoticeRequest, type Transition } from './draft';
import type { Stage } from './ladder';
import { maskPhone } from './phone';
import { openedBeforeBounds } from './policy-era';
import type { Policy } from './policy';
import { approveRemedy, proposeRemedy, recordCustomerDecision } from './remedy-actions';
import { close, recordFollowUp, resolve } from './resolution';

export type { Effects, NoticeKind, NoticeRequest, Transition } from './draft';
export { catchUp, deadlineReached, nextDeadline, nextDue, type Due } from './deadlines';

export function openComplaint(complaintId: string, intake: Intake, startStage: Stage, policy: Policy, now: number): Transition {
  const state: ComplaintState = {
    complaintId,
    dealerId: intake.dealerId,
    policyVersion: policy.version,
    intake,
    stage: startStage,
    status: 'open',
    clocks: [],
    respondedInStage: false,
    remedies: [],
    reopenCount: 0,
    audit: [],
    sequence: 0,
    openedAt: now,
    stageEntry: 0,
    owner: intake.owner ?? intake.receivedBy,
  };
  const d = new Draft(state, now);
  d.emit('complaint.opened', {
    channel: intake.channel,
    category: intake.category,
    severity: intake.severity,
    startingStage: startStage,
    policyVersion: policy.version,
    customer: { name: intake.customer.name, phoneMasked: maskPhone(intake.customer.phone) },
    vehicle: intake.vehicle,
    ...(intake.repairOrderNo ? { repairOrderNo: intake.repairOrderNo } : {}),
    receivedBy: intake.receivedBy,
    description: intake.description,
    reportedByStaff: intake.reportedByStaff ?? false,
    owner: intake.owner ?? intake.receivedBy,
  });
  d.audit('complaint.opened', intake.receivedBy, `received via ${intake.channel}`);
  enterStage(d, startStage, 'intake', policy, intake.receivedBy);
  return d.done();
}

/** Recorded once every recipient of a notice has it. */
export function noticeDelivered(state: ComplaintState, notice: NoticeRequest, recipients: { staffId: string; role: string; format: string }[], now: number): Transition {
  const d = new Draft(state, now);
  d.emit('staff.notified', {
    notificationKey: notice.key,
    kind: notice.kind,
    stage: notice.stage,
    ...(notice.clock ? { clock: notice.clock } : {}),
    ...('tier' in notice.audience ? { tier: notice.audience.tier } : {}),
    recipients: recipients as never,
  });
  return d.done();
}

/** Applies an action that rules.check has already allowed. */
export function applyAction<N extends ActionName>(name: N, state: ComplaintState, input: ActionInput<N>, policy: Policy, now: number): Transition {
  const d = new Draft(state, now);
  const apply = APPLY[name] as (d: Draft, input: ActionInput<N>, policy: Policy) => unknown;
  const result = apply(d, input, policy);
  return d.done(result);
}

/** The first response in a stage meets respond-by (if still in time: meetClock decides). */
const respond = (d: Draft, policy: Policy) => {
  const evenIfLate = openedBeforeBounds(policy);
  d.state = { ...d.state, respondedInStage: true, clocks: replaceClock(d.state.clocks, 'respond', (c) => meetClock(c, d.now, evenIfLate)) };
};

const APPLY: { [N in ActionName]: (d: Draft, input: ActionInput<N>, policy: Policy) => unknown } = {
  acknowledge(d, { actor, note }, policy) {
    if (!d.state.respondedInStage) respond(d, policy);
    d.emit('complaint.acknowledged', { stage: d.state.stage, actor, ...(note ? { note } : {}) });
    d.audit('acknowledge', actor, note ?? 'acknowledged');
  },
  logContact(d, { actor, method, summary }, policy) {
    if (!d.state.respondedInStage) respond(d, policy);
    d.state = { ...d.state, contactedInStage: true };
    d.emit('contact.logged', { stage: d.state.stage, actor, method, summary });
    d.audit('logContact', actor, `${method}: ${summary}`);
  },
  proposeRemedy,
  approveRemedy,
  recordCustomerDecision,
  escalate(d, { actor, to, driver, reason }, policy) {
    enterStage(d, to, driver === 'customer' ? 'customer_action' : 'supervisor', policy, actor, reason);
  },
  pauseClock: pause,
  resumeClock: resume,
  extendDeadline: extend,
  resolve,
  recordFollowUp,
  close,
  handOver(d, { actor, to, note }) {
    const from = ownerOf(d.state);
    d.state = { ...d.state, owner: to };
    d.emit('complaint.assigned', { from, to, by: actor, note, stage: d.state.stage });
    d.audit('handOver', actor, `handed over from ${from.name ?? from.id} (${from.role}) to ${to.name ?? to.id} (${to.role}): ${note}`);
    d.notify('assigned', { staff: to }, { unique: d.state.sequence });
  },
};

/** The complaint's owner; runs from before owners were recorded answer with the receiver. */
export const ownerOf = (state: ComplaintState) => state.owner ?? state.intake.receivedBy;
