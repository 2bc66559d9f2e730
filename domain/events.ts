import { z } from 'zod';
import { CONTACT_METHODS, FOLLOW_UP_OUTCOMES, PAUSE_REASONS } from './actions';
import { DEFECT_AREAS, ReflectionReportSchema, RootCauseSchema } from './closing';
import { CLOCK_KINDS } from './clock';
import { CategorySchema, ChannelSchema, SeveritySchema, StageSchema } from './ladder';
import { CUSTOMER_LANGUAGES, CUSTOMER_TEMPLATES } from './customer-notices';
import { NOTICE_KINDS } from './notice-kinds';
import { WEBHOOK_FORMATS } from './policy';
import { RemedyTypeSchema } from './remedy';
import { ActorSchema, RoleSchema } from './staff';

/**
 * Every event on `complaint-events`, one versioned schema each. Analytics rebuilds from this log,
 * so a schema change that is not purely additive needs a new version. Objects are strict: an
 * unexpected field (a raw phone number, say) is refused before it reaches Kafka.
 */

const instant = z.iso.datetime({ offset: true });
const amount = z.number().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "CNY"');
const clockKind = z.enum(CLOCK_KINDS);
const note = z.string().optional();
const event = z.strictObject;

/** At most the first 3 and last 4 digits, the rest starred: what maskPhone produces. */
const MaskedPhoneSchema = z
  .string()
  .regex(/^\+?\d{0,3}\*+\d{0,4}$/, 'expected a masked phone number like "138****5678"');

/** 'log' is a recipient without a webhook: the notice went to the worker log only. */
const NOTIFICATION_FORMATS = [...WEBHOOK_FORMATS, 'log'] as const;

interface EventSpec {
  version: number;
  schema: z.ZodType;
  description: string;
}

export const EVENT_CATALOGUE = {
  'complaint.opened': {
    version: 1,
    description: 'A complaint was taken in. Carries the masked phone only, never the raw number.',
    schema: event({
      // The envelope (CloudEvent extension `dealerid`) always carries the dealer; here it is optional.
      dealerId: z.string().min(1).optional(),
      channel: ChannelSchema,
      category: CategorySchema,
      severity: SeveritySchema,
      startingStage: StageSchema,
      policyVersion: z.string().min(1),
      customer: event({ name: z.string().min(1), phoneMasked: MaskedPhoneSchema }),
      vehicle: event({ plate: z.string().optional(), vin: z.string().optional() }),
      repairOrderNo: z.string().optional(),
      receivedBy: ActorSchema,
      description: z.string().min(1),
      reportedByStaff: z.boolean().optional(),
      /** Who answers for it: the receiver unless intake named another. Absent in older events. */
      owner: ActorSchema.optional(),
    }),
  },
  'complaint.assigned': {
    version: 1,
    description: 'The complaint was handed over to a colleague, with a note of what was promised and what is pending.',
    schema: event({ from: ActorSchema, to: ActorSchema, by: ActorSchema, note: z.string().min(1), stage: StageSchema }),
  },
  'stage.entered': {
    version: 1,
    description:
      'The complaint entered a rung of the ladder: at intake, on a lapsed deadline, or by a customer or supervisor.',
    schema: event({
      from: StageSchema.nullable(),
      to: StageSchema,
      trigger: z.enum(['intake', 'deadline_lapsed', 'customer_action', 'supervisor']),
      actor: ActorSchema.optional(),
      reason: z.string().optional(),
    }),
  },
  'deadline.warning': {
    version: 1,
    description: 'The warning fraction of a clock has run; the owner tier is told once per clock per stage.',
    schema: event({ stage: StageSchema, clock: clockKind, dueAt: instant, warnAt: instant.optional() }),
  },
  'deadline.breached': {
    version: 1,
    description: 'A clock lapsed. For respond-by and resolve-by the complaint climbs one rung next.',
    schema: event({ stage: StageSchema, clock: clockKind, dueAt: instant }),
  },
  'complaint.acknowledged': {
    version: 1,
    description: 'Staff acknowledged the complaint; the first response in a stage meets its respond-by clock.',
    schema: event({ stage: StageSchema, actor: ActorSchema, note }),
  },
  'contact.logged': {
    version: 1,
    description: 'Staff logged a contact with the customer; the first response in a stage meets its respond-by clock.',
    schema: event({
      stage: StageSchema,
      actor: ActorSchema,
      method: z.enum(CONTACT_METHODS),
      summary: z.string().min(1),
    }),
  },
  'remedy.proposed': {
    version: 1,
    description: "A remedy was proposed; over the proposer's cap it waits for one of approverRoles.",
    schema: event({
      remedyId: z.string().min(1),
      type: RemedyTypeSchema,
      amount,
      currency,
      description: z.string().optional(),
      proposedBy: ActorSchema,
      needsApproval: z.boolean(),
      approverRoles: z.array(RoleSchema),
    }),
  },
  'remedy.approved': {
    version: 1,
    description: 'A role whose cap covers the amount approved an over-cap remedy; it can now go to the customer.',
    schema: event({ remedyId: z.string().min(1), approvedBy: ActorSchema, amount, currency }),
  },
  'remedy.accepted': {
    version: 1,
    description: 'The customer accepted a remedy.',
    schema: event({
      remedyId: z.string().min(1),
      recordedBy: ActorSchema,
      type: RemedyTypeSchema.optional(),
      amount,
      currency: currency.optional(),
      note,
    }),
  },
  'remedy.declined': {
    version: 1,
    description: 'The customer declined a remedy; the clocks keep running.',
    schema: event({
      remedyId: z.string().min(1),
      recordedBy: ActorSchema,
      type: RemedyTypeSchema.optional(),
      amount,
      currency: currency.optional(),
      note,
    }),
  },
  'clock.paused': {
    version: 1,
    description: "A supervisor paused the stage's clocks.",
    schema: event({ stage: StageSchema, reason: z.enum(PAUSE_REASONS), note, actor: ActorSchema }),
  },
  'clock.resumed': {
    version: 1,
    description: 'A supervisor resumed the clocks; deadlines moved on by the paused time.',
    schema: event({
      stage: StageSchema,
      pausedForMs: z.number().int().nonnegative(),
      newDueAt: z.partialRecord(clockKind, instant).optional(),
      /** Absent in older events: a supervisor. escalation: the climb resumed them; pause_limit: the policy's longest pause ran out. */
      trigger: z.enum(['supervisor', 'escalation', 'pause_limit']).optional(),
      /** Absent when the ladder resumed them itself (pause_limit). */
      actor: ActorSchema.optional(),
      note,
    }),
  },
  'deadline.extended': {
    version: 1,
    description: 'A supervisor extended a deadline, with a reason.',
    schema: event({
      stage: StageSchema.optional(),
      clock: z.enum(['respond', 'resolve']),
      byMs: z.number().int().positive(),
      previousDueAt: instant,
      newDueAt: instant,
      reason: z.string().min(1),
      actor: ActorSchema,
    }),
  },
  'complaint.resolved': {
    version: 1,
    description: 'Resolved by an accepted remedy or a tier-2+ upheld-policy decision.',
    schema: event({
      kind: z.enum(['remedy_accepted', 'upheld_policy']),
      stageReached: StageSchema,
      totalCompensation: amount,
      currency,
      resolvedBy: ActorSchema,
      reason: z.string().optional(),
    }),
  },
  'staff.notified': {
    version: 1,
    description: 'A staff notification went out. notificationKey is unique per complaint, stage entry, clock and kind.',
    schema: event({
      notificationKey: z.string().min(1),
      kind: z.enum(NOTICE_KINDS),
      stage: StageSchema,
      clock: clockKind.optional(),
      tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
      recipients: z.array(
        event({ staffId: z.string().min(1), role: RoleSchema, format: z.enum(NOTIFICATION_FORMATS) }),
      ),
    }),
  },
  'customer.notified': {
    version: 1,
    description:
      "The customer was sent a templated notice (知情权). Carries the template and the masked phone only, never the raw number or the text's internal context.",
    schema: event({
      notificationKey: z.string().min(1),
      template: z.enum(CUSTOMER_TEMPLATES),
      stage: StageSchema,
      language: z.enum(CUSTOMER_LANGUAGES),
      channel: z.enum(['log', 'sms_webhook']),
      phoneMasked: MaskedPhoneSchema,
    }),
  },
  'customer.update.lapsed': {
    version: 1,
    description:
      'The customer was not told anything within the customer-update time (seed 001: 24小时内必须有反馈). The owner and the owner tier are warned; the ladder does not climb on it.',
    schema: event({ stage: StageSchema, dueAt: instant, lastContactAt: instant.optional() }),
  },
  'followup.scheduled': {
    version: 1,
    description: 'The follow-up call (回访) was scheduled after resolution.',
    schema: event({
      scheduledFor: instant,
      dueBy: instant,
      /** Absent on the first call; 2, 3 … after the customer could not be reached. */
      attempt: z.number().int().min(2).optional(),
    }),
  },
  'followup.completed': {
    version: 1,
    description: 'The follow-up call was made; an unsatisfied customer reopens the complaint.',
    schema: event({
      satisfied: z.boolean(),
      /** unreachable: nobody answered (satisfied is false, and nothing reopens). Absent in older events. */
      outcome: z.enum(FOLLOW_UP_OUTCOMES).optional(),
      note,
      actor: ActorSchema,
    }),
  },
  'complaint.reopened': {
    version: 1,
    description:
      'The customer was not satisfied at follow-up; the complaint reopened at the same stage with fresh clocks.',
    schema: event({ stage: StageSchema, reason: z.string().min(1), reopenCount: z.number().int().positive() }),
  },
  'complaint.closed': {
    version: 1,
    description: 'Closed after a satisfied follow-up and the closing report (root cause, reflection when required).',
    schema: event({
      rootCause: RootCauseSchema,
      reflection: ReflectionReportSchema.optional(),
      closedBy: ActorSchema,
      stageReached: StageSchema,
      /** Present when it closed without a satisfied follow-up call, with the reason given. */
      followUp: z.literal('customer_unreachable').optional(),
      reason: z.string().min(1).optional(),
    }),
  },
  'process.defect.reported': {
    version: 1,
    description: 'A closed complaint traced to a process defect, for continuous improvement.',
    schema: event({
      area: z.enum(DEFECT_AREAS),
      description: z.string().min(1),
      stage: StageSchema,
      category: CategorySchema,
      dealerId: z.string().min(1),
    }),
  },
} as const satisfies Record<string, EventSpec>;

export type EventName = keyof typeof EVENT_CATALOGUE;
export type EventData<N extends EventName> = z.output<(typeof EVENT_CATALOGUE)[N]['schema']>;
export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as EventName[];

export const EVENT_SOURCE = '/complaint-ladder';
const TYPE_PREFIX = 'com.complaintladder.';

export function cloudEventType(name: EventName): string {
  return `${TYPE_PREFIX}${name}.v${EVENT_CATALOGUE[name].version}`;
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(EVENT_CATALOGUE, name);
}

/** 'com.complaintladder.stage.entered.v1' → { name: 'stage.entered', version: 1 }. */
export function parseEventType(type: string): { name: EventName; version: number } | null {
  const match = /^com\.complaintladder\.(.+)\.v(\d+)$/.exec(type);
  if (!match) return null;
  const [, name = '', version = ''] = match;
  return isEventName(name) ? { name, version: Number(version) } : null;
}

export { eventId } from './event-id';

/** One event as the workflow emits it. `sequence` runs 1, 2, 3 … per complaint, without gaps. */
export interface DomainEvent {
  id: string;
  name: EventName;
  complaintId: string;
  dealerId: string;
  sequence: number;
  /** Epoch milliseconds. */
  time: number;
  data: Record<string, unknown>;
}

export type TypedDomainEvent<N extends EventName> = Omit<DomainEvent, 'name' | 'data'> & {
  name: N;
  data: EventData<N>;
};

export class EventDataError extends Error {
  constructor(
    readonly eventName: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`invalid ${eventName} event data: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'EventDataError';
  }
}

/** The data parsed by its event's schema; throws EventDataError naming every bad field. */
export function validateEventData<N extends EventName>(name: N, data: unknown): EventData<N> {
  const spec: EventSpec | undefined = isEventName(name) ? EVENT_CATALOGUE[name] : undefined;
  if (!spec) throw new EventDataError(String(name), [{ path: '(name)', message: 'unknown event name' }]);
  const result = spec.schema.safeParse(data);
  if (result.success) return result.data as EventData<N>;
  throw new EventDataError(
    name,
    result.error.issues.map((i) => ({ path: ['data', ...i.path.map(String)].join('.'), message: i.message })),
  );
}

/**
 * Every event, discriminated by `name`, its data typed by the catalogue schema. Switching on
 * `name` narrows `data`; a fold with `const _: never = event` in its default fails tsc when a
 * catalogue event has no case.
 */
export type ComplaintEvent = { [N in EventName]: TypedDomainEvent<N> }[EventName];

/** What an emitter passes for event N: the schema's input side (defaults may be left out). */
export type EventDataInput<N extends EventName> = z.input<(typeof EVENT_CATALOGUE)[N]['schema']>;

/** The typed event of one name, picked out of the union. */
export type ComplaintEventOf<N extends EventName> = Extract<ComplaintEvent, { name: N }>;
