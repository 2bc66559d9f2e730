/**
 * The ladder's heart: what falls due next when nobody acts, and what happens when it does.
 * A clock's warning tells the owner tier; its lapse climbs a rung (at the top, tier 3 is reminded);
 * a pause reminds and ends on its own; the follow-up call falls due and can be missed.
 */
import { calendarOf, clocksForStage, markBreached, markWarned, resumeClock, type Clock, type ClockKind } from './clock';
import type { ComplaintState } from './complaint';
import { Draft, iso, type Transition } from './draft';
import { LADDER, nextStage, type Stage } from './ladder';
import type { Policy } from './policy';
import { customerUpdateLapsed } from './customer-updates';
import { checkOwnership, clockFactor, ownerAudience } from './ownership';
import { openedBeforeBounds, openedBeforeOwnership } from './policy-era';
import type { Actor, Tier } from './staff';

/** Something that falls due at `at` unless staff act first. */
export type Due =
  | { at: number; kind: 'warning' | 'breach'; clock: ClockKind }
  | { at: number; kind: 'reminder' | 'pause_reminder' | 'pause_limit' }
  | { at: number; kind: 'followup_due' | 'followup_missed' }
  | { at: number; kind: 'customer_update' | 'unowned_reminder' };

/** Among things due at the same moment: a warning before a breach, respond-by before resolve-by. */
const ORDER: Record<Due['kind'], number> = {
  warning: 0,
  breach: 1,
  reminder: 2,
  pause_reminder: 3,
  pause_limit: 4,
  followup_due: 5,
  followup_missed: 6,
  customer_update: 7,
  unowned_reminder: 8,
};
const CLOCK_ORDER: Record<ClockKind, number> = { respond: 0, resolve: 1, follow_up: 2 };
const clockRank = (d: Due) => ('clock' in d ? CLOCK_ORDER[d.clock] : 0);

/**
 * The earliest moment the complaint needs attention without anyone acting. A warning that would
 * fall on or after its own deadline is skipped: staff get the breach notice instead of two at once.
 */
export function nextDue(state: ComplaintState): Due | null {
  const candidates: Due[] = [];
  if (state.status === 'open') {
    for (const c of state.clocks) {
      if (c.status !== 'running') continue;
      if (!c.warned && c.warnAt < c.dueAt) candidates.push({ at: c.warnAt, kind: 'warning', clock: c.kind });
      if (!c.breached) candidates.push({ at: c.dueAt, kind: 'breach', clock: c.kind });
    }
    if (state.reminderAt !== undefined) candidates.push({ at: state.reminderAt, kind: 'reminder' });
    if (state.pause?.remindAt !== undefined) candidates.push({ at: state.pause.remindAt, kind: 'pause_reminder' });
    if (state.pause?.until !== undefined) candidates.push({ at: state.pause.until, kind: 'pause_limit' });
    if (state.customerUpdate) candidates.push({ at: state.customerUpdate.dueAt, kind: 'customer_update' });
    if (state.unownedRemindAt !== undefined) candidates.push({ at: state.unownedRemindAt, kind: 'unowned_reminder' });
  }
  const f = state.followUp;
  if (state.status === 'resolved' && f && f.completedAt === undefined) {
    if (!f.dueNoticeSent) candidates.push({ at: f.scheduledFor, kind: 'followup_due' });
    if (!f.missedNoticeSent) candidates.push({ at: f.dueBy, kind: 'followup_missed' });
  }
  candidates.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind] || clockRank(a) - clockRank(b));
  return candidates[0] ?? null;
}

/** The deadline shown to staff and indexed as NextDeadline. */
export function nextDeadline(state: ComplaintState): number | null {
  if (state.status === 'open') {
    const due = state.clocks.filter((c) => c.status === 'running').map((c) => c.dueAt);
    return due.length ? Math.min(...due) : null;
  }
  if (state.status === 'resolved' && state.followUp && state.followUp.completedAt === undefined)
    return state.followUp.dueBy;
  return null;
}

export const replaceClock = (clocks: Clock[], kind: ClockKind, f: (c: Clock) => Clock) =>
  clocks.map((c) => (c.kind === kind ? f(c) : c));

/** The tier that sees a supervisor's pause or extension: the one above the owner, or tier 3 at the top. */
export const tierAbove = (stage: Stage): Tier => Math.min(3, LADDER[stage].ownerTier + 1) as Tier;

export type EntryTrigger = 'intake' | 'deadline_lapsed' | 'customer_action' | 'supervisor';

/** Entering a rung: fresh clocks, the owner tier told, and at the top the reminder cycle begins. */
export function enterStage(
  d: Draft,
  to: Stage,
  trigger: EntryTrigger,
  policy: Policy,
  by?: Actor,
  reason?: string,
): void {
  const from = d.state.stage === to && trigger === 'intake' ? null : d.state.stage;
  if (d.state.pause && !openedBeforeBounds(policy))
    endPause(d, policy, { trigger: 'escalation', ...(by ? { actor: by } : {}) });
  d.state = {
    ...d.state,
    stage: to,
    stageEntry: d.state.stageEntry + 1,
    clocks: clocksForStage(to, d.now, policy, clockFactor(d.state, policy)),
    respondedInStage: false,
    contactedInStage: false,
    pause: undefined,
    reminderAt: to === 'public_action' ? d.now + policy.publicActionReminderEvery : undefined,
  };
  d.emit('stage.entered', { from, to, trigger, ...(by ? { actor: by } : {}), ...(reason ? { reason } : {}) });
  d.audit('stage.entered', by ?? 'system', from ? `${from} → ${to} (${trigger})` : `opened at ${to}`, 'stage.entered');
  d.notify('stage_entered', { tier: LADDER[to].ownerTier });
  checkOwnership(d, policy);
}

/** Resumes paused clocks, by a supervisor, by a climb, or at the policy's longest pause. */
export function endPause(
  d: Draft,
  policy: Policy,
  how: { trigger: 'supervisor' | 'escalation' | 'pause_limit'; actor?: Actor; note?: string },
): void {
  const pause = d.state.pause;
  if (!pause) return;
  const pausedForMs = d.now - pause.since;
  d.state = {
    ...d.state,
    clocks: d.state.clocks.map((c) => (c.status === 'paused' ? resumeClock(c, d.now, calendarOf(c, policy)) : c)),
    pause: undefined,
  };
  const newDueAt = Object.fromEntries(
    d.state.clocks.filter((c) => c.status === 'running').map((c) => [c.kind, iso(c.dueAt)]),
  );
  d.emit('clock.resumed', {
    stage: d.state.stage,
    pausedForMs,
    newDueAt,
    trigger: how.trigger,
    ...(how.actor ? { actor: how.actor } : {}),
    ...(how.note ? { note: how.note } : {}),
  });
  const why = {
    supervisor: '',
    escalation: ' (the complaint climbed)',
    pause_limit: " (the policy's longest pause ran out)",
  }[how.trigger];
  d.audit(
    'resumeClock',
    how.actor ?? 'system',
    `resumed after ${Math.round(pausedForMs / 1000)}s${why}`,
    'clock.resumed',
  );
}

/**
 * The next reminder after one due at `dueAt`: reminders missed while nothing ran (a worker down
 * for days) collapse into the one sent now, never a flood of them at once.
 */
export const nextReminder = (dueAt: number, every: number, upTo: number): number =>
  dueAt + every * (Math.max(0, Math.floor((upTo - dueAt) / every)) + 1);

/**
 * Something fell due with nobody acting: warn, climb, remind, resume, or chase the follow-up.
 * `now` is the moment it fell due; `upTo` is how late it is being handled (reminders only).
 */
export function deadlineReached(state: ComplaintState, due: Due, policy: Policy, now: number, upTo = now): Transition {
  const d = new Draft(state, now);
  const ownerTier = LADDER[state.stage].ownerTier;
  // Owner first (issue 15); complaints opened before owners tell the owner tier only.
  const ownersEra = !openedBeforeOwnership(policy);
  switch (due.kind) {
    case 'warning': {
      const clock = state.clocks.find((c) => c.kind === due.clock)!;
      d.state = { ...d.state, clocks: replaceClock(d.state.clocks, due.clock, markWarned) };
      d.emit('deadline.warning', {
        stage: state.stage,
        clock: due.clock,
        dueAt: iso(clock.dueAt),
        warnAt: iso(clock.warnAt),
      });
      d.notify('warning', ownersEra ? ownerAudience(state) : { tier: ownerTier }, {
        clock: due.clock,
        dueAt: clock.dueAt,
      });
      break;
    }
    case 'breach': {
      const clock = state.clocks.find((c) => c.kind === due.clock)!;
      const next = nextStage(state.stage);
      d.state = {
        ...d.state,
        clocks: replaceClock(d.state.clocks, due.clock, markBreached),
        ...(ownersEra ? { lapsedAt: now } : {}),
      };
      d.emit('deadline.breached', { stage: state.stage, clock: due.clock, dueAt: iso(clock.dueAt) });
      // The owner, and the tier of the rung it climbs to, which must now act.
      const audience = ownersEra ? ownerAudience(state, LADDER[next ?? state.stage].ownerTier) : { tier: ownerTier };
      d.notify('breach', audience, { clock: due.clock, dueAt: clock.dueAt });
      d.audit('deadline.breached', 'system', `${due.clock}-by deadline lapsed at ${state.stage}`, 'deadline.breached');
      if (next) enterStage(d, next, 'deadline_lapsed', policy);
      break;
    }
    case 'reminder':
      d.state = { ...d.state, reminderAt: nextReminder(now, policy.publicActionReminderEvery, upTo) };
      d.notify('reminder', { tier: 3 }, { unique: now });
      break;
    case 'pause_reminder':
      d.state = { ...d.state, pause: { ...state.pause!, remindAt: nextReminder(now, policy.pause.remindEvery, upTo) } };
      d.notify('pause_reminder', { tier: ownerTier }, { unique: now });
      break;
    case 'pause_limit':
      endPause(d, policy, { trigger: 'pause_limit' });
      break;
    case 'followup_due':
      d.state = { ...d.state, followUp: { ...state.followUp!, dueNoticeSent: true } };
      d.notify(
        'followup_due',
        { roles: ['customer_service'] },
        { dueAt: state.followUp!.dueBy, unique: state.followUp!.unreachableCalls || undefined },
      );
      break;
    case 'followup_missed':
      d.state = {
        ...d.state,
        followUp: { ...state.followUp!, missedNoticeSent: true },
        ...(ownersEra ? { lapsedAt: now } : {}),
      };
      d.emit('deadline.breached', { stage: state.stage, clock: 'follow_up', dueAt: iso(state.followUp!.dueBy) });
      d.notify(
        'followup_missed',
        { roles: ['customer_service'] },
        { clock: 'follow_up', dueAt: state.followUp!.dueBy, unique: state.followUp!.unreachableCalls || undefined },
      );
      break;
    case 'customer_update':
      customerUpdateLapsed(d, policy, upTo);
      break;
    case 'unowned_reminder':
      d.state = { ...d.state, unownedRemindAt: nextReminder(now, policy.ownership.unownedRemindEvery, upTo) };
      d.notify('unowned', { tier: ownerTier }, { unique: now });
      break;
  }
  return d.done();
}

/**
 * Everything that fell due before `now`, applied in order. An action that arrives after a
 * deadline (a worker was down, and the Update and the lapse land in one activation) meets the
 * complaint as the ladder left it, so it never counts as on time.
 */
export function catchUp(state: ComplaintState, policy: Policy, now: number): Transition {
  const effects: Transition['effects'] = { events: [], notices: [], ledger: [] };
  let current = state;
  for (let due = nextDue(current); due && due.at < now; due = nextDue(current)) {
    const fired = deadlineReached(current, due, policy, due.at, now);
    current = fired.state;
    effects.events.push(...fired.effects.events);
    effects.notices.push(...fired.effects.notices);
    effects.ledger.push(...fired.effects.ledger);
  }
  return { state: current, effects };
}
