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
import { customerHeard, startCustomerUpdates } from './customer-updates';
import { Draft, type StaffNoticeRequest, type Transition } from './draft';
import { checkOwnership, ownerOf } from './ownership';
import type { Stage } from './ladder';
import { maskPhone } from './phone';
import { openedBeforeBounds, openedBeforeOwnership } from './policy-era';
import type { Policy } from './policy';
import { approveRemedy, proposeRemedy, recordCustomerDecision } from './remedy-actions';
import { close, recordFollowUp, resolve } from './resolution';

export type {
  CustomerNoticeRequest,
  Effects,
  NoticeKind,
  NoticeRequest,
  StaffNoticeRequest,
  Transition,
} from './draft';
export { isCustomerNotice } from './draft';
export { catchUp, deadlineReached, nextDeadline, nextDue, type Due } from './deadlines';

export function openComplaint(
  complaintId: string,
  intake: Intake,
  startStage: Stage,
  policy: Policy,
  now: number,
  opts: { customerKeys?: string[] } = {},
): Transition {
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
    ...(opts.customerKeys?.length ? { customerKeys: opts.customerKeys } : {}),
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
  if (!openedBeforeOwnership(policy)) {
    const { tellTier } = policy.severity[intake.severity];
    if (tellTier !== null) d.notify('severity_alert', { tier: tellTier });
    startCustomerUpdates(d, policy);
    // On latent the customer has not raised anything yet: staff make the first contact themselves.
    if (startStage !== 'latent') d.tellCustomer('received', { owner: ownerOf(d.state) });
  }
  return d.done();
}

/** Recorded once every recipient of a notice has it. */
export function noticeDelivered(
  state: ComplaintState,
  notice: StaffNoticeRequest,
  recipients: { staffId: string; role: string; format: string }[],
  now: number,
): Transition {
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
export function applyAction<N extends ActionName>(
  name: N,
  state: ComplaintState,
  input: ActionInput<N>,
  policy: Policy,
  now: number,
): Transition {
  // Someone acted: the complaint is no longer waiting on a lapsed deadline (the "overdue" queue).
  const d = new Draft(state.lapsedAt === undefined ? state : { ...state, lapsedAt: undefined }, now);
  const apply = APPLY[name] as (d: Draft, input: ActionInput<N>, policy: Policy) => unknown;
  const result = apply(d, input, policy);
  return d.done(result);
}

/** The first response in a stage meets respond-by (if still in time: meetClock decides). */
const respond = (d: Draft, policy: Policy) => {
  const evenIfLate = openedBeforeBounds(policy);
  d.state = {
    ...d.state,
    respondedInStage: true,
    clocks: replaceClock(d.state.clocks, 'respond', (c) => meetClock(c, d.now, evenIfLate)),
  };
};

const APPLY: { [N in ActionName]: (d: Draft, input: ActionInput<N>, policy: Policy) => unknown } = {
  acknowledge(d, { actor, note }, policy) {
    if (!d.state.respondedInStage) respond(d, policy);
    d.emit('complaint.acknowledged', { stage: d.state.stage, actor, ...(note ? { note } : {}) });
    d.audit('acknowledge', actor, note ?? 'acknowledged', 'complaint.acknowledged');
  },
  logContact(d, { actor, method, summary }, policy) {
    if (!d.state.respondedInStage) respond(d, policy);
    d.state = { ...d.state, contactedInStage: true };
    customerHeard(d, policy);
    d.emit('contact.logged', { stage: d.state.stage, actor, method, summary });
    d.audit('logContact', actor, `${method}: ${summary}`, 'contact.logged');
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
  handOver(d, { actor, to, note }, policy) {
    const from = ownerOf(d.state);
    const taken = actor.id === to.id;
    d.state = { ...d.state, owner: to };
    d.emit('complaint.assigned', { from, to, by: actor, note, stage: d.state.stage });
    d.audit(
      'handOver',
      actor,
      `${taken ? 'taken over' : 'handed over'} from ${from.name ?? from.id} (${from.role}) to ${to.name ?? to.id} (${to.role}): ${note}`,
      'complaint.assigned',
    );
    if (!taken) d.notify('assigned', { staff: to }, { unique: d.state.sequence });
    checkOwnership(d, policy);
    // Seed 003 解决问题: the customer knows who now handles their case.
    if (!openedBeforeOwnership(policy) && d.state.stage !== 'latent')
      d.tellCustomer('handed_over', { owner: to }, d.state.sequence);
  },
};

export { mayOwn, ownerOf } from './ownership';
