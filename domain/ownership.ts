/**
 * 首问责任: who answers for a complaint, whether they can act on its rung, and who is told when
 * they cannot. A take is a hand-over to oneself (rules.ts).
 */
import type { ComplaintState } from './complaint';
import type { Draft, StaffNoticeRequest } from './draft';
import { LADDER, type Stage } from './ladder';
import type { Policy } from './policy';
import { openedBeforeOwnership } from './policy-era';
import { roleTier, type Role, type Tier } from './staff';

/** The complaint's owner; runs from before owners were recorded answer with the receiver. */
export const ownerOf = (state: ComplaintState) => state.owner ?? state.intake.receivedBy;

/** Seed 003's tiers: a rung is owned by its tier or higher, and customer service serves on every rung. */
export function mayOwn(role: Role, stage: Stage): boolean {
  return role === 'customer_service' || roleTier(role) >= LADDER[stage].ownerTier;
}

/** Open, and the owner cannot act on the rung it has climbed to (an advisor at deadlock). */
export const isUnowned = (state: ComplaintState) =>
  state.status === 'open' && !mayOwn(ownerOf(state).role, state.stage);

/** Owner first: the owner, and with them the rung's tier when asked or when the owner cannot act there. */
export function ownerAudience(state: ComplaintState, alsoTier?: Tier): StaffNoticeRequest['audience'] {
  const tier = alsoTier ?? (isUnowned(state) ? LADDER[state.stage].ownerTier : undefined);
  return { staff: ownerOf(state), ...(tier ? { tier } : {}) };
}

/**
 * After a climb or a change of owner: an unowned complaint is raised with its owner and the rung's
 * tier now, then with the tier on the policy's cadence until someone takes it; an owned one stops
 * the reminders.
 */
export function checkOwnership(d: Draft, policy: Policy): void {
  if (openedBeforeOwnership(policy)) return;
  if (!isUnowned(d.state)) {
    if (d.state.unownedRemindAt !== undefined) d.state = { ...d.state, unownedRemindAt: undefined };
    return;
  }
  d.notify('unowned', ownerAudience(d.state), { unique: d.now });
  d.state = { ...d.state, unownedRemindAt: d.now + policy.ownership.unownedRemindEvery };
}

/** Severity routing: critical complaints may run on shorter clocks. Older complaints: 1. */
export function clockFactor(state: ComplaintState, policy: Policy): number {
  return openedBeforeOwnership(policy) ? 1 : policy.severity[state.intake.severity].clockFactor;
}
