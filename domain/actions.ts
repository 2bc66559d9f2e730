import { z } from 'zod';
import { ReflectionReportSchema, RootCauseSchema } from './closing';
import { PositiveDurationSchema } from './duration';
import { StageSchema } from './ladder';
import { AmountSchema, RemedyTypeSchema } from './remedy';
import { ActorSchema } from './staff';
import { line, optionalProse, prose } from './text';

/** Payloads of the staff and supervisor actions; each names who acts. */
const text = (max: number) => prose(max);
const note = () => optionalProse(2000);
const action = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject({ actor: ActorSchema, ...shape });

export const CONTACT_METHODS = ['phone', 'visit', 'message', 'email', 'letter'] as const;
export const PAUSE_REASONS = ['waiting_for_customer', 'waiting_for_parts', 'other'] as const;
export const FOLLOW_UP_OUTCOMES = ['satisfied', 'not_satisfied', 'unreachable'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** The follow-up call's outcome from either way of saying it; null when absent or contradictory. */
export function outcomeOf(input: {
  satisfied?: boolean | undefined;
  outcome?: FollowUpOutcome | undefined;
}): FollowUpOutcome | null {
  const fromFlag = input.satisfied === undefined ? undefined : input.satisfied ? 'satisfied' : 'not_satisfied';
  if (fromFlag && input.outcome && (fromFlag === 'satisfied') !== (input.outcome === 'satisfied')) return null;
  return input.outcome ?? fromFlag ?? null;
}

/**
 * Each schema is built on first use. Workflows import this module, and every complaint's workflow
 * gets its own copy of it: building all twelve up front was most of the cost of starting one.
 */
function builtOnFirstUse<T extends Record<string, () => z.ZodType>>(
  builders: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const built = new Map<keyof T, z.ZodType>();
  const schemas = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const name of Object.keys(builders) as (keyof T)[]) {
    Object.defineProperty(schemas, name, {
      enumerable: true,
      get: () => built.get(name) ?? built.set(name, builders[name]!()).get(name),
    });
  }
  return schemas;
}

export const ACTION_SCHEMAS = builtOnFirstUse({
  acknowledge: () => action({ note: note() }),
  logContact: () => action({ method: z.enum(CONTACT_METHODS), summary: text(2000) }),
  proposeRemedy: () =>
    action({
      type: RemedyTypeSchema,
      amount: AmountSchema.default(0),
      description: text(2000),
    }),
  approveRemedy: () => action({ remedyId: line(128) }),
  recordCustomerDecision: () => action({ remedyId: line(128), decision: z.enum(['accept', 'decline']), note: note() }),
  escalate: () =>
    action({
      to: StageSchema,
      /** customer: they went over our heads (regulator, media); supervisor: we chose to. */
      driver: z.enum(['customer', 'supervisor']),
      reason: text(2000),
    }),
  pauseClock: () => action({ reason: z.enum(PAUSE_REASONS), note: note() }),
  resumeClock: () => action({ note: note() }),
  extendDeadline: () =>
    action({
      clock: z.enum(['respond', 'resolve']),
      by: PositiveDurationSchema,
      reason: text(2000),
    }),
  resolve: () =>
    action({
      kind: z.enum(['remedy_accepted', 'upheld_policy']),
      reason: optionalProse(2000),
    }).refine((r) => r.kind !== 'upheld_policy' || (r.reason !== undefined && r.reason !== ''), {
      message: 'an upheld-policy decision needs a reason',
      path: ['reason'],
    }),
  recordFollowUp: () =>
    action({
      /** satisfied: true or false, or omitted with outcome "unreachable" when nobody answered. */
      satisfied: z.boolean().optional(),
      outcome: z.enum(FOLLOW_UP_OUTCOMES).optional(),
      /** The customer called us before the call was due, so it is recorded early. */
      customerCalled: z.boolean().optional(),
      note: note(),
    }).refine((input) => outcomeOf(input) !== null, {
      message:
        'give satisfied (true or false), or outcome satisfied, not_satisfied or unreachable; when both are given they must agree',
      path: ['outcome'],
    }),
  handOver: () =>
    action({
      /** The colleague who answers for the complaint from now on (首问责任 passes with a note). */
      to: ActorSchema,
      /** 交接清楚: what was promised to the customer, what is pending. */
      note: text(2000),
    }),
  close: () =>
    action({
      rootCause: RootCauseSchema,
      reflection: ReflectionReportSchema.optional(),
      /** Why it closes without a satisfied follow-up: required after the customer could not be reached. */
      reason: optionalProse(2000),
    }),
});

export type ActionName = keyof typeof ACTION_SCHEMAS;
export const ACTION_NAMES = Object.keys(ACTION_SCHEMAS) as ActionName[];
export type ActionInput<N extends ActionName> = z.output<(typeof ACTION_SCHEMAS)[N]>;
export type ActionPayload<N extends ActionName> = z.input<(typeof ACTION_SCHEMAS)[N]>;
