import type { Policy } from './policy';

/**
 * Whether a complaint was opened under a policy from before money limits and bounded pauses
 * (its policy travels with it and has no `pause` section). Such a complaint keeps the rules it
 * was opened under: unbounded pauses and extensions, no notices to the tier above, no automatic
 * resume on a climb, the follow-up call at a plain delay, and no unreachable retries. That is also
 * what keeps its recorded history replaying command for command.
 */
export function openedBeforeBounds(policy: Policy): boolean {
  return (policy as Partial<Policy>).pause === undefined;
}

/**
 * Whether a complaint was opened before owners and customer updates: no owner-first notices, no
 * customer-update clock, no customer notices and no severity routing. Same reason as above.
 */
export function openedBeforeOwnership(policy: Policy): boolean {
  return (policy as Partial<Policy>).customerUpdates === undefined;
}
