import type { Calendar } from './calendar';
import { addBusinessTime, businessTimeBetween, ROUND_THE_CLOCK } from './calendar';
import type { Stage } from './ladder';
import type { Policy } from './policy';

/**
 * Deadlines as plain, JSON-serialisable data: a clock crosses continue-as-new and is shown to
 * staff as it is. Every function returns a new clock; time is always an input.
 */
export const CLOCK_KINDS = ['respond', 'resolve', 'follow_up'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export type ClockStatus = 'running' | 'paused' | 'met' | 'breached';

export interface Clock {
  kind: ClockKind;
  stage: Stage;
  startedAt: number;
  /** The policy duration the clock started with (business time); extensions are in extendedMs. */
  durationMs: number;
  dueAt: number;
  warnAt: number;
  status: ClockStatus;
  pausedAt?: number;
  /** Business milliseconds left when the clock was paused. */
  remainingMs?: number;
  metAt?: number;
  /** around_the_clock: this clock ignores the policy's business hours (seed 001's 24 real hours). */
  calendar?: ClockCalendar;
  warned: boolean;
  breached: boolean;
  extendedMs: number;
}

export const CLOCK_CALENDARS = ['business_hours', 'around_the_clock'] as const;
export type ClockCalendar = (typeof CLOCK_CALENDARS)[number];

type ClockPolicy = Pick<Policy, 'calendar' | 'warningFraction'>;

/** The hours a clock counts: the policy's calendar, unless the clock runs around the clock. */
export function calendarOf(clock: Pick<Clock, 'calendar'>, policy: Pick<Policy, 'calendar'>): Calendar {
  return clock.calendar === 'around_the_clock' ? ROUND_THE_CLOCK : policy.calendar;
}

export function startClock(
  kind: ClockKind,
  stage: Stage,
  nowMs: number,
  durationMs: number,
  policy: ClockPolicy,
  calendar?: ClockCalendar,
): Clock {
  const hours = calendarOf({ calendar }, policy);
  return {
    kind,
    stage,
    startedAt: nowMs,
    durationMs,
    dueAt: addBusinessTime(nowMs, durationMs, hours),
    warnAt: addBusinessTime(nowMs, Math.round(durationMs * policy.warningFraction), hours),
    status: 'running',
    ...(calendar ? { calendar } : {}),
    warned: false,
    breached: false,
    extendedMs: 0,
  };
}

/**
 * The respond-by and (below public_action) resolve-by clocks a stage starts with. `factor` is the
 * severity's clock factor (ownership.ts clockFactor): critical complaints may get shorter clocks.
 */
export function clocksForStage(
  stage: Stage,
  nowMs: number,
  policy: Pick<Policy, 'clocks' | 'calendar' | 'warningFraction'>,
  factor = 1,
): Clock[] {
  const { respondWithin, resolveWithin, respondCalendar, resolveCalendar } = policy.clocks[stage];
  const scaled = (ms: number) => (factor === 1 ? ms : Math.max(1, Math.round(ms * factor)));
  const clocks = [startClock('respond', stage, nowMs, scaled(respondWithin), policy, respondCalendar)];
  if (resolveWithin !== null)
    clocks.push(startClock('resolve', stage, nowMs, scaled(resolveWithin), policy, resolveCalendar));
  return clocks;
}

export function pauseClock(clock: Clock, nowMs: number, calendar: Calendar): Clock {
  if (clock.status !== 'running') return clock;
  return {
    ...clock,
    status: 'paused',
    pausedAt: nowMs,
    remainingMs: businessTimeBetween(nowMs, clock.dueAt, calendar),
  };
}

/** The deadline moves on by exactly the business time that passed while paused. */
export function resumeClock(clock: Clock, nowMs: number, calendar: Calendar): Clock {
  if (clock.status !== 'paused') return clock;
  const { pausedAt = nowMs, remainingMs = 0, ...rest } = clock;
  const warnLeft = businessTimeBetween(pausedAt, clock.warnAt, calendar);
  return {
    ...rest,
    status: 'running',
    dueAt: addBusinessTime(nowMs, remainingMs, calendar),
    warnAt: clock.warned ? clock.warnAt : addBusinessTime(nowMs, warnLeft, calendar),
  };
}

/** A supervisor's extension: the deadline, and a warning not yet sent, move later. */
export function extendClock(clock: Clock, byMs: number, calendar: Calendar): Clock {
  if (clock.status !== 'running' && clock.status !== 'paused') return clock;
  return {
    ...clock,
    dueAt: addBusinessTime(clock.dueAt, byMs, calendar),
    warnAt: clock.warned ? clock.warnAt : addBusinessTime(clock.warnAt, byMs, calendar),
    ...(clock.status === 'paused' ? { remainingMs: (clock.remainingMs ?? 0) + byMs } : {}),
    extendedMs: clock.extendedMs + byMs,
  };
}

/**
 * Met at `nowMs`. A clock whose deadline has passed is not met: its breach is still due (unless
 * `evenIfLate`, the rule of complaints opened before it; see policy-era.ts).
 */
export function meetClock(clock: Clock, nowMs: number, evenIfLate = false): Clock {
  if (clock.status !== 'running' && clock.status !== 'paused') return clock;
  if (clock.status === 'running' && nowMs > clock.dueAt && !evenIfLate) return clock;
  const { pausedAt: _pausedAt, remainingMs: _remainingMs, ...rest } = clock;
  return { ...rest, status: 'met', metAt: nowMs };
}

export function markWarned(clock: Clock): Clock {
  return clock.warned ? clock : { ...clock, warned: true };
}

export function markBreached(clock: Clock): Clock {
  return { ...clock, status: 'breached', breached: true };
}
