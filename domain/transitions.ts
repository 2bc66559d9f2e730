/**
 * How a complaint's state changes, as pure functions: each takes the state and the moment, and
 * returns the next state plus its effects (events with their sequence numbers, staff notices,
 * remedy-ledger records). The workflow only validates, applies, and carries the effects out.
 */
import type { Actor } from './staff';
import type { Policy } from './policy';
import { LADDER, nextStage, type Stage } from './ladder';
import { startClock, pauseClock, resumeClock, extendClock, meetClock, markWarned, markBreached, type Clock, type ClockKind } from './clock';
import { approverRoles, firstApprovers, totalCompensation, withinAuthority, type Remedy } from './remedy';
import type { ComplaintState, Intake } from './complaint';
import { maskPhone } from './phone';
import type { ActionInput, ActionName } from './actions';
import { eventId } from './event-id';
import type { DomainEvent, EventName } from './events';
import { parseDuration } from './duration';

export type NoticeKind = 'stage_entered' | 'warning' | 'breach' | 'approval_needed' | 'reminder' | 'followup_due' | 'followup_missed';

/** A staff notification to deliver. `key` is unique per complaint, stage entry, clock and kind. */
export interface NoticeRequest {
  key: string;
  kind: NoticeKind;
  stage: Stage;
  clock?: ClockKind;
  /** Who: the owner tier of the stage, or named roles (approvers, customer service). */
  audience: { tier: 1 | 2 | 3 } | { roles: Actor['role'][] };
  dueAt?: number;
}

export interface Effects {
  events: DomainEvent[];
  notices: NoticeRequest[];
  ledger: Remedy[];
}

export interface Transition<R = unknown> {
  state: ComplaintState;
  effects: Effects;
  result?: R;
}

/** What the workflow's timer is waiting for. */
export type TimerDue =
  | { at: number; kind: 'warning' | 'breach'; clock: ClockKind }
  | { at: number; kind: 'reminder' }
  | { at: number; kind: 'followup_due' | 'followup_missed' };

/** Accumulates effects while a transition is built, numbering events without gaps. */
class Draft {
  readonly effects: Effects = { events: [], notices: [], ledger: [] };
  constructor(public state: ComplaintState, readonly now: number) {}

  emit(name: EventName, data: Record<string, unknown>): void {
    const sequence = this.state.sequence + 1;
    this.state = { ...this.state, sequence };
    this.effects.events.push({
      id: eventId(this.state.complaintId, sequence),
      name,
      complaintId: this.state.complaintId,
      dealerId: this.state.dealerId,
      sequence,
      time: this.now,
      data,
    });
  }

  notify(kind: NoticeKind, audience: NoticeRequest['audience'], extra: { clock?: ClockKind; dueAt?: number } = {}): void {
    const { stage, stageEntry, complaintId } = this.state;
    const suffix = kind === 'reminder' ? `:${this.now}` : '';
    this.effects.notices.push({
      key: `${complaintId}:${stageEntry}:${stage}:${extra.clock ?? '-'}:${kind}${suffix}`,
      kind,
      stage,
      audience,
      ...extra,
    });
  }

  audit(action: string, actor: Actor | 'system', summary: string): void {
    this.state = { ...this.state, audit: [...this.state.audit, { at: this.now, action, actor, summary }] };
  }

  done<R>(result?: R): Transition<R> {
    return { state: this.state, effects: this.effects, ...(result === undefined ? {} : { result }) };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function stageClocks(stage: Stage, now: number, policy: Policy): Clock[] {
  const { respondWithin, resolveWithin } = policy.clocks[stage];
  const clocks = [startClock('respond', stage, now, respondWithin, policy)];
  if (resolveWithin !== null) clocks.push(startClock('resolve', stage, now, resolveWithin, policy));
  return clocks;
}

/** Entering a rung: fresh clocks, the owner tier told, and at the top the reminder cycle begins. */
function enter(d: Draft, to: Stage, trigger: 'intake' | 'deadline_lapsed' | 'customer_action' | 'supervisor', policy: Policy, by?: Actor, reason?: string): void {
  const from = d.state.stage === to && trigger === 'intake' ? null : d.state.stage;
  d.state = {
    ...d.state,
    stage: to,
    stageEntry: d.state.stageEntry + 1,
    clocks: stageClocks(to, d.now, policy),
    respondedInStage: false,
    pause: undefined,
    reminderAt: to === 'public_action' ? d.now + policy.publicActionReminderEvery : undefined,
  };
  d.emit('stage.entered', { from, to, trigger, ...(by ? { actor: by } : {}), ...(reason ? { reason } : {}) });
  d.audit('stage.entered', by ?? 'system', from ? `${from} → ${to} (${trigger})` : `opened at ${to}`);
  d.notify('stage_entered', { tier: LADDER[to].ownerTier });
}

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
  });
  d.audit('complaint.opened', intake.receivedBy, `received via ${intake.channel}`);
  enter(d, startStage, 'intake', policy, intake.receivedBy);
  return d.done();
}

/** The earliest moment the complaint needs attention without anyone acting. */
export function nextTimer(state: ComplaintState): TimerDue | null {
  const candidates: TimerDue[] = [];
  if (state.status === 'open') {
    for (const c of state.clocks) {
      if (c.status !== 'running') continue;
      if (!c.warned && c.warnAt < c.dueAt) candidates.push({ at: c.warnAt, kind: 'warning', clock: c.kind });
      if (!c.breached) candidates.push({ at: c.dueAt, kind: 'breach', clock: c.kind });
    }
    if (state.reminderAt !== undefined) candidates.push({ at: state.reminderAt, kind: 'reminder' });
  }
  const f = state.followUp;
  if (state.status === 'resolved' && f && f.completedAt === undefined) {
    if (!f.dueNoticeSent) candidates.push({ at: f.scheduledFor, kind: 'followup_due' });
    if (!f.missedNoticeSent) candidates.push({ at: f.dueBy, kind: 'followup_missed' });
  }
  return candidates.reduce<TimerDue | null>((a, b) => (a === null || b.at < a.at ? b : a), null);
}

/** The deadline shown to staff and indexed as NextDeadline. */
export function nextDeadline(state: ComplaintState): number | null {
  if (state.status === 'open') {
    const due = state.clocks.filter((c) => c.status === 'running').map((c) => c.dueAt);
    return due.length ? Math.min(...due) : null;
  }
  if (state.status === 'resolved' && state.followUp && state.followUp.completedAt === undefined) return state.followUp.dueBy;
  return null;
}

const replaceClock = (clocks: Clock[], kind: ClockKind, f: (c: Clock) => Clock) => clocks.map((c) => (c.kind === kind ? f(c) : c));

/** A timer fired: warn, or breach and climb one rung (at the top: remind tier 3 instead). */
export function onTimer(state: ComplaintState, due: TimerDue, policy: Policy, now: number): Transition {
  const d = new Draft(state, now);
  const ownerTier = LADDER[state.stage].ownerTier;
  switch (due.kind) {
    case 'warning': {
      const clock = state.clocks.find((c) => c.kind === due.clock)!;
      d.state = { ...d.state, clocks: replaceClock(d.state.clocks, due.clock, markWarned) };
      d.emit('deadline.warning', { stage: state.stage, clock: due.clock, dueAt: iso(clock.dueAt), warnAt: iso(clock.warnAt) });
      d.notify('warning', { tier: ownerTier }, { clock: due.clock, dueAt: clock.dueAt });
      break;
    }
    case 'breach': {
      const clock = state.clocks.find((c) => c.kind === due.clock)!;
      d.state = { ...d.state, clocks: replaceClock(d.state.clocks, due.clock, markBreached) };
      d.emit('deadline.breached', { stage: state.stage, clock: due.clock, dueAt: iso(clock.dueAt) });
      d.notify('breach', { tier: ownerTier }, { clock: due.clock, dueAt: clock.dueAt });
      d.audit('deadline.breached', 'system', `${due.clock}-by deadline lapsed at ${state.stage}`);
      const next = nextStage(state.stage);
      if (next) enter(d, next, 'deadline_lapsed', policy);
      break;
    }
    case 'reminder':
      d.state = { ...d.state, reminderAt: now + policy.publicActionReminderEvery };
      d.notify('reminder', { tier: 3 });
      break;
    case 'followup_due':
      d.state = { ...d.state, followUp: { ...state.followUp!, dueNoticeSent: true } };
      d.notify('followup_due', { roles: ['customer_service'] }, { dueAt: state.followUp!.dueBy });
      break;
    case 'followup_missed':
      d.state = { ...d.state, followUp: { ...state.followUp!, missedNoticeSent: true } };
      d.emit('deadline.breached', { stage: state.stage, clock: 'follow_up', dueAt: iso(state.followUp!.dueBy) });
      d.notify('followup_missed', { roles: ['customer_service'] }, { clock: 'follow_up', dueAt: state.followUp!.dueBy });
      break;
  }
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
    recipients,
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

const respond = (d: Draft) => {
  d.state = { ...d.state, respondedInStage: true, clocks: replaceClock(d.state.clocks, 'respond', meetClock) };
};

function updateRemedy(d: Draft, remedyId: string, patch: Partial<Remedy>): Remedy {
  let updated: Remedy | undefined;
  d.state = {
    ...d.state,
    remedies: d.state.remedies.map((r) => (r.remedyId === remedyId ? (updated = { ...r, ...patch }) : r)),
  };
  d.effects.ledger.push(updated!);
  return updated!;
}

const APPLY: { [N in ActionName]: (d: Draft, input: ActionInput<N>, policy: Policy) => unknown } = {
  acknowledge(d, { actor, note }) {
    const firstResponse = !d.state.respondedInStage;
    if (firstResponse) respond(d);
    d.emit('complaint.acknowledged', { stage: d.state.stage, actor, ...(note ? { note } : {}) });
    d.audit('acknowledge', actor, note ?? 'acknowledged');
  },
  logContact(d, { actor, method, summary }) {
    if (!d.state.respondedInStage) respond(d);
    d.emit('contact.logged', { stage: d.state.stage, actor, method, summary });
    d.audit('logContact', actor, `${method}: ${summary}`);
  },
  proposeRemedy(d, { actor, type, amount, description }, policy) {
    const needsApproval = !withinAuthority(actor.role, amount, policy);
    const remedy: Remedy = {
      remedyId: `${d.state.complaintId}-R${d.state.remedies.length + 1}`,
      type,
      amount,
      currency: policy.currency,
      description,
      proposedBy: actor,
      proposedAt: d.now,
      status: needsApproval ? 'awaiting_approval' : 'proposed',
    };
    const approvers = needsApproval ? approverRoles(amount, policy) : [];
    d.state = { ...d.state, remedies: [...d.state.remedies, remedy] };
    d.effects.ledger.push(remedy);
    d.emit('remedy.proposed', {
      remedyId: remedy.remedyId,
      type,
      amount,
      currency: policy.currency,
      description,
      proposedBy: actor,
      needsApproval,
      approverRoles: approvers,
    });
    d.audit('proposeRemedy', actor, `${type} ${amount} ${policy.currency}${needsApproval ? ' (needs approval)' : ''}`);
    if (needsApproval) {
      // The key names the remedy: each over-cap proposal is its own approval request.
      d.notify('approval_needed', { roles: firstApprovers(amount, policy) });
      d.effects.notices[d.effects.notices.length - 1]!.key += `:${remedy.remedyId}`;
    }
    return remedy;
  },
  approveRemedy(d, { actor, remedyId }) {
    const remedy = updateRemedy(d, remedyId, { status: 'proposed', approvedBy: actor, approvedAt: d.now });
    d.emit('remedy.approved', { remedyId, approvedBy: actor, amount: remedy.amount, currency: remedy.currency });
    d.audit('approveRemedy', actor, `approved ${remedyId}`);
    return remedy;
  },
  recordCustomerDecision(d, { actor, remedyId, decision, note }) {
    const accepted = decision === 'accept';
    const remedy = updateRemedy(d, remedyId, { status: accepted ? 'accepted' : 'declined', decidedAt: d.now, ...(note ? { decisionNote: note } : {}) });
    d.emit(accepted ? 'remedy.accepted' : 'remedy.declined', { remedyId, recordedBy: actor, type: remedy.type, amount: remedy.amount, currency: remedy.currency, ...(note ? { note } : {}) });
    d.audit('recordCustomerDecision', actor, `customer ${accepted ? 'accepted' : 'declined'} ${remedyId}`);
    return remedy;
  },
  escalate(d, { actor, to, driver, reason }, policy) {
    enter(d, to, driver === 'customer' ? 'customer_action' : 'supervisor', policy, actor, reason);
  },
  pauseClock(d, { actor, reason, note }, policy) {
    d.state = {
      ...d.state,
      clocks: d.state.clocks.map((c) => (c.status === 'running' ? pauseClock(c, d.now, policy.calendar) : c)),
      pause: { reason, ...(note ? { note } : {}), since: d.now, by: actor },
    };
    d.emit('clock.paused', { stage: d.state.stage, reason, ...(note ? { note } : {}), actor });
    d.audit('pauseClock', actor, `paused: ${reason}${note ? ` (${note})` : ''}`);
  },
  resumeClock(d, { actor, note }, policy) {
    const pausedForMs = d.now - d.state.pause!.since;
    d.state = {
      ...d.state,
      clocks: d.state.clocks.map((c) => (c.status === 'paused' ? resumeClock(c, d.now, policy.calendar) : c)),
      pause: undefined,
    };
    const dueAts = Object.fromEntries(d.state.clocks.map((c) => [c.kind, iso(c.dueAt)]));
    d.emit('clock.resumed', { stage: d.state.stage, pausedForMs, newDueAt: dueAts, actor, ...(note ? { note } : {}) });
    d.audit('resumeClock', actor, `resumed after ${Math.round(pausedForMs / 1000)}s`);
  },
  extendDeadline(d, { actor, clock, by, reason }, policy) {
    const byMs = typeof by === 'number' ? by : parseDuration(by);
    const before = d.state.clocks.find((c) => c.kind === clock)!;
    d.state = { ...d.state, clocks: replaceClock(d.state.clocks, clock, (c) => extendClock(c, byMs, policy.calendar)) };
    const after = d.state.clocks.find((c) => c.kind === clock)!;
    d.emit('deadline.extended', { stage: d.state.stage, clock, byMs, previousDueAt: iso(before.dueAt), newDueAt: iso(after.dueAt), reason, actor });
    d.audit('extendDeadline', actor, `${clock}-by extended to ${iso(after.dueAt)}: ${reason}`);
  },
  resolve(d, { actor, kind, reason }, policy) {
    const total = totalCompensation(d.state.remedies);
    const scheduledFor = d.now + policy.followUp.delay;
    d.state = {
      ...d.state,
      status: 'resolved',
      clocks: d.state.clocks.map((c) => (c.status === 'running' || c.status === 'paused' ? meetClock(c) : c)),
      pause: undefined,
      reminderAt: undefined,
      resolution: { kind, ...(reason ? { reason } : {}), stageReached: d.state.stage, totalCompensation: total, currency: policy.currency, resolvedBy: actor, resolvedAt: d.now },
      followUp: { scheduledFor, dueBy: scheduledFor + policy.followUp.dueWithin, dueNoticeSent: false, missedNoticeSent: false },
      closing: undefined,
    };
    d.emit('complaint.resolved', { kind, stageReached: d.state.stage, totalCompensation: total, currency: policy.currency, resolvedBy: actor, ...(reason ? { reason } : {}) });
    d.emit('followup.scheduled', { scheduledFor: iso(scheduledFor), dueBy: iso(d.state.followUp!.dueBy) });
    d.audit('resolve', actor, kind === 'upheld_policy' ? `upheld policy: ${reason}` : `resolved with ${total} ${policy.currency} compensation`);
  },
  recordFollowUp(d, { actor, satisfied, note }, policy) {
    d.state = { ...d.state, followUp: { ...d.state.followUp!, completedAt: d.now, satisfied, ...(note ? { note } : {}) } };
    d.emit('followup.completed', { satisfied, actor, ...(note ? { note } : {}) });
    d.audit('recordFollowUp', actor, satisfied ? 'customer satisfied' : `customer not satisfied${note ? `: ${note}` : ''}`);
    if (satisfied) {
      closeIfReady(d);
      return;
    }
    // 回访不满意: reopen at the same stage with fresh clocks; a new resolution needs a new remedy decision.
    const reopenCount = d.state.reopenCount + 1;
    d.state = {
      ...d.state,
      status: 'open',
      reopenCount,
      reopenedAt: d.now,
      resolution: undefined,
      followUp: undefined,
      closing: undefined,
      stageEntry: d.state.stageEntry + 1,
      clocks: stageClocks(d.state.stage, d.now, policy),
      respondedInStage: false,
      reminderAt: d.state.stage === 'public_action' ? d.now + policy.publicActionReminderEvery : undefined,
    };
    d.emit('complaint.reopened', { stage: d.state.stage, reason: note ?? 'customer not satisfied at follow-up', reopenCount });
    d.notify('stage_entered', { tier: LADDER[d.state.stage].ownerTier });
  },
  close(d, { actor, rootCause, reflection }) {
    d.state = { ...d.state, closing: { rootCause, ...(reflection ? { reflection } : {}), by: actor, at: d.now } };
    d.audit('close', actor, rootCause.kind === 'incidental' ? 'root cause: incidental' : `root cause: ${rootCause.area} process defect`);
    closeIfReady(d);
  },
};

/** Closed once the customer is satisfied at follow-up and the closing report is in, in either order. */
function closeIfReady(d: Draft): void {
  const { followUp, closing, resolution } = d.state;
  if (!closing || !followUp?.satisfied || !resolution) return;
  d.state = { ...d.state, status: 'closed' };
  d.emit('complaint.closed', { rootCause: closing.rootCause, ...(closing.reflection ? { reflection: closing.reflection } : {}), closedBy: closing.by, stageReached: resolution.stageReached });
  if (closing.rootCause.kind === 'process_defect') {
    d.emit('process.defect.reported', {
      area: closing.rootCause.area,
      description: closing.rootCause.description,
      stage: resolution.stageReached,
      category: d.state.intake.category,
      dealerId: d.state.dealerId,
    });
  }
}
