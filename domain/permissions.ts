/**
 * What a staff member may do to a complaint now, with the reason for each thing they may not:
 * the rules themselves (rules.check) asked with a typical input, so a client shows only buttons
 * that can work and never re-implements a rule or a cap. The form's own values (an amount, a
 * reason, a reflection) are still checked when the action is sent.
 */
import type { ActionInput, ActionName } from './actions';
import type { ComplaintState } from './complaint';
import { catchUp } from './deadlines';
import { nextStage } from './ladder';
import type { Policy } from './policy';
import { check } from './rules';
import { isSupervisor, type Actor } from './staff';

export interface Permission {
  action: ActionName | 'take';
  allowed: boolean;
  reason?: string;
}

export interface Permissions {
  actions: Permission[];
  remedies: { remedyId: string; actions: Permission[] }[];
}

const REASON = 'asked by the permissions check';
const REFLECTION = Object.fromEntries(
  ['customerThoughts', 'customerNeeds', 'wrongBelief', 'wrongBehaviour', 'badConsequence', 'rightBelief', 'rightBehaviour', 'goodResult'].map((k) => [k, REASON]),
);
/** A colleague who may own any rung: hand-over asks only whether the actor may hand over at all. */
const ANY_OWNER: Actor = { id: '\u0000colleague', role: 'general_manager' };

function ask<N extends ActionName>(name: N, state: ComplaintState, input: ActionInput<N>, policy: Policy, now: number): Omit<Permission, 'action'> {
  const verdict = check(name, state, input, policy, now);
  return verdict.ok ? { allowed: true } : { allowed: false, reason: verdict.reason };
}

/** The first of several ways to do one thing that is allowed, else every reason it is not. */
function either(...answers: Omit<Permission, 'action'>[]): Omit<Permission, 'action'> {
  if (answers.some((a) => a.allowed)) return { allowed: true };
  return { allowed: false, reason: [...new Set(answers.map((a) => a.reason))].join('; ') };
}

export function permissionsOf(state: ComplaintState, actor: Actor, policy: Policy, now: number): Permissions {
  const s = catchUp(state, policy, now).state;
  const a = { actor };
  const liveClock = s.clocks.find((c) => c.stage === s.stage && (c.status === 'running' || c.status === 'paused'))?.kind;
  const next = nextStage(s.stage);
  const escalate = next
    ? ask('escalate', s, { ...a, to: next, driver: isSupervisor(actor.role) ? 'supervisor' : 'customer', reason: REASON }, policy, now)
    : { allowed: false, reason: `${s.stage} is the top of the ladder` };
  const actions: Permission[] = [
    { action: 'acknowledge', ...ask('acknowledge', s, a, policy, now) },
    { action: 'logContact', ...ask('logContact', s, { ...a, method: 'phone', summary: REASON }, policy, now) },
    { action: 'proposeRemedy', ...ask('proposeRemedy', s, { ...a, type: 'apology', amount: 0, description: REASON }, policy, now) },
    { action: 'escalate', ...escalate },
    { action: 'pauseClock', ...ask('pauseClock', s, { ...a, reason: 'other' }, policy, now) },
    { action: 'resumeClock', ...ask('resumeClock', s, a, policy, now) },
    {
      action: 'extendDeadline',
      ...(liveClock === 'respond' || liveClock === 'resolve'
        ? ask('extendDeadline', s, { ...a, clock: liveClock, by: 60_000, reason: REASON }, policy, now)
        : { allowed: false, reason: 'no clock is running at this stage' }),
    },
    {
      action: 'resolve',
      ...either(ask('resolve', s, { ...a, kind: 'remedy_accepted' }, policy, now), ask('resolve', s, { ...a, kind: 'upheld_policy', reason: REASON }, policy, now)),
    },
    { action: 'recordFollowUp', ...either(ask('recordFollowUp', s, { ...a, outcome: 'satisfied' }, policy, now), ask('recordFollowUp', s, { ...a, outcome: 'satisfied', customerCalled: true }, policy, now)) },
    { action: 'close', ...ask('close', s, { ...a, rootCause: { kind: 'incidental' }, reflection: REFLECTION as never, reason: REASON }, policy, now) },
    { action: 'handOver', ...ask('handOver', s, { ...a, to: ANY_OWNER, note: REASON }, policy, now) },
    { action: 'take', ...ask('handOver', s, { ...a, to: actor, note: REASON }, policy, now) },
  ];
  const remedies = s.remedies.map((r) => ({
    remedyId: r.remedyId,
    actions: [
      { action: 'approveRemedy' as const, ...ask('approveRemedy', s, { ...a, remedyId: r.remedyId }, policy, now) },
      { action: 'recordCustomerDecision' as const, ...ask('recordCustomerDecision', s, { ...a, remedyId: r.remedyId, decision: 'accept' }, policy, now) },
    ],
  }));
  return { actions, remedies };
}
