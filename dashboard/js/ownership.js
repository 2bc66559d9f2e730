// Who may own a rung (首问责任): domain/ownership.ts's mayOwn, over the rung and role tiers that
// GET /v1/vocabulary serves from domain/, so no tier is written down twice. The server still decides.
import { get } from './api.js';
import { own } from './own.js';

let tiers = null;
let loading = null;

/** Loads the tiers once (again after a failure); everything below needs them. */
export function loadTiers() {
  loading ??= get('/v1/vocabulary').then(
    (v) => {
      tiers = {
        rung: Object.fromEntries(v.stages.map((s) => [s.id, s.ownerTier])),
        role: Object.fromEntries(v.roles.map((r) => [r.id, r.tier])),
      };
      return tiers;
    },
    (err) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

export const rungTier = (stage) => own(tiers?.rung, stage);
const roleTier = (role) => own(tiers?.role, role);

/** Customer service serves on every rung; everyone else needs the rung's tier or higher. */
export const mayOwn = (role, stage) => role === 'customer_service' || (tiers !== null && roleTier(role) >= rungTier(stage));

/** Open, and its owner cannot act on the rung it has climbed to. */
export const isUnowned = (c) => tiers !== null && c.status === 'open' && Boolean(c.owner) && !mayOwn(c.owner.role, c.stage);

/** The rung is my tier's to take: the rule of the unowned-on-my-tier queue (api/queues.ts). */
export const onMyTier = (me, stage) => me.role === 'customer_service' || (tiers !== null && rungTier(stage) === roleTier(me.role));
