import { z } from 'zod';
import type { Clock } from './clock';
import type { ReflectionReport, RootCause } from './closing';
import type { EventDataInput, EventName } from './events';
import { CategorySchema, ChannelSchema, SeveritySchema, StageSchema, type Stage } from './ladder';
import type { Remedy } from './remedy';
import { line, prose, SPACE } from './text';
import { ActorSchema, type Actor } from './staff';

export { maskPhone } from './phone';

const PHONE_SHAPE = /^\+?[\d\s-]+$/;
// 17 characters, never I, O or Q (ISO 3779), so they cannot be mistaken for 1 and 0; either case.
const VIN_SHAPE = /^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$/;
/** The phone rule as JSON Schema can say it, before trimming: the shape and 7 to 20 digits. */
const PHONE_PATTERN = `^[${SPACE}]*\\+?[${SPACE}-]*(?:[0-9][${SPACE}-]*){7,20}$`;
const VIN_PATTERN = `^[${SPACE}]*[A-HJ-NPR-Za-hj-npr-z0-9]{17}[${SPACE}]*$`;

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

const digitCount = (phone: string) => phone.replace(/\D/g, '').length;

export const PhoneSchema = z
  .string({ error: 'expected a phone number' })
  .trim()
  .regex(PHONE_SHAPE, { message: 'expected digits, an optional leading +, spaces or dashes', abort: true })
  .refine((p) => digitCount(p) >= 7 && digitCount(p) <= 20, 'expected 7 to 20 digits')
  .meta({ pattern: PHONE_PATTERN });

export const VehicleSchema = z
  .strictObject({
    plate: line(16, 'plate must not be empty').optional(),
    vin: z
      .string()
      .trim()
      .regex(VIN_SHAPE, 'expected a 17-character VIN without I, O or Q')
      .toUpperCase()
      .meta({ pattern: VIN_PATTERN })
      .optional(),
  })
  .refine((v) => v.plate !== undefined || v.vin !== undefined, {
    message: 'give the plate, the VIN or both',
  })
  .meta({ minProperties: 1 });

/** What staff record when a complaint comes in (SPEC §3 intake data). */
export const IntakeSchema = z.strictObject({
  dealerId: line(64, 'dealer id must not be empty')
    .refine((id) => id !== '*', 'dealer id "*" is reserved for the policy roster fallback')
    // Names every plain object already has would shadow a dealer in any lookup that forgot Object.hasOwn.
    .refine((id) => !PROTOTYPE_NAMES.has(id), {
      message: 'dealer id must not be a reserved JavaScript name such as "constructor" or "__proto__"',
    }),
  customer: z.strictObject({
    name: line(100, 'customer name must not be empty'),
    phone: PhoneSchema,
  }),
  vehicle: VehicleSchema,
  repairOrderNo: line(64, 'repair-order number must not be empty').optional(),
  channel: ChannelSchema,
  category: CategorySchema,
  description: prose(4000, 'description must not be empty'),
  severity: SeveritySchema,
  /** 首问责任: the first person contacted stays responsible. */
  receivedBy: ActorSchema,
  /** Who answers for it, when not the receiver (the API fills this in from a staff id). */
  owner: ActorSchema.optional(),
  startingStage: StageSchema.optional(),
  /** Staff found the failure before the customer raised it (a latent complaint). */
  reportedByStaff: z.boolean().optional(),
});
export type Intake = z.output<typeof IntakeSchema>;
export type IntakeInput = z.input<typeof IntakeSchema>;

export const COMPLAINT_STATUSES = ['open', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type PauseReason = 'waiting_for_customer' | 'waiting_for_parts' | 'other';

export interface AuditEntry {
  at: number;
  action: string;
  /** 'system' when the ladder acted on its own (a lapsed deadline). */
  actor: Actor | 'system';
  /** One line of English for logs and the CLI. */
  summary: string;
  /**
   * The event the line records, as emitted: clients word the line themselves, in their language,
   * from the catalogue's names and data (issue 16). Absent on lines written before, and on lines
   * no event stands behind (a customer notice that failed, a closing report filed before the call).
   */
  event?: AuditEvent;
}

/** An event's name and data, typed by the catalogue (domain/events.ts). */
export type AuditEvent = { [N in EventName]: { name: N; data: EventDataInput<N> } }[EventName];

export interface Resolution {
  kind: 'remedy_accepted' | 'upheld_policy';
  reason?: string;
  stageReached: Stage;
  totalCompensation: number;
  currency: string;
  resolvedBy: Actor;
  resolvedAt: number;
}

export interface FollowUp {
  scheduledFor: number;
  dueBy: number;
  dueNoticeSent: boolean;
  missedNoticeSent: boolean;
  completedAt?: number;
  satisfied?: boolean;
  note?: string;
  /** Calls that found nobody; at the policy's limit customer service may close with a reason. */
  unreachableCalls?: number;
}

export interface Pause {
  reason: PauseReason;
  note?: string;
  since: number;
  by: Actor;
  /** When the owner tier is next reminded that the clocks are still paused. */
  remindAt?: number;
  /** The policy's longest pause: the clocks resume on their own then. */
  until?: number;
}

/** The customer-update clock: met by a logged contact or a delivered customer notice, never by an acknowledgement. */
export interface CustomerUpdateClock {
  dueAt: number;
  /** The customer last heard from us (contact or delivered notice). */
  lastAt?: number;
  /** The current dueAt has lapsed and was recorded; cleared when the customer hears from us. */
  lapsed: boolean;
}

export interface Closing {
  rootCause: RootCause;
  reflection?: ReflectionReport;
  /** Why it closed without a satisfied follow-up call. */
  reason?: string;
  by: Actor;
  at: number;
}

/**
 * Everything the workflow holds about one complaint. Plain data: it is the query result and it
 * crosses continue-as-new. The intake keeps the raw phone; it never leaves Temporal.
 */
export interface ComplaintState {
  complaintId: string;
  dealerId: string;
  policyVersion: string;
  intake: Intake;
  stage: Stage;
  status: ComplaintStatus;
  clocks: Clock[];
  respondedInStage: boolean;
  pause?: Pause;
  /** Who answers for the complaint (首问责任): the receiver, until a hand-over. Absent in older runs. */
  owner?: Actor;
  /** A customer contact was logged since the complaint entered (or re-entered) this stage. */
  contactedInStage?: boolean;
  /** When a deadline last lapsed with nobody acting since (the "overdue" queue); any staff action clears it. */
  lapsedAt?: number;
  /** 知情权: when the customer must next hear from us. Absent in older runs. */
  customerUpdate?: CustomerUpdateClock;
  /**
   * Keyed hashes of the customer's normalised phone and name ("phone:…", "name:…"), made by the
   * API (api/customer-keys.ts) so search never puts the raw values in visibility.
   */
  customerKeys?: string[];
  remedies: Remedy[];
  resolution?: Resolution;
  followUp?: FollowUp;
  closing?: Closing;
  reopenCount: number;
  reopenedAt?: number;
  /** Counts stage entries (and reopenings), so each entry's notices have their own keys. */
  stageEntry: number;
  /** When the rung's tier is next told that nobody who can act on it owns the complaint. */
  unownedRemindAt?: number;
  /** When tier 3 is next reminded of an open public action. */
  reminderAt?: number;
  audit: AuditEntry[];
  /**
   * Idempotency-Keys of staff actions, each with the hash of the request it came with (domain/action-keys.ts),
   * so the same key with another body is refused. Absent until an action carries a key.
   */
  idempotencyKeys?: Record<string, string>;
  /** The last event sequence number emitted; the next event gets sequence + 1. */
  sequence: number;
  openedAt: number;
}
