import { z } from 'zod';
import { addBusinessTime, CalendarSchema } from './calendar';
import { CLOCK_CALENDARS } from './clock';
import { DurationSchema, formatDuration, PositiveDurationSchema } from './duration';
import { AmountSchema } from './remedy';
import { line } from './text';
import { StageSchema } from './ladder';
import { RoleSchema } from './staff';
import { ALL_DEALERS, EMPTY_ROSTER, servesDealer } from './roster';
import {
  CustomerNoticesSchema,
  CustomerUpdatesSchema,
  OwnershipSchema,
  SeverityRoutingSchema,
} from './customer-policy';

// The roster lookups live in roster.ts, free of schemas, so the workflow bundle stays small.
export { rosterFor, recipientsFor, recipientsForRoles } from './roster';

/**
 * A dealership's policy file. Input durations are strings ("24h"); the parsed policy holds
 * milliseconds. Everything except `version` has a SPEC default. Unknown keys are refused so a
 * typo cannot silently fall back to a default.
 */

const stageClocks = (respond: string, resolve: string | null) =>
  z
    .strictObject({
      respondWithin: PositiveDurationSchema.prefault(respond),
      /** null: no resolve-by clock (public_action has no higher rung to climb to). */
      resolveWithin: PositiveDurationSchema.nullable().prefault(resolve),
      /** Absent: the policy's calendar. around_the_clock: real hours even in a business-hours policy. */
      respondCalendar: z.enum(CLOCK_CALENDARS).optional(),
      resolveCalendar: z.enum(CLOCK_CALENDARS).optional(),
    })
    .prefault({});

const ClocksSchema = z
  .strictObject({
    latent: stageClocks('2h', '24h'),
    objection: stageClocks('2h', '24h'),
    complaint: stageClocks('4h', '24h'),
    // seed 001: feedback on a complaint within 24 hours
    formal_complaint: stageClocks('24h', '72h'),
    deadlock: stageClocks('24h', '72h'),
    public_action: stageClocks('4h', null),
  })
  .prefault({});

const cap = (amount: number | null) => AmountSchema.nullable().default(amount);

const CapsSchema = z
  .strictObject({
    advisor: cap(500),
    customer_service: cap(1000),
    service_manager: cap(5000),
    technical_manager: cap(5000),
    general_manager: cap(null),
  })
  .prefault({});

export const WEBHOOK_FORMATS = ['generic', 'wecom', 'dingtalk', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const RecipientSchema = z.strictObject({
  staffId: line(64),
  name: line(100),
  role: RoleSchema,
  /**
   * The dealers this person serves, as in the staff directory ("*" for all). On the '*' roster
   * they hear only of complaints at these dealers; left out, of every dealer not listed.
   */
  dealers: z
    .array(line(64, 'expected a dealer id or "*"'))
    .min(1, 'give at least one dealer, or "*" for all')
    .optional(),
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
      format: z.enum(WEBHOOK_FORMATS).default('generic'),
    })
    .optional(),
});
export type Recipient = z.output<typeof RecipientSchema>;

const TierRosterSchema = z.strictObject({
  tier1: z.array(RecipientSchema).default([]),
  tier2: z.array(RecipientSchema).default([]),
  tier3: z.array(RecipientSchema).default([]),
});
export type TierRoster = z.output<typeof TierRosterSchema>;

export const PolicySchema = z
  .strictObject({
    version: z.string({ error: 'expected a policy version string' }).trim().min(1, 'expected a policy version string'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "CNY"')
      .default('CNY'),
    clocks: ClocksSchema,
    publicActionReminderEvery: PositiveDurationSchema.prefault('24h'),
    // seed 002 checks progress at 70–80% of the promised time
    warningFraction: z
      .number()
      .gt(0, 'expected a fraction between 0 and 1')
      .lt(1, 'expected a fraction between 0 and 1')
      .default(0.75),
    calendar: CalendarSchema,
    compensationCaps: CapsSchema,
    followUp: z
      .strictObject({
        delay: DurationSchema.prefault('3d'),
        dueWithin: PositiveDurationSchema.prefault('7d'),
        /** A customer who cannot be reached is called again this much later, up to `attempts` calls. */
        unreachableRetryAfter: PositiveDurationSchema.prefault('1d'),
        attempts: z.number().int().min(1).max(10).default(3),
      })
      .prefault({}),
    /** Money a complaint may carry: per remedy and in all, whoever authorises it. */
    limits: z
      .strictObject({
        remedyMax: AmountSchema.prefault(100_000),
        complaintMax: AmountSchema.prefault(200_000),
      })
      .prefault({}),
    /** Seed 001 counts 拖延 as a wrong behaviour: a pause ends on its own, and reminds while it lasts. */
    pause: z
      .strictObject({
        longest: PositiveDurationSchema.prefault('7d'),
        remindEvery: PositiveDurationSchema.prefault('24h'),
      })
      .prefault({}),
    /** The most a stage's clocks may be extended in all. */
    extension: z.strictObject({ mostPerStage: PositiveDurationSchema.prefault('72h') }).prefault({}),
    reflectionReportFrom: StageSchema.default('formal_complaint'),
    customerUpdates: CustomerUpdatesSchema,
    customerNotices: CustomerNoticesSchema,
    severity: SeverityRoutingSchema,
    ownership: OwnershipSchema,
    /** Who is told, per dealer; '*' covers dealers that are not listed. */
    roster: z.record(z.string().min(1), TierRosterSchema).default({ '*': EMPTY_ROSTER }),
  })
  .superRefine((policy, ctx) => {
    // A clock that asks for business hours needs a policy that has them.
    if (policy.calendar.mode === 'business_hours') {
      // Deadline arithmetic gives up after ten years of calendar; a policy must never reach that.
      const longest =
        Math.max(...Object.values(policy.clocks).flatMap((c) => [c.respondWithin, c.resolveWithin ?? 0])) +
        policy.extension.mostPerStage;
      try {
        addBusinessTime(Date.UTC(2026, 0, 1), longest, policy.calendar);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['calendar'],
          message: `has too few working hours for a ${formatDuration(longest)} deadline (clock plus the most extension)`,
        });
      }
      return;
    }
    for (const [stage, clocks] of Object.entries(policy.clocks)) {
      for (const key of ['respondCalendar', 'resolveCalendar'] as const) {
        if (clocks[key] === 'business_hours') {
          ctx.addIssue({
            code: 'custom',
            path: ['clocks', stage, key],
            message: 'business_hours needs a calendar with mode "business_hours"',
          });
        }
      }
    }
    if (policy.limits.remedyMax > policy.limits.complaintMax) {
      ctx.addIssue({ code: 'custom', path: ['limits', 'remedyMax'], message: 'must not exceed limits.complaintMax' });
    }
    // A dealer's own roster naming someone who does not serve that dealer is a mistake to catch at load.
    for (const [dealerId, roster] of Object.entries(policy.roster)) {
      if (dealerId === ALL_DEALERS) continue;
      for (const tier of ['tier1', 'tier2', 'tier3'] as const) {
        roster[tier].forEach((r, i) => {
          if (!servesDealer(r, dealerId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['roster', dealerId, tier, i, 'dealers'],
              message: `${r.staffId} is on ${dealerId}'s roster but serves only ${r.dealers!.join(', ')}`,
            });
          }
        });
      }
    }
  });
export type Policy = z.output<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

export class PolicyError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid policy:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

/** `policy.clocks.objection.respondWithin`, `policy.calendar.holidays[2]`. */
export function issuePath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    root,
  );
}

export function parsePolicy(json: unknown): Policy {
  const result = PolicySchema.safeParse(json);
  if (result.success) return result.data;
  throw new PolicyError(
    result.error.issues.map((issue) => ({
      path: issuePath('policy', issue.path),
      message: issue.message,
    })),
  );
}
