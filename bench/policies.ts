/**
 * The policies the benchmarks open complaints with. No staff webhooks: the benchmarks measure
 * the ladder and the event log, not a receiver's speed (staff.notified events still flow).
 */
import { parsePolicy, type Policy } from '../domain/policy';

const tier = (staffId: string, role: string) => [{ staffId, name: staffId, role }];
const roster = {
  '*': {
    tier1: tier('bench-cs', 'customer_service'),
    tier2: tier('bench-sm', 'service_manager'),
    tier3: tier('bench-gm', 'general_manager'),
  },
};
const slow = { respondWithin: '24h', resolveWithin: '48h' };

function policy(
  version: string,
  clocks: Record<string, { respondWithin: string; resolveWithin: string | null }>,
): Policy {
  return parsePolicy({
    version,
    calendar: { mode: '24x7' },
    clocks: {
      latent: slow,
      objection: slow,
      complaint: slow,
      formal_complaint: slow,
      deadlock: slow,
      public_action: { respondWithin: '24h', resolveWithin: null },
      ...clocks,
    },
    publicActionReminderEvery: '24h',
    followUp: { delay: '1h', dueWithin: '24h' },
    reflectionReportFrom: 'public_action',
    roster,
  });
}

/** Intake and scale: every clock far away, so complaints stay open and quiet. */
export const quietPolicy = policy('bench-quiet', {});

/** Lifecycle: two automatic climbs a second apart (objection → complaint → formal complaint). */
export const climbTwicePolicy = policy('bench-climb-twice', {
  objection: { respondWithin: '1s', resolveWithin: '48h' },
  complaint: { respondWithin: '1s', resolveWithin: '48h' },
});

/** Escalation lag: the objection respond-by clock lapses `holdMs` after intake; nothing after it. */
export function lapseAfter(holdMs: number): Policy {
  return policy('bench-lapse', { objection: { respondWithin: `${Math.round(holdMs)}ms`, resolveWithin: '48h' } });
}
