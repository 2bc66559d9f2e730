/**
 * Who is on a dealer's roster. Kept apart from the policy schemas (policy.ts) because workflows
 * call it: every module a workflow imports is instantiated once per complaint.
 */
import type { Policy, Recipient, TierRoster } from './policy';
import type { Role, Tier } from './staff';
import { ownValue } from './own';

export const EMPTY_ROSTER: TierRoster = { tier1: [], tier2: [], tier3: [] };
/** The roster key (and dealer scope) that covers every dealer. */
export const ALL_DEALERS = '*';

/** Whether a roster entry serves a dealer: it names the dealer or "*", or names no dealers at all. */
export function servesDealer(recipient: Recipient, dealerId: string): boolean {
  return (
    recipient.dealers === undefined || recipient.dealers.includes(ALL_DEALERS) || recipient.dealers.includes(dealerId)
  );
}

/**
 * A dealer's own roster, else the '*' roster narrowed to the people who serve that dealer, so
 * one dealer's complaints never reach another dealer's staff (F18). Dealer ids come from
 * intake: "constructor" or "__proto__" must not find Object.prototype.
 */
export function rosterFor(policy: Policy, dealerId: string): TierRoster {
  const own = ownValue(policy.roster, dealerId);
  if (own) return own;
  const fallback = ownValue(policy.roster, ALL_DEALERS);
  if (!fallback) return EMPTY_ROSTER;
  const serving = (tier: Recipient[]) => tier.filter((r) => servesDealer(r, dealerId));
  const { tier1, tier2, tier3 } = fallback;
  if ([tier1, tier2, tier3].every((tier) => tier.every((r) => servesDealer(r, dealerId)))) return fallback;
  return { tier1: serving(tier1), tier2: serving(tier2), tier3: serving(tier3) };
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
