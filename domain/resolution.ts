/** Resolution and after: resolving, the follow-up call (回访), reopening, closing. */
import { outcomeOf, type ActionInput } from './actions';
import { clocksForStage, meetClock } from './clock';
import { nextOpenInstant, ROUND_THE_CLOCK } from './calendar';
import { customerHeard } from './customer-updates';
import { checkOwnership, clockFactor, ownerOf } from './ownership';
import { openedBeforeBounds, openedBeforeOwnership } from './policy-era';
import { type Draft, iso } from './draft';
import { LADDER } from './ladder';
import type { Policy } from './policy';
import { totalCompensation } from './remedy';
import type { ComplaintState } from './complaint';

/** The follow-up call falls in working time: a call planned for a holiday moves to the next opening. */
function planFollowUp(from: number, policy: Policy, unreachableCalls = 0): NonNullable<ComplaintState['followUp']> {
  const delay = unreachableCalls === 0 ? policy.followUp.delay : policy.followUp.unreachableRetryAfter;
  const calendar = openedBeforeBounds(policy) ? ROUND_THE_CLOCK : policy.calendar;
  const scheduledFor = nextOpenInstant(from + delay, calendar);
  const dueBy = nextOpenInstant(scheduledFor + policy.followUp.dueWithin, calendar);
  return {
    scheduledFor,
    dueBy,
    dueNoticeSent: false,
    missedNoticeSent: false,
    ...(unreachableCalls ? { unreachableCalls } : {}),
  };
}

export function resolve(d: Draft, { actor, kind, reason }: ActionInput<'resolve'>, policy: Policy): void {
  const total = totalCompensation(d.state.remedies);
  const followUp = planFollowUp(d.now, policy);
  d.state = {
    ...d.state,
    status: 'resolved',
    clocks: d.state.clocks.map((c) => (c.status === 'running' || c.status === 'paused' ? meetClock(c, d.now) : c)),
    pause: undefined,
    reminderAt: undefined,
    resolution: {
      kind,
      ...(reason ? { reason } : {}),
      stageReached: d.state.stage,
      totalCompensation: total,
      currency: policy.currency,
      resolvedBy: actor,
      resolvedAt: d.now,
    },
    followUp,
    closing: undefined,
  };
  d.emit('complaint.resolved', {
    kind,
    stageReached: d.state.stage,
    totalCompensation: total,
    currency: policy.currency,
    resolvedBy: actor,
    ...(reason ? { reason } : {}),
  });
  d.emit('followup.scheduled', { scheduledFor: iso(followUp.scheduledFor), dueBy: iso(followUp.dueBy) });
  d.audit(
    'resolve',
    actor,
    kind === 'upheld_policy' ? `upheld policy: ${reason}` : `resolved with ${total} ${policy.currency} compensation`,
    'complaint.resolved',
  );
  if (!openedBeforeOwnership(policy)) {
    // The reason is written for colleagues; the customer hears the outcome, not the note.
    const owner = ownerOf(d.state);
    d.tellCustomer('outcome', { owner, outcome: kind }, d.state.sequence);
    d.tellCustomer('follow_up_planned', { owner, date: followUp.scheduledFor }, d.state.sequence);
  }
}

/** Whether the customer could not be reached on as many calls as the policy allows. */
export const followUpExhausted = (state: ComplaintState, policy: Policy): boolean =>
  (state.followUp?.unreachableCalls ?? 0) >= policy.followUp.attempts;

export function recordFollowUp(d: Draft, input: ActionInput<'recordFollowUp'>, policy: Policy): void {
  const { actor, note } = input;
  const outcome = outcomeOf(input)!;
  if (outcome === 'unreachable') {
    const calls = (d.state.followUp?.unreachableCalls ?? 0) + 1;
    d.emit('followup.completed', { satisfied: false, outcome, actor, ...(note ? { note } : {}) });
    d.audit(
      'recordFollowUp',
      actor,
      `customer unreachable (call ${calls} of ${policy.followUp.attempts})${note ? `: ${note}` : ''}`,
      'followup.completed',
    );
    if (calls >= policy.followUp.attempts) {
      d.state = { ...d.state, followUp: { ...d.state.followUp!, unreachableCalls: calls, completedAt: d.now } };
      closeIfReady(d, policy);
      return;
    }
    const next = planFollowUp(d.now, policy, calls);
    d.state = { ...d.state, followUp: next };
    d.emit('followup.scheduled', { scheduledFor: iso(next.scheduledFor), dueBy: iso(next.dueBy), attempt: calls + 1 });
    return;
  }
  const satisfied = outcome === 'satisfied';
  d.state = {
    ...d.state,
    followUp: { ...d.state.followUp!, completedAt: d.now, satisfied, ...(note ? { note } : {}) },
  };
  d.emit('followup.completed', { satisfied, actor, ...(note ? { note } : {}) });
  d.audit(
    'recordFollowUp',
    actor,
    satisfied ? 'customer satisfied' : `customer not satisfied${note ? `: ${note}` : ''}`,
    'followup.completed',
  );
  if (satisfied) {
    closeIfReady(d, policy);
    return;
  }
  // 回访不满意: reopen at the same stage with fresh clocks; a remedy accepted before no longer resolves it.
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
    clocks: clocksForStage(d.state.stage, d.now, policy, clockFactor(d.state, policy)),
    respondedInStage: false,
    contactedInStage: false,
    reminderAt: d.state.stage === 'public_action' ? d.now + policy.publicActionReminderEvery : undefined,
  };
  // The follow-up call was itself a contact: the next customer update is one cadence away.
  customerHeard(d, policy);
  d.emit('complaint.reopened', {
    stage: d.state.stage,
    reason: note || 'customer not satisfied at follow-up',
    reopenCount,
  });
  d.notify('stage_entered', { tier: LADDER[d.state.stage].ownerTier });
  checkOwnership(d, policy);
}

export function close(d: Draft, { actor, rootCause, reflection, reason }: ActionInput<'close'>, policy: Policy): void {
  d.state = {
    ...d.state,
    closing: { rootCause, ...(reflection ? { reflection } : {}), ...(reason ? { reason } : {}), by: actor, at: d.now },
  };
  closeIfReady(d, policy);
  // After closeIfReady, so the line carries complaint.closed when the report closed the complaint.
  d.audit(
    'close',
    actor,
    rootCause.kind === 'incidental' ? 'root cause: incidental' : `root cause: ${rootCause.area} process defect`,
    'complaint.closed',
  );
}

/**
 * Closed once the closing report is in and the follow-up call is done, in either order: the
 * customer satisfied, or unreachable on every call the policy allows.
 */
function closeIfReady(d: Draft, policy: Policy): void {
  const { followUp, closing, resolution } = d.state;
  if (!closing || !resolution) return;
  const unreachable = followUpExhausted(d.state, policy);
  // Closing without a satisfied call needs a person's reason, never one made up here.
  if (!followUp?.satisfied && !(unreachable && closing.reason)) return;
  d.state = { ...d.state, status: 'closed' };
  d.emit('complaint.closed', {
    rootCause: closing.rootCause,
    ...(closing.reflection ? { reflection: closing.reflection } : {}),
    closedBy: closing.by,
    stageReached: resolution.stageReached,
    ...(unreachable && !followUp?.satisfied
      ? { followUp: 'customer_unreachable' as const, reason: closing.reason! }
      : {}),
  });
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
