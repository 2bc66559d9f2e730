import type { Calendar } from './calendar';
import { addBusinessTime, businessTimeBetween } from './calendar';
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
  warned: boolean;
  breached: boolean;
  extendedMs: number;
}

type ClockPolicy = Pick<Policy, 'calendar' | 'warningFraction'>;

export function startClock(
  kind: ClockKind,
  stage: Stage,
  nowMs: number,
  durationMs: number,
  policy: ClockPolicy,
): Clock {
  return {
    kind,
    stage,
    startedAt: nowMs,
    durationMs,
    dueAt: addBusinessTime(nowMs, durationMs, policy.calendar),
    warnAt: addBusinessTime(nowMs, Math.round(durationMs * policy.warningFraction), policy.calendar),
    status: 'running',
    warned: false,
    breached: false,
    extendedMs: 0,
  };
}

/** The respond-by and (below public_action) resolve-by clocks a stage starts with. */
export function clocksForStage(stage: Stage, nowMs: number, policy: Pick<Policy, 'clocks' | 'calendar' | 'warningFraction'>): Clock[] {
  const { respondWithin, resolveWithin } = policy.clocks[stage];
  const clocks = [startClock('respond', stage, nowMs, respondWithin, policy)];
  if (resolveWithin !== null) clocks.push(startClock('resolve', stage, nowMs, resolveWithin, policy));
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

export function meetClock(clock: Clock, nowMs?: number): Clock {
  if (clock.status !== 'running' && clock.status !== 'paused') return clock;
  const { pausedAt: _pausedAt, remainingMs: _remainingMs, ...rest } = clock;
  return { ...rest, status: 'met', ...(nowMs === undefined ? {} : { metAt: nowMs }) };
}

export function markWarned(clock: Clock): Clock {
  return clock.warned ? clock : { ...clock, warned: true };
}

export function markBreached(clock: Clock): Clock {
  return { ...clock, status: 'breached', breached: true };
}

export interface ClockEvent {
  at: number;
  clock: ClockKind;
  stage: Stage;
  kind: 'warning' | 'breach';
  /** How long the workflow should sleep; 0 when the moment has already passed. */
  inMs: number;
}

const KIND_ORDER: Record<ClockKind, number> = { respond: 0, resolve: 1, follow_up: 2 };

/**
 * The earliest pending warning or breach among running clocks. A warning that would fall on
 * or after its own deadline is skipped: staff get the breach notice instead of two at once.
 */
export function nextClockEvent(clocks: readonly Clock[], nowMs: number): ClockEvent | null {
  const pending: ClockEvent[] = [];
  for (const c of clocks) {
    if (c.status !== 'running') continue;
    if (!c.warned && c.warnAt < c.dueAt) pending.push(event(c, 'warning', c.warnAt, nowMs));
    if (!c.breached) pending.push(event(c, 'breach', c.dueAt, nowMs));
  }
  pending.sort(
    (a, b) =>
      a.at - b.at ||
      (a.kind === b.kind ? 0 : a.kind === 'warning' ? -1 : 1) ||
      KIND_ORDER[a.clock] - KIND_ORDER[b.clock],
  );
  return pending[0] ?? null;
}

function event(c: Clock, kind: ClockEvent['kind'], at: number, nowMs: number): ClockEvent {
  return { at, clock: c.kind, stage: c.stage, kind, inMs: Math.max(0, at - nowMs) };
}

/** The soonest due time of a running clock, or null when nothing is running. */
export function earliestDueAt(clocks: readonly Clock[]): number | null {
  const due = clocks.filter((c) => c.status === 'running').map((c) => c.dueAt);
  return due.length ? Math.min(...due) : null;
}

export function findClock(clocks: readonly Clock[], kind: ClockKind, stage: Stage): Clock | undefined {
  return clocks.find((c) => c.kind === kind && c.stage === stage);
}
