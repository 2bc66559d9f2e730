/** A supervisor's hand on the clocks: pause, resume, extend. Each is seen by the tier above. */
import type { ActionInput } from './actions';
import { calendarOf, extendClock, pauseClock } from './clock';
import { endPause, replaceClock, tierAbove } from './deadlines';
import { iso, type Draft } from './draft';
import { formatDuration } from './duration';
import type { Policy } from './policy';
import { openedBeforeBounds } from './policy-era';

export function pause(d: Draft, { actor, reason, note }: ActionInput<'pauseClock'>, policy: Policy): void {
  const bounded = !openedBeforeBounds(policy);
  d.state = {
    ...d.state,
    clocks: d.state.clocks.map((c) => (c.status === 'running' ? pauseClock(c, d.now, calendarOf(c, policy)) : c)),
    pause: {
      reason,
      ...(note ? { note } : {}),
      since: d.now,
      by: actor,
      ...(bounded ? { remindAt: d.now + policy.pause.remindEvery, until: d.now + policy.pause.longest } : {}),
    },
  };
  d.emit('clock.paused', { stage: d.state.stage, reason, ...(note ? { note } : {}), actor });
  d.audit(
    'pauseClock',
    actor,
    `paused: ${reason}${note ? ` (${note})` : ''}${bounded ? `; resumes by ${iso(d.now + policy.pause.longest)} at the latest` : ''}`,
    'clock.paused',
  );
  if (bounded) d.notify('clock_paused', { tier: tierAbove(d.state.stage) }, { unique: d.state.sequence });
}

export function resume(d: Draft, { actor, note }: ActionInput<'resumeClock'>, policy: Policy): void {
  endPause(d, policy, { trigger: 'supervisor', actor, ...(note ? { note } : {}) });
}

export function extend(d: Draft, { actor, clock, by, reason }: ActionInput<'extendDeadline'>, policy: Policy): void {
  const before = d.state.clocks.find((c) => c.kind === clock)!;
  d.state = {
    ...d.state,
    clocks: replaceClock(d.state.clocks, clock, (c) => extendClock(c, by, calendarOf(c, policy))),
  };
  const after = d.state.clocks.find((c) => c.kind === clock)!;
  d.emit('deadline.extended', {
    stage: d.state.stage,
    clock,
    byMs: by,
    previousDueAt: iso(before.dueAt),
    newDueAt: iso(after.dueAt),
    reason,
    actor,
  });
  d.audit(
    'extendDeadline',
    actor,
    `${clock}-by extended by ${formatDuration(by)} to ${iso(after.dueAt)}: ${reason}`,
    'deadline.extended',
  );
  if (!openedBeforeBounds(policy))
    d.notify(
      'deadline_extended',
      { tier: tierAbove(d.state.stage) },
      { clock, dueAt: after.dueAt, unique: d.state.sequence },
    );
}
