import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DomainEvent } from '../../domain/events';
import { STAGES } from '../../domain/ladder';
import { stateQuery, updates } from '../../workflows/messages';
import {
  eventNames,
  HOUR,
  intake,
  refusal,
  roundTheClock,
  settled,
  staff,
  startComplaint,
} from '../support/complaint-harness';
import { createTimeSkippingEnv } from '../support/stack';

/** Days of escalation in seconds: every test here runs on the time-skipping server. */
describe('complaint workflow on the escalation ladder', () => {
  // A server per test: a refused Update can leave the test server's time-skipping lock held.
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 30_000);
  afterEach(() => env?.teardown());

  const entered = (events: DomainEvent[]) =>
    events
      .filter((e) => e.name === 'stage.entered')
      .map((e) => ({
        to: (e.data as { to: string }).to,
        trigger: (e.data as { trigger: string }).trigger,
        at: e.time,
      }));

  it('climbs untouched from latent to public_action exactly when each respond-by deadline lapses', async () => {
    const c = await startComplaint(env, { intake: { ...intake, reportedByStaff: true } });
    try {
      // latent 2 h → objection 2 h → complaint 4 h → formal_complaint 24 h → deadlock 24 h
      await env.sleep(57 * HOUR);
      const state = await c.handle.query(stateQuery);
      expect(state.stage).toBe('public_action');
      const climbs = entered(c.events);
      expect(climbs.map((s) => s.to)).toEqual([...STAGES]);
      expect(climbs.slice(1).every((s) => s.trigger === 'deadline_lapsed')).toBe(true);
      const openedAt = climbs[0]!.at;
      expect(climbs.map((s) => (s.at - openedAt) / HOUR)).toEqual([0, 2, 4, 8, 32, 56]);
      // one warning and one breach per lapsed respond-by clock, never more
      const warnings = c.events.filter((e) => e.name === 'deadline.warning');
      const breaches = c.events.filter((e) => e.name === 'deadline.breached');
      expect(breaches).toHaveLength(5);
      expect(warnings).toHaveLength(5);
      expect(c.events.map((e) => e.sequence)).toEqual(c.events.map((_, i) => i + 1));
    } finally {
      await c.stop();
    }
  });

  it('reminds tier 3 every 24 h once public_action has no rung left', async () => {
    const c = await startComplaint(env, { intake: { ...intake, channel: 'media' } });
    try {
      await env.sleep(4 * HOUR + 49 * HOUR);
      const state = await c.handle.query(stateQuery);
      expect(state.stage).toBe('public_action');
      const reminders = c.notices.filter((n) => n.message.kind === 'reminder');
      expect(reminders.map((r) => r.recipient.role)).toEqual(['general_manager', 'general_manager']);
    } finally {
      await c.stop();
    }
  });

  it('does not climb on respond-by when acknowledged in time, but does when resolve-by lapses', async () => {
    const c = await startComplaint(env);
    try {
      await env.sleep(1 * HOUR);
      await c.handle.executeUpdate(updates.acknowledge, {
        args: [{ actor: staff.customerService, note: 'called back' }],
      });
      await env.sleep(3 * HOUR);
      expect((await c.handle.query(stateQuery)).stage).toBe('objection');
      await env.sleep(21 * HOUR);
      const state = await c.handle.query(stateQuery);
      expect(state.stage).toBe('complaint');
      expect(entered(c.events).at(-1)).toMatchObject({ to: 'complaint', trigger: 'deadline_lapsed' });
      const breached = c.events
        .filter((e) => e.name === 'deadline.breached')
        .map((e) => (e.data as { clock: string }).clock);
      expect(breached).toEqual(['resolve']);
    } finally {
      await c.stop();
    }
  });

  it('records a customer-driven jump straight to public_action', async () => {
    const c = await startComplaint(env);
    try {
      const state = await c.handle.executeUpdate(updates.escalate, {
        args: [{ actor: staff.advisor, to: 'public_action', driver: 'customer', reason: 'customer posted on Weibo' }],
      });
      expect(state.stage).toBe('public_action');
      expect(entered(c.events).at(-1)).toMatchObject({ to: 'public_action', trigger: 'customer_action' });
      expect(state.audit.at(-1)).toMatchObject({ action: 'stage.entered', actor: staff.advisor });
    } finally {
      await c.stop();
    }
  });

  it('holds a remedy over the proposer’s cap for approval and notifies a role that can approve it', async () => {
    const c = await startComplaint(env);
    try {
      const proposed = await c.handle.executeUpdate(updates.proposeRemedy, {
        args: [
          {
            actor: staff.advisor,
            type: 'cash_compensation',
            amount: 2000,
            description: 'Taxi costs and a day off work',
          },
        ],
      });
      const remedy = proposed.remedies[0]!;
      expect(remedy.status).toBe('awaiting_approval');
      const refused = await refusal(
        c.handle.executeUpdate(updates.recordCustomerDecision, {
          args: [{ actor: staff.advisor, remedyId: remedy.remedyId, decision: 'accept' }],
        }),
      );
      expect(refused.type).toBe('NotAllowed');
      const overCap = await refusal(
        c.handle.executeUpdate(updates.approveRemedy, {
          args: [{ actor: staff.customerService, remedyId: remedy.remedyId }],
        }),
      );
      expect(overCap.type).toBe('OverAuthority');
      const approved = await c.handle.executeUpdate(updates.approveRemedy, {
        args: [{ actor: staff.serviceManager, remedyId: remedy.remedyId }],
      });
      expect(approved.remedies[0]).toMatchObject({ status: 'proposed', approvedBy: staff.serviceManager });
      const accepted = await c.handle.executeUpdate(updates.recordCustomerDecision, {
        args: [{ actor: staff.advisor, remedyId: remedy.remedyId, decision: 'accept' }],
      });
      expect(accepted.remedies[0]!.status).toBe('accepted');
      await env.sleep(1000);
      const approvalNotices = c.notices.filter((n) => n.message.kind === 'approval_needed');
      expect(approvalNotices.map((n) => n.recipient.role)).toEqual(['service_manager']);
      expect(c.ledger.map((l) => l.remedy.status)).toEqual(['awaiting_approval', 'proposed', 'accepted']);
      expect(eventNames(c.events)).toEqual(
        expect.arrayContaining(['remedy.proposed', 'remedy.approved', 'remedy.accepted']),
      );
    } finally {
      await c.stop();
    }
  });

  it('resolves, follows up and closes, reporting a process defect', async () => {
    const c = await startComplaint(env);
    try {
      const { remedies } = await c.handle.executeUpdate(updates.proposeRemedy, {
        args: [{ actor: staff.advisor, type: 'labour_fee_waiver', amount: 300, description: 'Waive labour fee' }],
      });
      await c.handle.executeUpdate(updates.recordCustomerDecision, {
        args: [{ actor: staff.advisor, remedyId: remedies[0]!.remedyId, decision: 'accept' }],
      });
      const resolved = await c.handle.executeUpdate(updates.resolve, {
        args: [{ actor: staff.serviceManager, kind: 'remedy_accepted' }],
      });
      expect(resolved.status).toBe('resolved');
      expect(resolved.resolution).toMatchObject({ stageReached: 'objection', totalCompensation: 300 });
      await env.sleep(3 * 24 * HOUR + HOUR); // the follow-up call falls due after 3 days
      expect(c.notices.filter((n) => n.message.kind === 'followup_due').map((n) => n.recipient.role)).toEqual([
        'customer_service',
      ]);
      await c.handle.executeUpdate(updates.recordFollowUp, {
        args: [{ actor: staff.customerService, satisfied: true }],
      });
      const closed = await c.handle.executeUpdate(updates.close, {
        args: [
          {
            actor: staff.serviceManager,
            rootCause: { kind: 'process_defect', area: 'communication', description: 'No call when the job ran late' },
          },
        ],
      });
      expect(closed.status).toBe('closed');
      await c.handle.result();
      const tail = eventNames(c.events).filter((n) => n !== 'staff.notified' && n !== 'customer.notified');
      expect(tail.slice(-5)).toEqual([
        'complaint.resolved',
        'followup.scheduled',
        'followup.completed',
        'complaint.closed',
        'process.defect.reported',
      ]);
    } finally {
      await c.stop();
    }
  });

  it('reopens at the same stage with fresh clocks when the customer is not satisfied at follow-up', async () => {
    const c = await startComplaint(env);
    try {
      await c.handle.executeUpdate(updates.logContact, {
        args: [{ actor: staff.serviceManager, method: 'phone', summary: 'Explained the warranty' }],
      });
      await c.handle.executeUpdate(updates.resolve, {
        args: [{ actor: staff.serviceManager, kind: 'upheld_policy', reason: 'Wear and tear, not covered' }],
      });
      await env.sleep(3 * 24 * HOUR);
      const reopenedAt = await env.currentTimeMs();
      const state = await c.handle.executeUpdate(updates.recordFollowUp, {
        args: [{ actor: staff.customerService, satisfied: false, note: 'Still unhappy' }],
      });
      expect(state).toMatchObject({ status: 'open', stage: 'objection', reopenCount: 1 });
      const respond = state.clocks.find((k) => k.kind === 'respond')!;
      expect(respond.status).toBe('running');
      expect(Math.abs(respond.dueAt - (reopenedAt + roundTheClock.clocks.objection.respondWithin))).toBeLessThan(5_000);
      expect(eventNames(c.events)).toContain('complaint.reopened');
    } finally {
      await c.stop();
    }
  });

  it('refuses a downward escalation synchronously and leaves the state exactly as it was', async () => {
    const c = await startComplaint(env, { intake: { ...intake, channel: 'letter' } });
    try {
      const before = await settled(c);
      const refused = await refusal(
        c.handle.executeUpdate(updates.escalate, {
          args: [{ actor: staff.generalManager, to: 'objection', driver: 'supervisor', reason: 'calm down' }],
        }),
      );
      expect(refused.type).toBe('NotAllowed');
      expect(refused.message).toMatch(/formal_complaint/);
      const badInput = await refusal(
        c.handle.executeUpdate(updates.proposeRemedy, {
          args: [{ actor: staff.advisor, type: 'free_beer', amount: -5 } as never],
        }),
      );
      expect(badInput.type).toBe('InvalidInput');
      const forbidden = await refusal(
        c.handle.executeUpdate(updates.pauseClock, { args: [{ actor: staff.advisor, reason: 'waiting_for_parts' }] }),
      );
      expect(forbidden.type).toBe('Forbidden');
      expect(await c.handle.query(stateQuery)).toEqual(before);
    } finally {
      await c.stop();
    }
  });

  it('shifts deadlines by a pause and by an explicit extension', async () => {
    const c = await startComplaint(env);
    try {
      const opened = await c.handle.query(stateQuery);
      const respondDue = opened.clocks.find((k) => k.kind === 'respond')!.dueAt;
      await c.handle.executeUpdate(updates.pauseClock, {
        args: [{ actor: staff.serviceManager, reason: 'waiting_for_customer' }],
      });
      await env.sleep(5 * HOUR); // longer than respond-by: a paused clock cannot lapse
      const resumed = await c.handle.executeUpdate(updates.resumeClock, { args: [{ actor: staff.serviceManager }] });
      expect(resumed.stage).toBe('objection');
      const shifted = resumed.clocks.find((k) => k.kind === 'respond')!.dueAt;
      expect(Math.abs(shifted - (respondDue + 5 * HOUR))).toBeLessThan(60_000);
      const extended = await c.handle.executeUpdate(updates.extendDeadline, {
        args: [{ actor: staff.serviceManager, clock: 'respond', by: '4h', reason: 'customer abroad' }],
      });
      expect(extended.clocks.find((k) => k.kind === 'respond')!.dueAt).toBe(shifted + 4 * HOUR);
      expect(eventNames(c.events)).toEqual(
        expect.arrayContaining(['clock.paused', 'clock.resumed', 'deadline.extended']),
      );
    } finally {
      await c.stop();
    }
  });

  it('continues as new with its whole state and running clocks, and still climbs on time', async () => {
    const c = await startComplaint(env, { historyLimit: 40 });
    try {
      const opened = await c.handle.query(stateQuery);
      const resolveDue = opened.clocks.find((k) => k.kind === 'resolve')!.dueAt;
      for (let i = 1; i <= 12; i++) {
        await c.handle.executeUpdate(updates.logContact, {
          args: [{ actor: staff.customerService, method: 'phone', summary: `call ${i}` }],
        });
      }
      const described = await c.handle.describe();
      expect(described.runId).not.toBe(c.handle.firstExecutionRunId);
      const carried = await settled(c);
      expect(carried.audit.filter((a) => a.action === 'logContact')).toHaveLength(12);
      expect(carried.clocks.find((k) => k.kind === 'resolve')!.dueAt).toBe(resolveDue);
      await env.sleep(resolveDue - (await env.currentTimeMs()) + 1000);
      const climbed = await c.handle.query(stateQuery);
      expect(climbed.stage).toBe('complaint');
      expect(entered(c.events).at(-1)!.at).toBe(resolveDue);
      expect(c.events.map((e) => e.sequence)).toEqual(c.events.map((_, i) => i + 1));
    } finally {
      await c.stop();
    }
  });
});
