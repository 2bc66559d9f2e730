// Who may own a rung (首问责任): domain/ownership.ts's mayOwn, over the rung and role tiers that
// GET /v1/vocabulary serves from domain/, so no tier is written down twice. The server still decides.
import { own } from './own.js';
import { loadVocabulary, ROLE_TIERS, STAGE_TIERS } from './vocabulary.js';

/** The tiers arrive with the vocabulary, which the page loads at sign-in. */
export const loadTiers = () => loadVocabulary();

export const rungTier = (stage) => own(STAGE_TIERS, stage);
const roleTier = (role) => own(ROLE_TIERS, role);
const known = () => Object.keys(STAGE_TIERS).length > 0;

/** Customer service serves on every rung; everyone else needs the rung's tier or higher. */
export const mayOwn = (role, stage) => role === 'customer_service' || (known() && roleTier(role) >= rungTier(stage));

/** Open, and its owner cannot act on the rung it has climbed to. */
export const isUnowned = (c) => known() && c.status === 'open' && Boolean(c.owner) && !mayOwn(c.owner.role, c.stage);

/** The rung is my tier's to take: the rule of the unowned-on-my-tier queue (api/queues.ts). */
export const onMyTier = (me, stage) =>
  me.role === 'customer_service' || (known() && rungTier(stage) === roleTier(me.role));
