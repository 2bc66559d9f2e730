import type { AuditEntry, ComplaintState } from '../../domain/complaint';
import type { DomainEvent } from '../../domain/events';
import { applyAction, deadlineReached, openComplaint } from '../../domain/transitions';
import { HOUR, MINUTE, advisor, customerService, intake, policy, serviceManager } from './fixtures';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const roundTheClock = { ...policy, calendar: { mode: '24x7' as const } };

/** Runs one step and returns the audit lines it added with the events it emitted. */
function step(
  state: ComplaintState,
  run: (s: ComplaintState) => { state: ComplaintState; effects: { events: DomainEvent[] } },
) {
  const t = run(state);
  return { state: t.state, lines: t.state.audit.slice(state.audit.length), events: t.effects.events };
}
const recorded = (lines: AuditEntry[]) => lines.map((l) => [l.action, l.event?.name ?? null]);

describe('audit lines carry the event they record, so a client can word them itself', () => {
  it('names each line’s event and carries its data as emitted, through a climb, money, clocks, resolution and a reopen', () => {
    let state = openComplaint('C-1', intake, 'objection', roundTheClock, T0).state;
    // Opening needs no event on its line: the intake is in the state.
    expect(recorded(state.audit)).toEqual([
      ['complaint.opened', null],
      ['stage.entered', 'stage.entered'],
    ]);
    expect(state.audit[1]!.event).toEqual({
      name: 'stage.entered',
      data: { from: null, to: 'objection', trigger: 'intake', actor: advisor },
    });

    const seen: (string | null)[][] = [];
    const at = (n: number) => T0 + n * MINUTE;
    const steps: ((s: ComplaintState) => ReturnType<typeof applyAction>)[] = [
      (s) => applyAction('acknowledge', s, { actor: customerService, note: '已致电' }, roundTheClock, at(1)),
      (s) =>
        applyAction(
          'logContact',
          s,
          { actor: customerService, method: 'phone', summary: '说明原因' },
          roundTheClock,
          at(2),
        ),
      (s) =>
        applyAction(
          'proposeRemedy',
          s,
          { actor: advisor, type: 'cash_compensation', amount: 3000, description: '代步车' },
          roundTheClock,
          at(3),
        ),
      (s) => applyAction('approveRemedy', s, { actor: serviceManager, remedyId: 'C-1-R1' }, roundTheClock, at(4)),
      (s) =>
        applyAction(
          'recordCustomerDecision',
          s,
          { actor: customerService, remedyId: 'C-1-R1', decision: 'decline' },
          roundTheClock,
          at(5),
        ),
      (s) =>
        applyAction(
          'extendDeadline',
          s,
          { actor: serviceManager, clock: 'resolve', by: HOUR, reason: '等配件' },
          roundTheClock,
          at(6),
        ),
      (s) => applyAction('pauseClock', s, { actor: serviceManager, reason: 'waiting_for_parts' }, roundTheClock, at(7)),
      (s) => applyAction('resumeClock', s, { actor: serviceManager }, roundTheClock, at(8)),
      (s) =>
        applyAction(
          'resolve',
          s,
          { actor: serviceManager, kind: 'upheld_policy', reason: '超出保修' },
          roundTheClock,
          at(9),
        ),
      (s) =>
        applyAction(
          'recordFollowUp',
          s,
          { actor: customerService, satisfied: false, note: '仍不满意' },
          roundTheClock,
          at(10),
        ),
    ];
    for (const run of steps) {
      const { state: next, lines, events } = step(state, run);
      seen.push(...recorded(lines));
      for (const line of lines) {
        if (line.event) expect(events.find((e) => e.name === line.event!.name)?.data).toEqual(line.event.data);
      }
      state = next;
    }
    expect(seen).toEqual([
      ['acknowledge', 'complaint.acknowledged'],
      ['logContact', 'contact.logged'],
      ['proposeRemedy', 'remedy.proposed'],
      ['approveRemedy', 'remedy.approved'],
      ['recordCustomerDecision', 'remedy.declined'],
      ['extendDeadline', 'deadline.extended'],
      ['pauseClock', 'clock.paused'],
      ['resumeClock', 'clock.resumed'],
      ['resolve', 'complaint.resolved'],
      ['recordFollowUp', 'followup.completed'],
    ]);
    // The not-satisfied call is the line that reopened the complaint.
    expect(state.reopenCount).toBe(1);
    expect(state.audit.at(-1)!.event).toMatchObject({
      name: 'followup.completed',
      data: { satisfied: false, note: '仍不满意' },
    });

    // The ladder's own lines too: a lapse, then the climb it causes.
    const respondBy = state.clocks.find((c) => c.kind === 'respond' && c.status === 'running')!.dueAt;
    const climbed = step(state, (s) =>
      deadlineReached(s, { at: respondBy, kind: 'breach', clock: 'respond' }, roundTheClock, respondBy),
    );
    expect(recorded(climbed.lines)).toEqual([
      ['deadline.breached', 'deadline.breached'],
      ['stage.entered', 'stage.entered'],
    ]);
    expect(climbed.lines[1]!.event).toMatchObject({
      data: { from: 'objection', to: 'complaint', trigger: 'deadline_lapsed' },
    });
  });

  it('carries complaint.closed on the closing report that closes the complaint, and nothing on one filed before the call', () => {
    const opened = openComplaint('C-1', intake, 'objection', roundTheClock, T0).state;
    const resolved = applyAction(
      'resolve',
      opened,
      { actor: serviceManager, kind: 'upheld_policy', reason: '超出保修' },
      roundTheClock,
      T0 + HOUR,
    ).state;
    const report = {
      actor: advisor,
      rootCause: { kind: 'process_defect' as const, area: 'communication' as const, description: '没人通知客户' },
    };
    const early = applyAction('close', resolved, report, roundTheClock, T0 + 2 * HOUR).state;
    expect(early.audit.at(-1)).toMatchObject({ action: 'close' });
    expect(early.audit.at(-1)!.event).toBeUndefined();

    const called = applyAction(
      'recordFollowUp',
      resolved,
      { actor: customerService, satisfied: true },
      roundTheClock,
      T0 + 2 * HOUR,
    ).state;
    const closed = applyAction('close', called, report, roundTheClock, T0 + 3 * HOUR).state;
    expect(closed.status).toBe('closed');
    expect(closed.audit.at(-1)!.event).toMatchObject({
      name: 'complaint.closed',
      data: { rootCause: report.rootCause, stageReached: 'objection' },
    });
  });
});
