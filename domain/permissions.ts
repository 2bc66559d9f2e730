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
import { authorisedBy, capFor, committedTotal } from './remedy';
import { check } from './rules';
import { isSupervisor, type Actor } from './staff';

export interface Permission {
  action: ActionName | 'take';
  allowed: boolean;
  reason?: string;
  /** Where one action has several forms (resolve's kinds, escalate's drivers, close with or without a reflection report): those allowed. */
  options?: string[];
}

/** The money the caller may still commit on this complaint, by the rules' own sums (remedy.ts). */
export interface Authority {
  /** What the caller may still authorise here without approval; null is unlimited. */
  authorityLeft: number | null;
  /** Room left under the policy's per-complaint limit. */
  complaintLeft: number;
  remedyMax: number;
  complaintMax: number;
  currency: string;
}

export interface Permissions {
  actions: Permission[];
  remedies: { remedyId: string; actions: Permission[] }[];
  authority: Authority;
}

const REASON = 'asked by the permissions check';
const REFLECTION = Object.fromEntries(
  [
    'customerThoughts',
    'customerNeeds',
    'wrongBelief',
    'wrongBehaviour',
    'badConsequence',
    'rightBelief',
    'rightBehaviour',
    'goodResult',
  ].map((k) => [k, REASON]),
);
/** A colleague who may own any rung: hand-over asks only whether the actor may hand over at all. */
const ANY_OWNER: Actor = { id: '\u0000colleague', role: 'general_manager' };

function ask<N extends ActionName>(
  name: N,
  state: ComplaintState,
  input: ActionInput<N>,
  policy: Policy,
  now: number,
): Omit<Permission, 'action'> {
  const verdict = check(name, state, input, policy, now);
  return verdict.ok ? { allowed: true } : { allowed: false, reason: verdict.reason };
}

/** The first of several ways to do one thing that is allowed, else every reason it is not. */
function either(...answers: Omit<Permission, 'action'>[]): Omit<Permission, 'action'> {
  if (answers.some((a) => a.allowed)) return { allowed: true };
  return { allowed: false, reason: [...new Set(answers.map((a) => a.reason))].join('; ') };
}

/** One action's forms, each asked of the rules: allowed if any is, listing those that are. */
function forms(answers: Record<string, Omit<Permission, 'action'>>): Omit<Permission, 'action'> {
  const options = Object.keys(answers).filter((k) => answers[k]!.allowed);
  return options.length ? { allowed: true, options } : either(...Object.values(answers));
}

function authorityOf(state: ComplaintState, actor: Actor, policy: Policy): Authority {
  const cap = capFor(actor.role, policy);
  const { remedyMax, complaintMax } = policy.limits;
  return {
    authorityLeft: cap === null ? null : Math.max(0, cap - authorisedBy(state.remedies, actor.id)),
    complaintLeft: Math.max(0, complaintMax - committedTotal(state.remedies)),
    remedyMax,
    complaintMax,
    currency: policy.currency,
  };
}

export function permissionsOf(state: ComplaintState, actor: Actor, policy: Policy, now: number): Permissions {
  const s = catchUp(state, policy, now).state;
  const a = { actor };
  const liveClock = s.clocks.find(
    (c) => c.stage === s.stage && (c.status === 'running' || c.status === 'paused'),
  )?.kind;
  const next = nextStage(s.stage);
  const climb = (driver: 'customer' | 'supervisor') =>
    ask('escalate', s, { ...a, to: next!, driver, reason: REASON }, policy, now);
  const escalate = next
    ? forms(
        isSupervisor(actor.role)
          ? { customer: climb('customer'), supervisor: climb('supervisor') }
          : { customer: climb('customer') },
      )
    : { allowed: false, reason: `${s.stage} is the top of the ladder` };
  const actions: Permission[] = [
    { action: 'acknowledge', ...ask('acknowledge', s, a, policy, now) },
    { action: 'logContact', ...ask('logContact', s, { ...a, method: 'phone', summary: REASON }, policy, now) },
    {
      action: 'proposeRemedy',
      ...ask('proposeRemedy', s, { ...a, type: 'apology', amount: 0, description: REASON }, policy, now),
    },
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
      ...forms({
        remedy_accepted: ask('resolve', s, { ...a, kind: 'remedy_accepted' }, policy, now),
        upheld_policy: ask('resolve', s, { ...a, kind: 'upheld_policy', reason: REASON }, policy, now),
      }),
    },
    {
      action: 'recordFollowUp',
      ...either(
        ask('recordFollowUp', s, { ...a, outcome: 'satisfied' }, policy, now),
        ask('recordFollowUp', s, { ...a, outcome: 'satisfied', customerCalled: true }, policy, now),
      ),
    },
    {
      // Without a reflection report only below the policy's reflectionReportFrom; without a reason
      // only when the follow-up call reached the customer.
      action: 'close',
      ...forms({
        with_reflection: ask(
          'close',
          s,
          { ...a, rootCause: { kind: 'incidental' }, reflection: REFLECTION as never, reason: REASON },
          policy,
          now,
        ),
        without_reflection: ask('close', s, { ...a, rootCause: { kind: 'incidental' }, reason: REASON }, policy, now),
        without_reason: ask(
          'close',
          s,
          { ...a, rootCause: { kind: 'incidental' }, reflection: REFLECTION as never },
          policy,
          now,
        ),
      }),
    },
    { action: 'handOver', ...ask('handOver', s, { ...a, to: ANY_OWNER, note: REASON }, policy, now) },
    { action: 'take', ...ask('handOver', s, { ...a, to: actor, note: REASON }, policy, now) },
  ];
  const remedies = s.remedies.map((r) => ({
    remedyId: r.remedyId,
    actions: [
      { action: 'approveRemedy' as const, ...ask('approveRemedy', s, { ...a, remedyId: r.remedyId }, policy, now) },
      {
        action: 'recordCustomerDecision' as const,
        ...ask('recordCustomerDecision', s, { ...a, remedyId: r.remedyId, decision: 'accept' }, policy, now),
      },
    ],
  }));
  return { actions, remedies, authority: authorityOf(s, actor, policy) };
}
