/** Complaint histories built from domain transitions, as the Kafka records the worker would publish. */
import { toKafkaRecord } from '../../activities/cloudevents';
import type { DomainEvent } from '../../domain/events';
import { applyAction, nextDue, deadlineReached, openComplaint, type Transition } from '../../domain/transitions';
import type { IncomingRecord } from '../../kafka';
import { advisor, customerService, HOUR, intake, policy, serviceManager } from '../domain/fixtures';

export const T0 = Date.parse('2026-03-02T01:00:00Z');
export const p = { ...policy, calendar: { mode: '24x7' as const } };

/** Drives a complaint through domain transitions and returns its events as Kafka would carry them. */
export function story(
  id: string,
  steps: (s: Transition['state']) => Transition[],
  overrides: Partial<typeof intake> = {},
): IncomingRecord[] {
  const opened = openComplaint(id, { ...intake, ...overrides }, 'objection', p, T0);
  const events: DomainEvent[] = [...opened.effects.events];
  let state = opened.state;
  for (const t of steps(state)) {
    events.push(...t.effects.events);
    state = t.state;
  }
  return events.map((e, i) => ({
    topic: 'complaint-events',
    partition: 0,
    offset: String(i),
    timestamp: '0',
    value: Buffer.from(toKafkaRecord(e).value as string),
    key: id,
    headers: toKafkaRecord(e).headers!,
  }));
}

/** A complaint that breaches respond-by, climbs to complaint, gets 800 CNY approved and accepted, and closes. */
export function climbedAndCompensated(id: string, overrides: Partial<typeof intake> = {}) {
  return story(
    id,
    (s0) => {
      const out: Transition[] = [];
      let s = s0;
      const push = (t: Transition) => (out.push(t), (s = t.state));
      push(deadlineReached(s, nextDue(s)!, p, T0 + 1.5 * HOUR)); // warning
      push(deadlineReached(s, nextDue(s)!, p, T0 + 2 * HOUR)); // breach → complaint
      push(applyAction('acknowledge', s, { actor: customerService }, p, T0 + 3 * HOUR));
      push(
        applyAction(
          'proposeRemedy',
          s,
          { actor: advisor, type: 'cash_compensation', amount: 800, description: 'taxi' },
          p,
          T0 + 3 * HOUR,
        ),
      );
      push(applyAction('approveRemedy', s, { actor: serviceManager, remedyId: `${id}-R1` }, p, T0 + 4 * HOUR));
      push(
        applyAction(
          'recordCustomerDecision',
          s,
          { actor: advisor, remedyId: `${id}-R1`, decision: 'accept' },
          p,
          T0 + 4 * HOUR,
        ),
      );
      push(applyAction('resolve', s, { actor: serviceManager, kind: 'remedy_accepted' }, p, T0 + 5 * HOUR));
      push(applyAction('recordFollowUp', s, { actor: customerService, satisfied: true }, p, T0 + 80 * HOUR));
      push(
        applyAction(
          'close',
          s,
          { actor: serviceManager, rootCause: { kind: 'process_defect', area: 'repair', description: 'rework' } },
          p,
          T0 + 81 * HOUR,
        ),
      );
      return out;
    },
    overrides,
  );
}
