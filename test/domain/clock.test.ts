import { ROUND_THE_CLOCK } from '../../domain/calendar';
import {
  clocksForStage,
  extendClock,
  markBreached,
  markWarned,
  meetClock,
  pauseClock,
  resumeClock,
  startClock,
  type Clock,
} from '../../domain/clock';
import { PolicySchema } from '../../domain/policy';
import { nextDeadline, nextDue } from '../../domain/transitions';
import { HOUR, MINUTE, openState, policy, shanghai, weekdays } from './fixtures';

const businessPolicy = { ...policy, calendar: weekdays };

describe('starting a clock', () => {
  it('is due after the policy duration and warns when 75% of it has run', () => {
    const clock = startClock('respond', 'objection', 0, 2 * HOUR, policy);
    expect(clock).toMatchObject({
      kind: 'respond',
      stage: 'objection',
      startedAt: 0,
      dueAt: 2 * HOUR,
      warnAt: 90 * MINUTE,
      status: 'running',
    });
    expect(clock).toMatchObject({ warned: false, breached: false, extendedMs: 0 });
  });

  it('honours a configured warning fraction', () => {
    const at80 = PolicySchema.parse({ version: 'x', warningFraction: 0.8 });
    expect(startClock('resolve', 'complaint', 0, 10 * HOUR, at80).warnAt).toBe(8 * HOUR);
  });

  it('counts the warning in business hours too: 75% of 4 h from Friday 16:00 is Monday 10:00', () => {
    const clock = startClock('respond', 'complaint', shanghai('2026-03-06T16:00'), 4 * HOUR, businessPolicy);
    expect(clock.warnAt).toBe(shanghai('2026-03-09T10:00'));
    expect(clock.dueAt).toBe(shanghai('2026-03-09T11:00'));
  });

  it('gives each rung a respond-by and a resolve-by clock, and public action only a respond-by', () => {
    expect(clocksForStage('formal_complaint', 0, policy).map((c) => [c.kind, c.dueAt])).toEqual([
      ['respond', 24 * HOUR],
      ['resolve', 72 * HOUR],
    ]);
    expect(clocksForStage('public_action', 0, policy).map((c) => c.kind)).toEqual(['respond']);
  });
});

describe('pausing and resuming', () => {
  it('shifts the deadline and a pending warning by the paused time (24x7)', () => {
    const started = startClock('respond', 'objection', 0, 2 * HOUR, policy);
    const paused = pauseClock(started, 30 * MINUTE, ROUND_THE_CLOCK);
    expect(paused).toMatchObject({ status: 'paused', pausedAt: 30 * MINUTE, remainingMs: 90 * MINUTE });
    const resumed = resumeClock(paused, 90 * MINUTE, ROUND_THE_CLOCK);
    expect(resumed.status).toBe('running');
    expect(resumed.dueAt).toBe(3 * HOUR);
    expect(resumed.warnAt).toBe(150 * MINUTE);
    expect(resumed).not.toHaveProperty('pausedAt');
    expect(resumed).not.toHaveProperty('remainingMs');
  });

  it('shifts the deadline only by paused business time: Friday noon to Monday 10:00 leaves 2 h for Monday', () => {
    const started = startClock('resolve', 'complaint', shanghai('2026-03-06T10:00'), 4 * HOUR, businessPolicy);
    expect(started.dueAt).toBe(shanghai('2026-03-06T14:00'));
    const paused = pauseClock(started, shanghai('2026-03-06T12:00'), weekdays);
    expect(paused.remainingMs).toBe(2 * HOUR);
    expect(resumeClock(paused, shanghai('2026-03-09T10:00'), weekdays).dueAt).toBe(shanghai('2026-03-09T12:00'));
  });

  it('costs nothing when paused and resumed while the store is closed', () => {
    const started = startClock('respond', 'complaint', shanghai('2026-03-06T16:00'), 4 * HOUR, businessPolicy);
    const paused = pauseClock(started, shanghai('2026-03-07T10:00'), weekdays);
    const resumed = resumeClock(paused, shanghai('2026-03-08T10:00'), weekdays);
    expect(resumed.dueAt).toBe(started.dueAt);
    expect(resumed.warnAt).toBe(started.warnAt);
  });

  it('leaves a warning that was already sent where it was', () => {
    const warned = markWarned(startClock('respond', 'objection', 0, 2 * HOUR, policy));
    const resumed = resumeClock(pauseClock(warned, 100 * MINUTE, ROUND_THE_CLOCK), 200 * MINUTE, ROUND_THE_CLOCK);
    expect(resumed.warnAt).toBe(90 * MINUTE);
    expect(resumed.dueAt).toBe(220 * MINUTE);
  });

  it('ignores pausing a clock that is not running and resuming one that is not paused', () => {
    const met = meetClock(startClock('respond', 'objection', 0, HOUR, policy), 10);
    expect(pauseClock(met, 20, ROUND_THE_CLOCK)).toBe(met);
    const running = startClock('respond', 'objection', 0, HOUR, policy);
    expect(resumeClock(running, 20, ROUND_THE_CLOCK)).toBe(running);
  });

  it('never changes the clock it was given', () => {
    const started = startClock('respond', 'objection', 0, 2 * HOUR, policy);
    const copy = structuredClone(started);
    pauseClock(started, MINUTE, ROUND_THE_CLOCK);
    extendClock(started, HOUR, ROUND_THE_CLOCK);
    markBreached(started);
    expect(started).toEqual(copy);
  });
});

describe('extending a deadline', () => {
  it('moves the deadline and a pending warning later and records the extension', () => {
    const extended = extendClock(startClock('resolve', 'complaint', 0, 24 * HOUR, policy), 4 * HOUR, ROUND_THE_CLOCK);
    expect(extended).toMatchObject({ dueAt: 28 * HOUR, warnAt: 22 * HOUR, extendedMs: 4 * HOUR });
  });

  it('does not re-arm a warning that was already sent', () => {
    const warned = markWarned(startClock('resolve', 'complaint', 0, 24 * HOUR, policy));
    expect(extendClock(warned, 4 * HOUR, ROUND_THE_CLOCK).warnAt).toBe(18 * HOUR);
  });

  it('extends in business hours: 2 h more on a Friday 17:00 deadline lands on Monday 10:00', () => {
    const clock = startClock('respond', 'complaint', shanghai('2026-03-06T13:00'), 4 * HOUR, businessPolicy);
    expect(extendClock(clock, 2 * HOUR, weekdays).dueAt).toBe(shanghai('2026-03-09T10:00'));
  });

  it('adds to the time left on a paused clock', () => {
    const paused = pauseClock(startClock('resolve', 'complaint', 0, 10 * HOUR, policy), HOUR, ROUND_THE_CLOCK);
    const extended = extendClock(paused, 2 * HOUR, ROUND_THE_CLOCK);
    expect(extended.remainingMs).toBe(11 * HOUR);
    expect(resumeClock(extended, 5 * HOUR, ROUND_THE_CLOCK).dueAt).toBe(16 * HOUR);
  });
});

describe('what the workflow waits for next', () => {
  const respond = startClock('respond', 'objection', 0, 2 * HOUR, policy);
  const resolve = startClock('resolve', 'objection', 0, 24 * HOUR, policy);
  const withClocks = (...clocks: Clock[]) => openState({ clocks });

  it('is the earliest warning among running clocks', () => {
    expect(nextDue(withClocks(resolve, respond))).toEqual({ at: 90 * MINUTE, clock: 'respond', kind: 'warning' });
  });

  it('is the breach once the warning has been sent', () => {
    expect(nextDue(withClocks(markWarned(respond), resolve))).toEqual({
      at: 2 * HOUR,
      clock: 'respond',
      kind: 'breach',
    });
  });

  it('moves on to the resolve-by clock once the customer has had a response', () => {
    expect(nextDue(withClocks(meetClock(respond, HOUR), resolve))).toMatchObject({
      clock: 'resolve',
      kind: 'warning',
      at: 18 * HOUR,
    });
  });

  it('waits for nothing while the clocks are paused, unless the policy bounds the pause', () => {
    expect(
      nextDue(withClocks(pauseClock(respond, 1, ROUND_THE_CLOCK), pauseClock(resolve, 1, ROUND_THE_CLOCK))),
    ).toBeNull();
  });

  it('sends at most one breach per clock', () => {
    expect(nextDue(withClocks(markBreached(markWarned(respond))))).toBeNull();
  });

  it('skips a warning that would fall at the deadline itself', () => {
    const instant = startClock('respond', 'objection', 0, 0, policy);
    expect(nextDue(withClocks(instant))).toMatchObject({ kind: 'breach', at: 0 });
  });

  it('puts a warning before a breach due at the same moment, and respond-by before resolve-by', () => {
    const breachAt2h = markWarned(respond);
    const warnAt2h = { ...resolve, warnAt: 2 * HOUR };
    expect(nextDue(withClocks(warnAt2h, breachAt2h))).toMatchObject({
      kind: 'warning',
      clock: 'resolve',
      at: 2 * HOUR,
    });
    const bothBreach = { ...markWarned(resolve), dueAt: 2 * HOUR };
    expect(nextDue(withClocks(bothBreach, breachAt2h))).toMatchObject({ kind: 'breach', clock: 'respond' });
  });

  it('reports the soonest running deadline for the board', () => {
    expect(nextDeadline(withClocks(resolve, respond))).toBe(2 * HOUR);
    expect(nextDeadline(withClocks(meetClock(respond, 0), pauseClock(resolve, 0, ROUND_THE_CLOCK)))).toBeNull();
  });

  it('does not count a response after the deadline as met: the breach is still due', () => {
    expect(meetClock(respond, 2 * HOUR)).toMatchObject({ status: 'met', metAt: 2 * HOUR });
    expect(meetClock(respond, 2 * HOUR + 1)).toBe(respond);
  });
});
