// The domain's words: stages, roles, categories, statuses, reasons, queues… in zh and en, as
// GET /v1/vocabulary serves them from domain/. The page keeps no copy; these tables are filled
// in place at sign-in, so modules that import them see the server's labels.
import { get } from './api.js';

export const STAGES = [];
export const STAGE_LABELS = {};
export const STAGE_HANDLING = {};
/** Each stage's owning tier, and each role's tier (domain/ladder.ts, domain/staff.ts). */
export const STAGE_TIERS = {};
export const ROLE_TIERS = {};
export const ROLES = {};
export const CATEGORIES = {};
export const CHANNELS = {};
export const SEVERITIES = {};
export const REMEDY_TYPES = {};
export const REMEDY_STATUS = {};
export const STATUSES = {};
export const CLOCK_STATUS = {};
export const CONTACT_METHODS = {};
export const PAUSE_REASONS = {};
export const DEFECT_AREAS = {};
export const REFLECTION_FIELDS = {};
export const FOLLOW_UP_OUTCOMES = {};
export const ENTRY_TRIGGERS = {};
export const RESUME_TRIGGERS = {};
export const CUSTOMER_TEMPLATE_LABELS = {};
export const QUEUE_LABELS = {};
/** The clocks' names; follow_up_at is the page's own countdown to a planned call. */
export const CLOCK_KINDS = { follow_up_at: { en: 'Follow-up call in', zh: '距回访' } };

const TABLES = {
  roles: ROLES,
  categories: CATEGORIES,
  channels: CHANNELS,
  severities: SEVERITIES,
  remedyTypes: REMEDY_TYPES,
  remedyStatuses: REMEDY_STATUS,
  statuses: STATUSES,
  clockKinds: CLOCK_KINDS,
  clockStatuses: CLOCK_STATUS,
  contactMethods: CONTACT_METHODS,
  pauseReasons: PAUSE_REASONS,
  defectAreas: DEFECT_AREAS,
  reflectionFields: REFLECTION_FIELDS,
  followUpOutcomes: FOLLOW_UP_OUTCOMES,
  entryTriggers: ENTRY_TRIGGERS,
  resumeTriggers: RESUME_TRIGGERS,
  customerTemplateLabels: CUSTOMER_TEMPLATE_LABELS,
  queues: QUEUE_LABELS,
};

let loaded = null;

/** Fetches the vocabulary once per page (the API lets it be cached for an hour). */
export function loadVocabulary() {
  loaded ??= get('/v1/vocabulary').then(fill, (err) => {
    loaded = null;
    throw err;
  });
  return loaded;
}

function fill(v) {
  STAGES.splice(0, STAGES.length, ...v.stages.map((s) => s.id));
  for (const s of v.stages) {
    STAGE_LABELS[s.id] = s.label;
    STAGE_HANDLING[s.id] = s.handling;
    STAGE_TIERS[s.id] = s.ownerTier;
  }
  for (const r of v.roles) ROLE_TIERS[r.id] = r.tier;
  // Insertion order is display order: Object.keys(table) lists values as the domain does.
  for (const [key, table] of Object.entries(TABLES)) for (const { id, label } of v[key] ?? []) table[id] = label;
}
