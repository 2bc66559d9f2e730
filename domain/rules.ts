import type { ActionInput, ActionName } from './actions';
import { needsReflection } from './closing';
import type { ComplaintState, FollowUp } from './complaint';
import { LADDER, isHigherStage } from './ladder';
import type { Policy } from './policy';
import { approverRoles, capFor } from './remedy';
import { isSupervisor, roleTier } from './staff';

/**
 * Whether an action may happen now. not_allowed maps to HTTP 409 (not in this state);
 * over_authority and forbidden map to 403 (the actor's role or compensation cap).
 */
export type Verdict =
  | { ok: true }
  | { ok: false; code: 'not_allowed' | 'over_authority' | 'forbidden'; reason: string };

const ALLOWED: Verdict = { ok: true };
const notAllowed = (reason: string): Verdict => ({ ok: false, code: 'not_allowed', reason });
const forbidden = (reason: string): Verdict => ({ ok: false, code: 'forbidden', reason });
const overAuthority = (reason: string): Verdict => ({ ok: false, code: 'over_authority', reason });

type Rule<N extends ActionName> = (state: ComplaintState, input: ActionInput<N>, policy: Policy) => Verdict;

const AFTER_RESOLUTION: readonly ActionName[] = ['recordFollowUp', 'close'];

export function check<N extends ActionName>(action: N, state: ComplaintState, input: ActionInput<N>, policy: Policy): Verdict {
  if (state.status === 'closed') return notAllowed(`complaint ${state.complaintId} is closed`);
  if (state.status === 'resolved' && !AFTER_RESOLUTION.includes(action)) {
    return notAllowed(`complaint ${state.complaintId} is resolved: only the follow-up call and closing remain`);
  }
  if (state.status === 'open' && AFTER_RESOLUTION.includes(action)) {
    return notAllowed(`complaint ${state.complaintId} is not resolved yet`);
  }
  return (RULES[action] as Rule<N>)(state, input, policy);
}

const supervisorOnly = (what: string, role: string): Verdict =>
  forbidden(`only a service, technical or general manager may ${what}; a ${role} may not`);

const money = (amount: number, currency: string) => `${amount} ${currency}`;

const RULES: { [N in ActionName]: Rule<N> } = {
  acknowledge(state) {
    return state.respondedInStage
      ? notAllowed(`the complaint has already been responded to at ${state.stage}`)
      : ALLOWED;
  },

  logContact: () => ALLOWED,

  proposeRemedy: () => ALLOWED,

  approveRemedy(state, { actor, remedyId }, policy) {
    const remedy = state.remedies.find((r) => r.remedyId === remedyId);
    if (!remedy) return notAllowed(`there is no remedy ${remedyId} on this complaint`);
    if (remedy.status !== 'awaiting_approval') return notAllowed(`remedy ${remedyId} is not awaiting approval (it is ${remedy.status})`);
    // Four eyes. A remedy only waits when it is over its proposer's cap, so this bites only if
    // the proposer's role changed in between; it is stated anyway so nobody approves their own.
    if (remedy.proposedBy.id === actor.id) return forbidden('nobody may approve a remedy they proposed themselves');
    const cap = capFor(actor.role, policy);
    if (cap !== null && remedy.amount > cap) {
      return overAuthority(
        `a ${actor.role} may approve up to ${money(cap, remedy.currency)}; remedy ${remedyId} is ${money(remedy.amount, remedy.currency)} and needs ${approverRoles(remedy.amount, policy).join(' or ')}`,
      );
    }
    return ALLOWED;
  },

  recordCustomerDecision(state, { remedyId }) {
    const remedy = state.remedies.find((r) => r.remedyId === remedyId);
    if (!remedy) return notAllowed(`there is no remedy ${remedyId} on this complaint`);
    if (remedy.status === 'awaiting_approval') return notAllowed(`remedy ${remedyId} is still waiting for approval and cannot be put to the customer`);
    if (remedy.status !== 'proposed') return notAllowed(`the customer has already ${remedy.status} remedy ${remedyId}`);
    return ALLOWED;
  },

  escalate(state, { actor, to, driver }) {
    if (!isHigherStage(to, state.stage)) {
      return notAllowed(`a complaint only climbs: it is at ${state.stage} (${LADDER[state.stage].label.zh}) and ${to} is not higher`);
    }
    if (driver === 'supervisor' && !isSupervisor(actor.role)) return supervisorOnly('escalate a complaint on their own decision', actor.role);
    return ALLOWED;
  },

  pauseClock(state, { actor }) {
    if (!isSupervisor(actor.role)) return supervisorOnly('pause the clocks', actor.role);
    if (state.pause) return notAllowed(`the clocks are already paused (${state.pause.reason})`);
    if (!state.clocks.some((c) => c.stage === state.stage && c.status === 'running')) return notAllowed('no clock is running at this stage');
    return ALLOWED;
  },

  resumeClock(state, { actor }) {
    if (!isSupervisor(actor.role)) return supervisorOnly('resume the clocks', actor.role);
    return state.pause ? ALLOWED : notAllowed('the clocks are not paused');
  },

  extendDeadline(state, { actor, clock }) {
    if (!isSupervisor(actor.role)) return supervisorOnly('extend a deadline', actor.role);
    const live = state.clocks.some(
      (c) => c.kind === clock && c.stage === state.stage && (c.status === 'running' || c.status === 'paused'),
    );
    return live ? ALLOWED : notAllowed(`the ${clock}-by clock at ${state.stage} is not running, so there is nothing to extend`);
  },

  resolve(state, { actor, kind, reason }) {
    if (kind === 'remedy_accepted') {
      return state.remedies.some((r) => r.status === 'accepted')
        ? ALLOWED
        : notAllowed('resolution needs a remedy the customer has accepted');
    }
    // 坚持原则并耐心解释: standing firm against an unreasonable complaint is a manager's call.
    if (roleTier(actor.role) < 2) return forbidden(`an upheld-policy decision needs a tier-2 or tier-3 manager; a ${actor.role} may not`);
    if (!reason?.trim()) return notAllowed('an upheld-policy decision needs a reason');
    return ALLOWED;
  },

  recordFollowUp(state) {
    if (state.followUp?.completedAt !== undefined && state.followUp.satisfied) return notAllowed('the follow-up call has already been recorded');
    return ALLOWED;
  },

  close(state, { reflection }, policy) {
    if (state.closing) return notAllowed('the closing report has already been recorded');
    const reached = state.resolution?.stageReached ?? state.stage;
    if (needsReflection(reached, policy) && !reflection) {
      return notAllowed(`the complaint reached ${reached} (${LADDER[reached].label.zh}), so closing needs a reflection report (反思报告)`);
    }
    return ALLOWED;
  },
};

/** Closed once the customer was satisfied at the follow-up and the closing report is in, either order. */
export function readyToClose(state: ComplaintState): boolean {
  return state.status === 'resolved' && state.followUp?.satisfied === true && state.closing !== undefined;
}

/** 回访不满意: an unsatisfied customer reopens the complaint at the same stage with fresh clocks. */
export function shouldReopen(followUp: Pick<FollowUp, 'satisfied'>): boolean {
  return followUp.satisfied === false;
}
