// What the signed-in role may do, mirroring domain/rules.ts and domain/staff.ts so the page only
// offers buttons that can work. The server still enforces every rule.
import { own } from './own.js';

const TIER = { advisor: 1, customer_service: 1, service_manager: 2, technical_manager: 2, general_manager: 3 };

export const tierOf = (role) => own(TIER, role) ?? 1;
export const isSupervisor = (role) => tierOf(role) >= 2;

/** Caps per role when the API does not say (SPEC §3 defaults). */
const DEFAULT_CAPS = { advisor: 500, customer_service: 1000, service_manager: 5000, technical_manager: 5000, general_manager: null };
export const capOf = (me) => (me.compensationCap !== undefined ? me.compensationCap : (own(DEFAULT_CAPS, me.role) ?? 0));

const liveClock = (c, kind, stage) => c.kind === kind && c.stage === stage && (c.status === 'running' || c.status === 'paused');

/** The complaint-level actions this staff member may take now, in display order. */
export function availableActions(me, c) {
  const role = me.role;
  const open = c.status === 'open';
  const out = [];
  if (open && !c.respondedInStage) out.push('acknowledge');
  if (open) out.push('logContact', 'proposeRemedy');
  if (open && c.stage !== 'public_action') out.push('escalate');
  if (open && isSupervisor(role) && !c.pause && c.clocks.some((k) => k.stage === c.stage && k.status === 'running')) out.push('pause');
  if (open && isSupervisor(role) && c.pause) out.push('resume');
  if (open && isSupervisor(role) && c.clocks.some((k) => liveClock(k, 'respond', c.stage) || liveClock(k, 'resolve', c.stage))) out.push('extend');
  if (open && (c.remedies.some((r) => r.status === 'accepted') || tierOf(role) >= 2)) out.push('resolve');
  if (c.status === 'resolved' && c.followUp?.completedAt === undefined) out.push('followUp');
  if (c.status === 'resolved' && !c.closing) out.push('close');
  return out;
}

/** Per-remedy actions: approval by a role whose cap covers it (never one's own), the customer's answer. */
export function remedyActions(me, c, r) {
  if (c.status !== 'open') return [];
  if (r.status === 'awaiting_approval') {
    const cap = capOf(me);
    return (cap === null || r.amount <= cap) && r.proposedBy?.id !== me.id ? ['approve'] : [];
  }
  if (r.status === 'proposed') return ['accept', 'decline'];
  return [];
}
