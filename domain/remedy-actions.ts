/** Proposing, approving and deciding remedies, once the rules (rules.ts) have allowed them. */
import type { ActionInput } from './actions';
import type { Draft } from './draft';
import { ownerOf } from './ownership';
import type { Policy } from './policy';
import { openedBeforeOwnership } from './policy-era';
import { approverRoles, authorisedBy, capFor, firstApprovers, type Remedy } from './remedy';
import type { Actor } from './staff';

/** Whether `actor` may authorise `amount` more on this complaint: their cap covers all they have authorised. */
export function coversCumulative(actor: Actor, amount: number, remedies: readonly Remedy[], policy: Policy): boolean {
  const cap = capFor(actor.role, policy);
  return cap === null || authorisedBy(remedies, actor.id) + amount <= cap;
}

function updateRemedy(d: Draft, remedyId: string, patch: Partial<Remedy>): Remedy {
  let updated: Remedy | undefined;
  d.state = {
    ...d.state,
    remedies: d.state.remedies.map((r) => (r.remedyId === remedyId ? (updated = { ...r, ...patch }) : r)),
  };
  d.effects.ledger.push(updated!);
  return updated!;
}

export function proposeRemedy(
  d: Draft,
  { actor, type, amount, description }: ActionInput<'proposeRemedy'>,
  policy: Policy,
): Remedy {
  const needsApproval = !coversCumulative(actor, amount, d.state.remedies, policy);
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
  d.audit(
    'proposeRemedy',
    actor,
    `${type} ${amount} ${policy.currency}${needsApproval ? ' (needs approval)' : ''}`,
    'remedy.proposed',
  );
  // The unique part names the remedy: each over-cap proposal is its own approval request.
  if (needsApproval)
    d.notify('approval_needed', { roles: firstApprovers(amount, policy) }, { unique: remedy.remedyId });
  else offerToCustomer(d, remedy, policy);
  return remedy;
}

export function approveRemedy(d: Draft, { actor, remedyId }: ActionInput<'approveRemedy'>, policy: Policy): Remedy {
  const remedy = updateRemedy(d, remedyId, { status: 'proposed', approvedBy: actor, approvedAt: d.now });
  d.emit('remedy.approved', { remedyId, approvedBy: actor, amount: remedy.amount, currency: remedy.currency });
  d.audit('approveRemedy', actor, `approved ${remedyId}`, 'remedy.approved');
  offerToCustomer(d, remedy, policy);
  return remedy;
}

/** A remedy the customer may now decide on: they are told what it is (seed 000 1(6): 及时向客户通报). */
function offerToCustomer(d: Draft, remedy: Remedy, policy: Policy): void {
  if (openedBeforeOwnership(policy)) return;
  d.tellCustomer(
    'remedy_proposed',
    { owner: ownerOf(d.state), remedy: { type: remedy.type, amount: remedy.amount, currency: remedy.currency } },
    remedy.remedyId,
  );
}

export function recordCustomerDecision(
  d: Draft,
  { actor, remedyId, decision, note }: ActionInput<'recordCustomerDecision'>,
): Remedy {
  const accepted = decision === 'accept';
  const remedy = updateRemedy(d, remedyId, {
    status: accepted ? 'accepted' : 'declined',
    decidedAt: d.now,
    decidedInEntry: d.state.stageEntry,
    ...(note ? { decisionNote: note } : {}),
  });
  d.emit(accepted ? 'remedy.accepted' : 'remedy.declined', {
    remedyId,
    recordedBy: actor,
    type: remedy.type,
    amount: remedy.amount,
    currency: remedy.currency,
    ...(note ? { note } : {}),
  });
  d.audit(
    'recordCustomerDecision',
    actor,
    `customer ${accepted ? 'accepted' : 'declined'} ${remedyId}`,
    accepted ? 'remedy.accepted' : 'remedy.declined',
  );
  return remedy;
}
