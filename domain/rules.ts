import { outcomeOf, type ActionInput, type ActionName } from './actions';
import { needsReflection } from './closing';
import type { ComplaintState } from './complaint';
import { iso } from './draft';
import { formatDuration } from './duration';
import { LADDER, isHigherStage } from './ladder';
import type { Policy } from './policy';
import { approverRoles, authorisedBy, capFor, committedTotal, decidedIn, freshAcceptance } from './remedy';
import { coversCumulative } from './remedy-actions';
import { followUpExhausted } from './resolution';
import { openedBeforeBounds } from './policy-era';
import { isSupervisor, roleTier } from './staff';
import { isUnowned, mayOwn, ownerOf } from './ownership';

/**
 * Whether an action may happen now. not_allowed maps to HTTP 409: not in this state, or beyond
 * what the complaint's policy allows (its limits are data the request's schema cannot know);
 * over_authority and forbidden map to 403 (the actor's role or compensation cap);
 * invalid_input maps to 400 (the request itself is malformed).
 */
export type Verdict =
  | { ok: true }
  | { ok: false; code: 'not_allowed' | 'over_authority' | 'forbidden' | 'invalid_input'; reason: string };

const ALLOWED: Verdict = { ok: true };
const notAllowed = (reason: string): Verdict => ({ ok: false, code: 'not_allowed', reason });
const forbidden = (reason: string): Verdict => ({ ok: false, code: 'forbidden', reason });
const overAuthority = (reason: string): Verdict => ({ ok: false, code: 'over_authority', reason });
const outOfBounds = (reason: string): Verdict => ({ ok: false, code: 'not_allowed', reason });
/** A request the action's schema refuses too; only a payload that skipped the schema gets here. */
const malformed = (reason: string): Verdict => ({ ok: false, code: 'invalid_input', reason });

type Rule<N extends ActionName> = (
  state: ComplaintState,
  input: ActionInput<N>,
  policy: Policy,
  now: number,
) => Verdict;

const AFTER_RESOLUTION: readonly ActionName[] = ['recordFollowUp', 'close'];

/** `state` must be caught up to `now` (deadlines.catchUp), so a late action meets the ladder as it is. */
export function check<N extends ActionName>(
  action: N,
  state: ComplaintState,
  input: ActionInput<N>,
  policy: Policy,
  now: number,
): Verdict {
  if (state.status === 'closed') return notAllowed(`complaint ${state.complaintId} is closed`);
  if (state.status === 'resolved' && !AFTER_RESOLUTION.includes(action)) {
    return notAllowed(`complaint ${state.complaintId} is resolved: only the follow-up call and closing remain`);
  }
  if (state.status === 'open' && AFTER_RESOLUTION.includes(action)) {
    return notAllowed(`complaint ${state.complaintId} is not resolved yet`);
  }
  return (RULES[action] as Rule<N>)(state, input, policy, now);
}

const supervisorOnly = (what: string, role: string): Verdict =>
  forbidden(`only a service, technical or general manager may ${what}; ${aRole(role)} may not`);

const money = (amount: number, currency: string) => `${amount} ${currency}`;
/** "an advisor", "a general_manager". */
const aRole = (role: string) => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;

const RULES: { [N in ActionName]: Rule<N> } = {
  acknowledge(state) {
    return state.respondedInStage
      ? notAllowed(`the complaint has already been responded to at ${state.stage}`)
      : ALLOWED;
  },

  logContact: () => ALLOWED,

  proposeRemedy(state, { amount }, policy) {
    if (!openedBeforeBounds(policy)) {
      const { remedyMax, complaintMax } = policy.limits;
      if (amount > remedyMax)
        return outOfBounds(
          `a remedy may be at most ${money(remedyMax, policy.currency)} under policy ${policy.version}; ${money(amount, policy.currency)} is more`,
        );
      const committed = committedTotal(state.remedies);
      if (committed + amount > complaintMax) {
        return outOfBounds(
          `remedies on one complaint may total at most ${money(complaintMax, policy.currency)}; ${money(committed, policy.currency)} is already proposed or given, so ${money(amount, policy.currency)} more is too much`,
        );
      }
    }
    // Waiting for an approval that nobody can give would wedge the remedy: refuse it now.
    if (approverRoles(amount, policy).length === 0)
      return overAuthority(`no role may authorise ${money(amount, policy.currency)} under policy ${policy.version}`);
    return ALLOWED;
  },

  approveRemedy(state, { actor, remedyId }, policy) {
    const remedy = state.remedies.find((r) => r.remedyId === remedyId);
    if (!remedy) return notAllowed(`there is no remedy ${remedyId} on this complaint`);
    if (remedy.status !== 'awaiting_approval')
      return notAllowed(`remedy ${remedyId} is not awaiting approval (it is ${remedy.status})`);
    // Four eyes. A remedy only waits when it is over its proposer's cap, so this bites only if
    // the proposer's role changed in between; it is stated anyway so nobody approves their own.
    if (remedy.proposedBy.id === actor.id) return forbidden('nobody may approve a remedy they proposed themselves');
    const cap = capFor(actor.role, policy);
    if (cap !== null && !coversCumulative(actor, remedy.amount, state.remedies, policy)) {
      const already = authorisedBy(state.remedies, actor.id);
      return overAuthority(
        `${aRole(actor.role)} may authorise up to ${money(cap, remedy.currency)} on one complaint` +
          (already > 0 ? ` and has authorised ${money(already, remedy.currency)} here already` : '') +
          `; remedy ${remedyId} is ${money(remedy.amount, remedy.currency)} and needs ${approverRoles(remedy.amount, policy).join(' or ')}`,
      );
    }
    return ALLOWED;
  },

  recordCustomerDecision(state, { remedyId }) {
    const remedy = state.remedies.find((r) => r.remedyId === remedyId);
    if (!remedy) return notAllowed(`there is no remedy ${remedyId} on this complaint`);
    if (remedy.status === 'awaiting_approval')
      return notAllowed(`remedy ${remedyId} is still waiting for approval and cannot be put to the customer`);
    // After a climb or a reopen the customer decides afresh, on an old remedy or a new one.
    if (remedy.status !== 'proposed' && decidedIn(remedy, state.stageEntry)) {
      return notAllowed(`the customer has already ${remedy.status} remedy ${remedyId} at ${state.stage}`);
    }
    // A declined remedy no longer counts against anyone's authority; offering it again is a new proposal.
    if (remedy.status === 'declined')
      return notAllowed(`the customer declined remedy ${remedyId}: propose it again as a new remedy`);
    return ALLOWED;
  },

  escalate(state, { actor, to, driver }) {
    if (!isHigherStage(to, state.stage)) {
      return notAllowed(
        `a complaint only climbs: it is at ${state.stage} (${LADDER[state.stage].label.zh}) and ${to} is not higher`,
      );
    }
    if (driver === 'supervisor' && !isSupervisor(actor.role))
      return supervisorOnly('escalate a complaint on their own decision', actor.role);
    return ALLOWED;
  },

  pauseClock(state, { actor }) {
    if (!isSupervisor(actor.role)) return supervisorOnly('pause the clocks', actor.role);
    if (state.pause) return notAllowed(`the clocks are already paused (${state.pause.reason})`);
    if (!state.clocks.some((c) => c.stage === state.stage && c.status === 'running'))
      return notAllowed('no clock is running at this stage');
    return ALLOWED;
  },

  resumeClock(state, { actor }) {
    if (!isSupervisor(actor.role)) return supervisorOnly('resume the clocks', actor.role);
    return state.pause ? ALLOWED : notAllowed('the clocks are not paused');
  },

  extendDeadline(state, { actor, clock, by }, policy) {
    if (!isSupervisor(actor.role)) return supervisorOnly('extend a deadline', actor.role);
    const live = state.clocks.some(
      (c) => c.kind === clock && c.stage === state.stage && (c.status === 'running' || c.status === 'paused'),
    );
    if (!live)
      return notAllowed(`the ${clock}-by clock at ${state.stage} is not running, so there is nothing to extend`);
    if (openedBeforeBounds(policy)) return ALLOWED;
    const most = policy.extension.mostPerStage;
    const used = state.clocks.filter((c) => c.stage === state.stage).reduce((sum, c) => sum + c.extendedMs, 0);
    if (used + by > most) {
      return outOfBounds(
        `the clocks at ${state.stage} may be extended by at most ${formatDuration(most)} in all; ${formatDuration(used)} is used, so ${formatDuration(by)} more is too much`,
      );
    }
    return ALLOWED;
  },

  resolve(state, { actor, kind, reason }) {
    // Seed 003's three levels: a deadlock or a public action is the general manager's to settle.
    const rungTier = LADDER[state.stage].ownerTier;
    if (rungTier === 3 && roleTier(actor.role) < 3) {
      return forbidden(
        `a complaint at ${state.stage} (${LADDER[state.stage].label.zh}) is resolved by a tier-3 role; ${aRole(actor.role)} may not`,
      );
    }
    if (kind === 'remedy_accepted') {
      if (freshAcceptance(state.remedies, state.stageEntry)) return ALLOWED;
      const stale = state.remedies.some((r) => r.status === 'accepted');
      return notAllowed(
        stale
          ? `the remedy the customer accepted was accepted before the complaint ${state.reopenCount > 0 ? 'reopened or ' : ''}reached ${state.stage}: the customer must accept again, or accept a new remedy`
          : 'resolution needs a remedy the customer has accepted',
      );
    }
    // 坚持原则并耐心解释: standing firm against an unreasonable complaint is a manager's call.
    if (roleTier(actor.role) < 2)
      return forbidden(`an upheld-policy decision needs a tier-2 or tier-3 manager; ${aRole(actor.role)} may not`);
    if (!reason?.trim()) return notAllowed('an upheld-policy decision needs a reason');
    if (!state.contactedInStage)
      return notAllowed(
        `an upheld-policy decision needs a logged contact with the customer at ${state.stage}: explain it to them first (耐心解释)`,
      );
    return ALLOWED;
  },

  recordFollowUp(state, input, policy, now) {
    const followUp = state.followUp!;
    if (followUp.completedAt !== undefined) return notAllowed('the follow-up call has already been recorded');
    if (outcomeOf(input) === null) return malformed('give the outcome of the follow-up call');
    if (outcomeOf(input) === 'unreachable' && openedBeforeBounds(policy)) {
      return notAllowed(
        `this complaint's policy (${policy.version}) has no calls again for an unreachable customer: record satisfied or not_satisfied`,
      );
    }
    // Nobody answering a call that was not yet due says nothing: only a customer who called in counts early.
    if (now < followUp.scheduledFor && (!input.customerCalled || outcomeOf(input) === 'unreachable')) {
      return notAllowed(
        `the follow-up call is due from ${iso(followUp.scheduledFor)}; record it earlier only if the customer called in (customerCalled: true)`,
      );
    }
    return ALLOWED;
  },

  handOver(state, { actor, to }) {
    const owner = ownerOf(state);
    if (to.id === owner.id) return notAllowed(`${to.name ?? to.id} already owns this complaint`);
    // Taking an unowned complaint is a hand-over to oneself, open to anyone who can act on the rung.
    const takesUnowned = to.id === actor.id && isUnowned(state);
    if (actor.id !== owner.id && !isSupervisor(actor.role) && !takesUnowned) {
      return forbidden(
        `only the owner (${owner.name ?? owner.id}) or a service, technical or general manager may hand this complaint over; ${aRole(actor.role)} may not` +
          (to.id === actor.id
            ? ` (taking it is open to anyone who can act on the rung only while its owner cannot)`
            : ''),
      );
    }
    if (!mayOwn(to.role, state.stage)) {
      return notAllowed(
        `${aRole(to.role)} cannot own a complaint at ${state.stage} (${LADDER[state.stage].label.zh}): it needs tier ${LADDER[state.stage].ownerTier} or customer service`,
      );
    }
    return ALLOWED;
  },

  close(state, { reflection, reason }, policy) {
    const completingReason = followUpExhausted(state, policy) && !state.followUp?.satisfied && !state.closing?.reason;
    if (state.closing && !completingReason) return notAllowed('the closing report has already been recorded');
    if (followUpExhausted(state, policy) && !state.followUp?.satisfied && !reason?.trim()) {
      return notAllowed('the customer could not be reached for the follow-up call: closing needs a reason');
    }
    const reached = state.resolution?.stageReached ?? state.stage;
    if (needsReflection(reached, policy) && !reflection) {
      return notAllowed(
        `the complaint reached ${reached} (${LADDER[reached].label.zh}), so closing needs a reflection report (反思报告)`,
      );
    }
    return ALLOWED;
  },
};

export { mayOwn } from './ownership';
