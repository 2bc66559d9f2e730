import { z } from 'zod';
import { ACTION_SCHEMAS, PAUSE_REASONS, type ActionName } from '../domain/actions';
import { CLOCK_CALENDARS, CLOCK_KINDS, type Clock } from '../domain/clock';
import { ReflectionReportSchema, RootCauseSchema } from '../domain/closing';
import {
  COMPLAINT_STATUSES as STATUSES,
  IntakeSchema,
  type AuditEntry,
  type AuditEvent,
  type Closing,
  type CustomerUpdateClock,
  type FollowUp,
  type Pause,
  type Resolution,
} from '../domain/complaint';
import { EVENT_CATALOGUE, EVENT_NAMES } from '../domain/events';
import { CATEGORIES, channelFloor, CHANNELS, isAtLeast, SEVERITIES, STAGES, StageSchema } from '../domain/ladder';
import { OpenedWindowFields } from '../domain/opened-window';
import { REMEDY_TYPES, type Remedy } from '../domain/remedy';
import { ActorSchema, ROLES } from '../domain/staff';
import { line, SPACE, textPattern } from '../domain/text';
import type { ComplaintView as SentComplaint } from './complaints';
import { LIST_STATUSES, QUEUE_NAMES, WORKFLOW_STATUSES } from './vocabulary';
import { IDEMPOTENCY_KEY_SHAPE } from './idempotency';
import { DEALER_ID_SHAPE, STAFF_ID_SHAPE } from './staff-directory';

/**
 * The HTTP shapes. Request bodies reuse the domain schemas, minus what the API fills in itself
 * (the acting staff member, and a remedy id given in the path). Response schemas document the
 * contract for the OpenAPI document; they are not used to filter what is sent.
 */

/**
 * An intake's dealer id as sent, the way the API reads it: trimmed, in the dealer-id shape (the
 * handler checks it), and not a name every JavaScript object has (the intake schema refuses those).
 */
const INTAKE_DEALER_PATTERN =
  `^[${SPACE}]*(?!(?:${Object.getOwnPropertyNames(Object.prototype).join('|')})[${SPACE}]*$)` +
  `${DEALER_ID_SHAPE.source.slice(1, -1)}[${SPACE}]*$`;

/**
 * POST /v1/complaints: the intake minus receivedBy, which is the signed-in staff member (首问责任),
 * and with the owner named by staff id, which the API looks up (so the role is real, not claimed).
 */
export const IntakeBodySchema = IntakeSchema.omit({ receivedBy: true, owner: true })
  .extend({
    dealerId: IntakeSchema.shape.dealerId.meta({ pattern: INTAKE_DEALER_PATTERN }),
    owner: z
      .string()
      .regex(STAFF_ID_SHAPE, 'expected a staff id')
      .optional()
      .describe('Who answers for it when not the caller: a colleague of the dealer who may own the starting stage'),
  })
  .describe(
    'A new complaint. The staff member who receives it is the caller; the starting stage follows from the channel unless given.',
  )
  .meta(startingStageFloors());

/** A letter, a regulator or the media cannot start below their floor (domain/ladder.ts), said in JSON Schema. */
function startingStageFloors() {
  const floors = CHANNELS.flatMap((channel) => {
    const floor = channelFloor(channel);
    if (!floor) return [];
    const allowed = STAGES.filter((stage) => isAtLeast(stage, floor));
    return [
      {
        if: { properties: { channel: { const: channel } }, required: ['channel'] },
        then: { properties: { startingStage: { enum: allowed } } },
      },
    ];
  });
  return { allOf: floors };
}

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
  // The rule the action's own schema holds the remedy id to (domain/actions.ts).
  remedyId: line(128).describe('A remedy id from the complaint'),
});

const idempotencyHeaders = (description: string) =>
  z.looseObject({
    'idempotency-key': z
      .string()
      .regex(IDEMPOTENCY_KEY_SHAPE, 'expected 1 to 255 printable ASCII characters')
      .optional()
      .describe(description),
  });
export const IdempotencyHeaders = idempotencyHeaders(
  'Retrying with the same key returns the same complaint (200) instead of opening a second one; the same key with another body is 422',
);
export const ActionIdempotencyHeaders = idempotencyHeaders(
  'Retrying with the same key and body applies the action once and answers as the first time did; the same key with another body is 422',
);

/** Free text for q=: one line of well-formed Unicode, bounded; U+FFFD is what a broken percent-encoding decodes to. */
const SearchText = line(100, 'q must not be empty')
  .refine((q) => !q.includes('\uFFFD'), 'must be well-formed UTF-8')
  .meta({ pattern: textPattern(false, true, '\\ufffd') })
  .describe(
    'Finds by complaint id (exact), plate, VIN or repair-order number (case and spaces ignored), or the customer’s name or phone (as typed at intake; spaces, dashes and +86 ignored)',
  );

export const ListQuerySchema = z.strictObject({
  q: SearchText.optional(),
  stage: StageSchema.optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z
    .enum(LIST_STATUSES)
    .optional()
    .describe(
      'open and resolved complaints are running; terminated, failed, timed_out and canceled are workflows that ended without closing',
    ),
  dealerId: z.string().regex(DEALER_ID_SHAPE, 'expected a dealer id').optional(),
  owner: z
    .string()
    .regex(STAFF_ID_SHAPE, 'expected a staff id')
    .optional()
    .describe('Complaints this staff member owns (首问责任)'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().min(1).max(4096).optional(),
  ...OpenedWindowFields,
});

/**
 * The complaint as GET, intake and every action send it: the workflow's state with the customer's
 * phone masked and the owner filled in (complaints.ts viewOf). Objects are strict, and the checks
 * below make tsc fail when a field of ComplaintState is missing here or typed differently.
 */
const Actor = ActorSchema;
const Ms = z.number().describe('epoch ms');
const Stage = z.enum(STAGES);
const CLOCK_STATUSES = ['running', 'paused', 'met', 'breached'] as const satisfies readonly Clock['status'][];
const REMEDY_STATUSES = [
  'awaiting_approval',
  'proposed',
  'accepted',
  'declined',
] as const satisfies readonly Remedy['status'][];

const ClockView = z.strictObject({
  kind: z.enum(CLOCK_KINDS),
  stage: Stage,
  startedAt: Ms,
  durationMs: z.number().describe('The policy duration the clock started with (business time)'),
  dueAt: Ms,
  warnAt: Ms,
  status: z.enum(CLOCK_STATUSES),
  pausedAt: Ms.optional(),
  remainingMs: z.number().optional().describe('Business milliseconds left when the clock was paused'),
  metAt: Ms.optional(),
  calendar: z.enum(CLOCK_CALENDARS).optional(),
  warned: z.boolean(),
  breached: z.boolean(),
  extendedMs: z.number(),
});
const RemedyView = z.strictObject({
  remedyId: z.string(),
  type: z.enum(REMEDY_TYPES),
  amount: z.number(),
  currency: z.string(),
  description: z.string(),
  proposedBy: Actor,
  proposedAt: Ms,
  status: z.enum(REMEDY_STATUSES),
  approvedBy: Actor.optional(),
  approvedAt: Ms.optional(),
  decidedAt: Ms.optional(),
  decisionNote: z.string().optional(),
  decidedInEntry: z.number().optional(),
});
const PauseView = z.strictObject({
  reason: z.enum(PAUSE_REASONS),
  note: z.string().optional(),
  since: Ms,
  by: Actor,
  remindAt: Ms.optional(),
  until: Ms.optional(),
});
const CustomerUpdateView = z.strictObject({ dueAt: Ms, lastAt: Ms.optional(), lapsed: z.boolean() });
const ResolutionView = z.strictObject({
  kind: z.enum(['remedy_accepted', 'upheld_policy']),
  reason: z.string().optional(),
  stageReached: Stage,
  totalCompensation: z.number(),
  currency: z.string(),
  resolvedBy: Actor,
  resolvedAt: Ms,
});
const FollowUpView = z.strictObject({
  scheduledFor: Ms,
  dueBy: Ms,
  dueNoticeSent: z.boolean(),
  missedNoticeSent: z.boolean(),
  completedAt: Ms.optional(),
  satisfied: z.boolean().optional(),
  note: z.string().optional(),
  unreachableCalls: z.number().optional(),
});
const ClosingView = z.strictObject({
  rootCause: RootCauseSchema,
  reflection: ReflectionReportSchema.optional(),
  reason: z.string().optional(),
  by: Actor,
  at: Ms,
});
/** The catalogue event a line records, one branch per event, built from the catalogue itself (domain/events.ts). */
const AuditEventView = z.discriminatedUnion(
  'name',
  EVENT_NAMES.map((name) =>
    z.strictObject({ name: z.literal(name), data: EVENT_CATALOGUE[name].schema }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<AuditEvent>;
const AuditEntryView = z.strictObject({
  at: Ms,
  action: z.string(),
  actor: z
    .union([Actor, z.literal('system')])
    .describe('The staff member, or "system" when the ladder acted on its own (a lapsed deadline)'),
  summary: z.string().describe('One line of English, for logs and the CLI'),
  event: AuditEventView.optional().describe(
    'The catalogue event the line records (see the event catalogue), for clients that word the line themselves',
  ),
});
const IntakeView = z.strictObject({
  dealerId: z.string(),
  customer: z.strictObject({
    name: z.string(),
    phone: z
      .string()
      .regex(/^\+?[0-9]{0,3}\*+[0-9]{0,4}$/)
      .describe('masked, e.g. 138****5678'),
  }),
  vehicle: z.strictObject({ plate: z.string().optional(), vin: z.string().optional() }),
  repairOrderNo: z.string().optional(),
  channel: z.enum(CHANNELS),
  category: z.enum(CATEGORIES),
  description: z.string(),
  severity: z.enum(SEVERITIES),
  receivedBy: Actor,
  owner: Actor.optional(),
  startingStage: Stage.optional(),
  reportedByStaff: z.boolean().optional(),
});

const ComplaintViewDoc = z
  .strictObject({
    complaintId: z.string(),
    dealerId: z.string(),
    policyVersion: z.string(),
    intake: IntakeView,
    stage: Stage,
    status: z.enum(STATUSES),
    clocks: z.array(ClockView),
    respondedInStage: z.boolean(),
    pause: PauseView.optional(),
    owner: Actor.describe('Who answers for the complaint (首问责任): the receiver until a hand-over'),
    contactedInStage: z.boolean().optional(),
    lapsedAt: Ms.optional().describe('When a deadline last lapsed with nobody acting since (the overdue queue)'),
    customerUpdate: CustomerUpdateView.optional().describe('知情权: when the customer must next hear from us'),
    customerKeys: z.array(z.string()).optional().describe('Keyed hashes of the customer’s phone and name, for search'),
    remedies: z.array(RemedyView),
    resolution: ResolutionView.optional(),
    followUp: FollowUpView.optional(),
    closing: ClosingView.optional(),
    reopenCount: z.number().int(),
    reopenedAt: Ms.optional(),
    stageEntry: z.number().int(),
    unownedRemindAt: Ms.optional(),
    reminderAt: Ms.optional(),
    audit: z.array(AuditEntryView),
    sequence: z.number().int(),
    openedAt: Ms,
  })
  .meta({
    id: 'Complaint',
    description: 'The complaint state (stage, clocks, remedies, audit trail); the customer phone is masked',
  });

/** Compiles only when the documented object names exactly the fields of T. */
type SameFields<Doc, T> = [Exclude<keyof T, keyof Doc> | Exclude<keyof Doc, keyof T>] extends [never] ? true : never;
type Out<S extends z.ZodType> = z.output<S>;
const documented: [
  SameFields<Out<typeof ComplaintViewDoc>, SentComplaint>,
  SameFields<Out<typeof ClockView>, Clock>,
  SameFields<Out<typeof RemedyView>, Remedy>,
  SameFields<Out<typeof PauseView>, Pause>,
  SameFields<Out<typeof CustomerUpdateView>, CustomerUpdateClock>,
  SameFields<Out<typeof ResolutionView>, Resolution>,
  SameFields<Out<typeof FollowUpView>, FollowUp>,
  SameFields<Out<typeof ClosingView>, Closing>,
  SameFields<Out<typeof AuditEntryView>, AuditEntry>,
  SameFields<Out<typeof IntakeView>, SentComplaint['intake']>,
] = [true, true, true, true, true, true, true, true, true, true];
void documented;
// And every documented field has the type the state gives it, both ways.
const sentFitsDoc = (c: SentComplaint): Out<typeof ComplaintViewDoc> => c;
const docFitsSent = (c: Out<typeof ComplaintViewDoc>): SentComplaint => c;
void sentFitsDoc;
void docFitsSent;

/** The documented shape of what is sent; typed as what is sent. */
export const ComplaintView = ComplaintViewDoc as unknown as z.ZodType<SentComplaint>;

export const ComplaintResponse = z.object({ complaint: ComplaintView });
/** GET /v1/complaints/{id}: the state, and how Temporal sees the run. */
export const ComplaintReadResponse = ComplaintResponse.extend({
  workflowStatus: z
    .enum(WORKFLOW_STATUSES)
    .nullable()
    .describe(
      'running or completed, or terminated, failed, timed_out or canceled when the run ended without closing the complaint',
    ),
});

const ListItemView = z.object({
  complaintId: z.string(),
  dealerId: z.string().nullable(),
  stage: z.enum(STAGES).nullable(),
  status: z
    .enum(LIST_STATUSES)
    .nullable()
    .describe(
      'open, resolved or closed; terminated, failed, timed_out or canceled when the workflow ended that way (its ComplaintStatus is stale then)',
    ),
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
  queue: z
    .string()
    .min(1)
    .max(64)
    .describe(`One of ${QUEUE_NAMES.join(', ')}`),
});
export const QueueQuerySchema = ListQuerySchema.pick({ dealerId: true, pageSize: true, pageToken: true });
export const QueueResponse = ListResponse.extend({ queue: z.enum(QUEUE_NAMES) });
export const QueueCountsResponse = z.object({
  queues: z.array(z.object({ name: z.enum(QUEUE_NAMES), description: z.string(), count: z.number().int() })),
});

export const ErrorResponse = z
  .strictObject({
    error: z.string().describe('machine-readable code, e.g. invalid_input, not_allowed, over_authority'),
    message: z.string(),
    details: z.unknown().optional().describe('for invalid_input: [{ path, message }] per field'),
  })
  .meta({ id: 'Error', description: 'Every error the API sends, routing errors included' });

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  temporal: z.string().describe('"ok" or what went wrong'),
  kafka: z.string().describe('"ok" or what went wrong'),
});

export const LiveResponse = z.object({ status: z.literal('ok') });

export const ReadyResponse = z.object({
  status: z.enum(['ready', 'unready']),
  temporal: z.string().describe('"ok" or what went wrong: every call but /v1/health* needs Temporal'),
});

/** What each error status means here; the OpenAPI document says it beside every status an operation answers. */
const ERROR_MEANINGS = {
  400: 'Invalid input: details names each field and its problem',
  401: 'No valid bearer token (WWW-Authenticate says how to sign in)',
  403: 'The caller’s role, dealer scope or compensation authority does not allow it',
  404: 'No such complaint (or one of another dealer’s), remedy, colleague or queue',
  409: 'Not allowed in the complaint’s current state, with the rules’ reason',
  413: 'The body is larger than the API takes',
  414: 'A path segment or the whole URL is too long',
  415: 'The body is not application/json',
  422: 'This Idempotency-Key was used before with a different request body',
  429: 'Too many failed sign-ins from this client (Retry-After says when to try again)',
  431: 'The request headers are too large',
  500: 'An unexpected error; the API log has it',
  503: 'Temporal, the analytics process or the live feed cannot be reached, or the API is shutting down',
} as const;
type ErrorStatus = keyof typeof ERROR_MEANINGS;

export const errorResponses = (...codes: ErrorStatus[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      { description: ERROR_MEANINGS[c], content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  );
/** Any operation may answer these: an over-long URL, oversized headers, a crash, a shutdown. */
const ANY_OPERATION: ErrorStatus[] = [414, 431, 500, 503];
export const PUBLIC_ERRORS = errorResponses(...ANY_OPERATION);
/** Every operation behind a bearer token, plus the statuses it names. */
export const signedInErrors = (...codes: ErrorStatus[]) => errorResponses(401, 429, ...codes, ...ANY_OPERATION);
/** A POST with a JSON body. */
export const BODY_ERRORS: ErrorStatus[] = [400, 413, 415];
export const ACTION_ERRORS = signedInErrors(...BODY_ERRORS, 403, 404, 409, 422);
