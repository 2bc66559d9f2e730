import {
  applyAction,
  nextDeadline,
  nextDue,
  noticeDelivered,
  deadlineReached,
  openComplaint,
  type StaffNoticeRequest,
} from '../../domain/transitions';
import { HOUR, customerService, intake, policy, serviceManager, advisor } from './fixtures';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const roundTheClock = { ...policy, calendar: { mode: '24x7' as const } };

describe('complaint transitions', () => {
  const opened = openComplaint('C-1', intake, 'objection', roundTheClock, T0);

  it('opens with complaint.opened then stage.entered, numbered 1 and 2, and tells the owner tier', () => {
    expect(opened.effects.events.map((e) => [e.name, e.sequence, e.id])).toEqual([
      ['complaint.opened', 1, 'C-1/1'],
      ['stage.entered', 2, 'C-1/2'],
    ]);
    expect(opened.effects.notices).toMatchObject([
      { kind: 'stage_entered', audience: { tier: 1 } },
      { customer: 'received', owner: intake.receivedBy },
    ]);
    expect(opened.effects.events[0]!.data).toMatchObject({ customer: { phoneMasked: expect.stringContaining('*') } });
    expect(JSON.stringify(opened.effects.events)).not.toContain(intake.customer.phone);
  });

  it('waits first for the respond-by warning at 75% of 2 h', () => {
    expect(nextDue(opened.state)).toEqual({ at: T0 + 1.5 * HOUR, kind: 'warning', clock: 'respond' });
    expect(nextDeadline(opened.state)).toBe(T0 + 2 * HOUR);
  });

  it('climbs to complaint when respond-by lapses, with fresh clocks from the lapse and gap-free numbering', () => {
    const warned = deadlineReached(opened.state, nextDue(opened.state)!, roundTheClock, T0 + 1.5 * HOUR);
    const lapsed = deadlineReached(warned.state, nextDue(warned.state)!, roundTheClock, T0 + 2 * HOUR);
    expect(lapsed.effects.events.map((e) => e.name)).toEqual(['deadline.breached', 'stage.entered']);
    expect(lapsed.effects.events.map((e) => e.sequence)).toEqual([4, 5]);
    expect(lapsed.state.stage).toBe('complaint');
    expect(lapsed.state.clocks.find((c) => c.kind === 'respond')!.dueAt).toBe(T0 + 6 * HOUR);
    const keys = [...warned.effects.notices, ...lapsed.effects.notices].map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('numbers staff.notified after whatever was emitted meanwhile', () => {
    const ack = applyAction('acknowledge', opened.state, { actor: customerService }, roundTheClock, T0 + HOUR);
    const notified = noticeDelivered(
      ack.state,
      opened.effects.notices[0] as StaffNoticeRequest,
      [{ staffId: 'cs-1', role: 'customer_service', format: 'generic' }],
      T0 + HOUR,
    );
    expect(notified.effects.events.map((e) => [e.name, e.sequence])).toEqual([['staff.notified', 4]]);
  });

  it('closes once both the satisfied follow-up and the closing report are in, in either order', () => {
    const resolved = applyAction(
      'resolve',
      opened.state,
      { actor: serviceManager, kind: 'upheld_policy', reason: 'out of warranty' },
      roundTheClock,
      T0 + HOUR,
    ).state;
    const report = { actor: advisor, rootCause: { kind: 'incidental' as const } };
    const followUp = { actor: customerService, satisfied: true };
    const a = applyAction(
      'close',
      applyAction('recordFollowUp', resolved, followUp, roundTheClock, T0 + 2 * HOUR).state,
      report,
      roundTheClock,
      T0 + 3 * HOUR,
    );
    const b = applyAction(
      'recordFollowUp',
      applyAction('close', resolved, report, roundTheClock, T0 + 2 * HOUR).state,
      followUp,
      roundTheClock,
      T0 + 3 * HOUR,
    );
    expect([a.state.status, b.state.status]).toEqual(['closed', 'closed']);
    expect(applyAction('close', resolved, report, roundTheClock, T0 + 2 * HOUR).state.status).toBe('resolved');
  });
});
