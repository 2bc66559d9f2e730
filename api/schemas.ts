import { z } from 'zod';
import { ACTION_SCHEMAS, type ActionName } from '../domain/actions';
import { CLOCK_KINDS } from '../domain/clock';
import { COMPLAINT_STATUSES as STATUSES, IntakeSchema, type ComplaintState } from '../domain/complaint';
import { SEVERITIES, STAGES, StageSchema } from '../domain/ladder';
import { OpenedWindowFields } from '../domain/opened-window';
import { REMEDY_TYPES } from '../domain/remedy';
import { ActorSchema, ROLES } from '../domain/staff';
import { line } from '../domain/text';
import { LIST_STATUSES, QUEUE_NAMES, WORKFLOW_STATUSES } from './vocabulary';
import { IDEMPOTENCY_KEY_SHAPE } from './idempotency';
import { DEALER_ID_SHAPE, STAFF_ID_SHAPE } from './staff-directory';

/**
 * The HTTP shapes. Request bodies reuse the domain schemas, minus what the API fills in itself
 * (the acting staff member, and a remedy id given in the path). Response schemas document the
 * contract for the OpenAPI document; they are not used to filter what is sent.
 */

/**
 * POST /v1/complaints: the intake minus receivedBy, which is the signed-in staff member (首问责任),
 * and with the owner named by staff id, which the API looks up (so the role is real, not claimed).
 */
export const IntakeBodySchema = IntakeSchema.omit({ receivedBy: true, owner: true })
  .extend({
    owner: z
      .string()
      .regex(STAFF_ID_SHAPE, 'expected a staff id')
      .optional()
      .describe('Who answers for it when not the caller: a colleague of the dealer who may own the starting stage'),
  })
  .describe('A new complaint. The staff member who receives it is the caller; the starting stage follows from the channel unless given.');

/**
 * An action's body as documented: its domain schema without actor (and remedyId when it is in the
 * path). Cross-field rules of the domain schema (an upheld-policy resolution needs a reason) are
 * still enforced, because the handler validates the whole payload with the domain schema.
 */
export function actionBodySchema(name: ActionName, omit: readonly string[]) {
  const shape = { ...ACTION_SCHEMAS[name].shape } as Record<string, z.ZodType>;
  for (const key of omit) delete shape[key];
  return z.strictObject(shape);
}

export const ComplaintIdParams = z.strictObject({
  id: z.string().min(1).max(200).describe('The complaint id, e.g. CL-SHPUDONG01-20260302-7K3QX9'),
});
export const RemedyParams = ComplaintIdParams.extend({
  remedyId: z.string().min(1).max(128).describe('A remedy id from the complaint'),
});

export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_SHAPE, 'expected 1 to 255 printable ASCII characters')
    .optional()
    .describe('Retrying with the same key returns the same complaint (200) instead of opening a second one'),
});


/** Free text for q=: one line of well-formed Unicode, bounded. */
const SearchText = line(100, 'q must not be empty')
  .refine((q) => !q.includes('\uFFFD'), 'must be well-formed UTF-8')
  .describe('Finds by complaint id (exact), plate, VIN or repair-order number (case and spaces ignored), or the customer’s name or phone (as typed at intake; spaces, dashes and +86 ignored)');

export const ListQuerySchema = z.strictObject({
  q: SearchText.optional(),
  stage: StageSchema.optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(LIST_STATUSES).optional().describe('open and resolved complaints are running; terminated, failed, timed_out and canceled are workflows that ended without closing'),
  dealerId: z.string().regex(DEALER_ID_SHAPE, 'expected a dealer id').optional(),
  owner: z.string().regex(STAFF_ID_SHAPE, 'expected a staff id').optional().describe('Complaints this staff member owns (首问责任)'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().min(1).max(4096).optional(),
  ...OpenedWindowFields,
});

const ActorView = ActorSchema;
const ClockView = z.looseObject({
  kind: z.enum(CLOCK_KINDS),
  stage: z.enum(STAGES),
  startedAt: z.number(),
  dueAt: z.number().describe('epoch ms'),
  warnAt: z.number(),
  status: z.enum(['running', 'paused', 'met', 'breached']),
  extendedMs: z.number(),
});
const RemedyView = z.looseObject({
  remedyId: z.string(),
  type: z.enum(REMEDY_TYPES),
  amount: z.number(),
  currency: z.string(),
  description: z.string(),
  proposedBy: ActorView,
  status: z.enum(['awaiting_approval', 'proposed', 'accepted', 'declined']),
  approvedBy: ActorView.optional(),
});

const ComplaintViewDoc = z
  .looseObject({
    complaintId: z.string(),
    dealerId: z.string(),
    policyVersion: z.string(),
    intake: z.looseObject({
      customer: z.looseObject({ name: z.string(), phone: z.string().describe('masked, e.g. 138****5678') }),
    }),
    stage: z.enum(STAGES),
    status: z.enum(STATUSES),
    clocks: z.array(ClockView),
    respondedInStage: z.boolean(),
    owner: ActorView.describe('Who answers for the complaint (首问责任): the receiver until a hand-over'),
    remedies: z.array(RemedyView),
    resolution: z.looseObject({}).optional(),
    followUp: z.looseObject({}).optional(),
    closing: z.looseObject({}).optional(),
    audit: z.array(
      z.looseObject({
        at: z.number(),
        action: z.string(),
        actor: z.union([ActorView, z.literal('system')]),
        summary: z.string().describe('One line of English, for logs and the CLI'),
        event: z
          .looseObject({ name: z.string(), data: z.looseObject({}) })
          .optional()
          .describe('The catalogue event the line records (see the event catalogue), for clients that word the line themselves'),
      }),
    ),
    sequence: z.number().int(),
    openedAt: z.number(),
  })
  .describe('The complaint state (stage, clocks, remedies, audit trail); the customer phone is masked');
/** Documents the main fields of ComplaintState; typed as the state itself, which is what is sent. */
export const ComplaintView = ComplaintViewDoc as unknown as z.ZodType<ComplaintState>;

export const ComplaintResponse = z.object({ complaint: ComplaintView });
/** GET /v1/complaints/{id}: the state, and how Temporal sees the run. */
export const ComplaintReadResponse = ComplaintResponse.extend({
  workflowStatus: z
    .enum(WORKFLOW_STATUSES)
    .nullable()
    .describe('running or completed, or terminated, failed, timed_out or canceled when the run ended without closing the complaint'),
});

const ListItemView = z.object({
  complaintId: z.string(),
  dealerId: z.string().nullable(),
  stage: z.enum(STAGES).nullable(),
  status: z
    .enum(LIST_STATUSES)
    .nullable()
    .describe('open, resolved or closed; terminated, failed, timed_out or canceled when the workflow ended that way (its ComplaintStatus is stale then)'),
  owner: z.string().nullable().describe('The owner’s staff id'),
  severity: z.enum(SEVERITIES).nullable(),
  plate: z.string().nullable().describe('As indexed: NFKC, capitals, no spaces'),
  repairOrderNo: z.string().nullable().describe('As indexed: NFKC, capitals, no spaces'),
  awaitingApprovalBy: z.array(z.enum(ROLES)).describe('Roles that could approve a remedy waiting for approval'),
  overdue: z.boolean().describe('A deadline lapsed and nobody has acted since'),
  unowned: z.boolean().describe('The owner cannot act on the current rung; its tier should take it'),
  nextDeadline: z.string().nullable().describe('ISO 8601'),
  openedAt: z.string().nullable().describe('ISO 8601'),
});
export const ListResponse = z.object({ items: z.array(ListItemView), nextPageToken: z.string().nullable() });

export const QueueParams = z.strictObject({
  queue: z.string().min(1).max(64).describe(`One of ${QUEUE_NAMES.join(', ')}`),
});
export const QueueQuerySchema = ListQuerySchema.pick({ dealerId: true, pageSize: true, pageToken: true });
export const QueueResponse = ListResponse.extend({ queue: z.enum(QUEUE_NAMES) });
export const QueueCountsResponse = z.object({
  queues: z.array(z.object({ name: z.enum(QUEUE_NAMES), description: z.string(), count: z.number().int() })),
});

export const ErrorResponse = z
  .object({
    error: z.string().describe('machine-readable code, e.g. invalid_input, not_allowed, over_authority'),
    message: z.string(),
    details: z.unknown().optional().describe('for invalid_input: [{ path, message }] per field'),
  })
  .describe('Every error');

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  temporal: z.string().describe('"ok" or what went wrong'),
  kafka: z.string().describe('"ok" or what went wrong'),
});

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
export const AUTHED_ERRORS = errors(400, 401, 403, 429);
export const ACTION_ERRORS = errors(400, 401, 403, 404, 409, 413, 429, 503);
