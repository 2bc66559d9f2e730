/**
 * Who is on a dealer's roster. Kept apart from the policy schemas (policy.ts) because workflows
 * call it: every module a workflow imports is instantiated once per complaint.
 */
import type { Policy, Recipient, TierRoster } from './policy';
import type { Role, Tier } from './staff';
import { ownValue } from './own';

export const EMPTY_ROSTER: TierRoster = { tier1: [], tier2: [], tier3: [] };

/** Dealer ids come from intake: "constructor" or "__proto__" must not find Object.prototype. */
export function rosterFor(policy: Policy, dealerId: string): TierRoster {
  return ownValue(policy.roster, dealerId) ?? ownValue(policy.roster, '*') ?? EMPTY_ROSTER;
}

export function recipientsFor(policy: Policy, dealerId: string, tier: Tier): Recipient[] {
  return rosterFor(policy, dealerId)[`tier${tier}`];
}

/** Everyone on the dealer's roster holding one of `roles`, each person once. */
export function recipientsForRoles(policy: Policy, dealerId: string, roles: readonly Role[]): Recipient[] {
  const roster = rosterFor(policy, dealerId);
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of [...roster.tier1, ...roster.tier2, ...roster.tier3]) {
    if (roles.includes(r.role) && !seen.has(r.staffId)) {
      seen.add(r.staffId);
      out.push(r);
    }
  }
  return out;
}
