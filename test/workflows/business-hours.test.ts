import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addBusinessTime } from '../../domain/calendar';
import { PolicySchema } from '../../domain/policy';
import { stateQuery, updates } from '../../workflows/messages';
import { weekdays } from '../domain/fixtures';
import { HOUR, intake, refusal, roundTheClock, settled, staff, startComplaint } from '../support/complaint-harness';
import { createTimeSkippingEnv } from '../support/stack';

/** The shipped shape: business hours, with the formal complaint's feedback due in 24 real hours. */
const shop = PolicySchema.parse({
  version: 'test-shop',
  calendar: weekdays,
  clocks: { formal_complaint: { respondCalendar: 'around_the_clock' } },
  roster: roundTheClock.roster,
});

describe('complaint workflow on a business-hours policy', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 30_000);
  afterEach(() => env?.teardown());

  it('climbs from objection when 2 business hours have run, however many nights and weekends lie between', async () => {
    const c = await startComplaint(env, { policy: shop });
    try {
      const opened = await c.handle.query(stateQuery);
      const due = addBusinessTime(opened.openedAt, 2 * HOUR, weekdays);
      expect(opened.clocks.find((k) => k.kind === 'respond')!.dueAt).toBe(due);
      await env.sleep(due - (await env.currentTimeMs()) + 1000);
      const climbed = await c.handle.query(stateQuery);
      expect(climbed.stage).toBe('complaint');
      expect(c.events.find((e) => e.name === 'deadline.breached')!.time).toBe(due);
    } finally {
      await c.stop();
    }
  });

  it('gives a formal complaint its feedback deadline in 24 real hours, while resolve-by counts business hours', async () => {
    const c = await startComplaint(env, { policy: shop, intake: { ...intake, channel: 'letter' } });
    try {
      const opened = await c.handle.query(stateQuery);
      const respond = opened.clocks.find((k) => k.kind === 'respond')!;
      const resolve = opened.clocks.find((k) => k.kind === 'resolve')!;
      expect(respond.dueAt).toBe(opened.openedAt + 24 * HOUR);
      expect(resolve.dueAt).toBe(addBusinessTime(opened.openedAt, 72 * HOUR, weekdays));
      await env.sleep(24 * HOUR + 1000);
      expect((await c.handle.query(stateQuery)).stage).toBe('deadlock');
    } finally {
      await c.stop();
    }
  });

  it('refuses an extension of 100,000,000 days at once, changes nothing, and the ladder keeps its time', async () => {
    const c = await startComplaint(env, { policy: shop });
    try {
      const before = await settled(c);
      const refused = await refusal(
        c.handle.executeUpdate(updates.extendDeadline, {
          args: [{ actor: staff.serviceManager, clock: 'respond', by: '100000000d', reason: 'forever' }],
        }),
      );
      expect(refused.type).toBe('InvalidInput');
      expect(refused.message).toMatch(/at most 400d/);
      const huge = await refusal(
        c.handle.executeUpdate(updates.proposeRemedy, {
          args: [{ actor: staff.generalManager, type: 'gift', amount: 1e308, description: 'a yacht' }],
        }),
      );
      expect(huge.type).toBe('InvalidInput');
      const surrogate = await refusal(
        c.handle.executeUpdate(updates.logContact, {
          args: [{ actor: staff.advisor, method: 'phone', summary: 'half \ud800 a character' }],
        }),
      );
      expect(surrogate.type).toBe('InvalidInput');
      expect(await c.handle.query(stateQuery)).toEqual(before);
      const due = before.clocks.find((k) => k.kind === 'respond')!.dueAt;
      await env.sleep(due - (await env.currentTimeMs()) + 1000);
      expect((await c.handle.query(stateQuery)).stage).toBe('complaint');
    } finally {
      await c.stop();
    }
  });

  it('refuses resolving a deadlock below tier 3, and a remedy accepted before the climb', async () => {
    const c = await startComplaint(env, { policy: shop });
    try {
      await c.handle.executeUpdate(updates.proposeRemedy, {
        args: [{ actor: staff.advisor, type: 'apology', description: 'sorry' }],
      });
      await c.handle.executeUpdate(updates.recordCustomerDecision, {
        args: [{ actor: staff.advisor, remedyId: `${c.complaintId}-R1`, decision: 'accept' }],
      });
      await c.handle.executeUpdate(updates.escalate, {
        args: [{ actor: staff.advisor, to: 'deadlock', driver: 'customer', reason: 'called the brand hotline' }],
      });
      const low = await refusal(
        c.handle.executeUpdate(updates.resolve, { args: [{ actor: staff.serviceManager, kind: 'remedy_accepted' }] }),
      );
      expect(low.type).toBe('Forbidden');
      const stale = await refusal(
        c.handle.executeUpdate(updates.resolve, { args: [{ actor: staff.generalManager, kind: 'remedy_accepted' }] }),
      );
      expect(stale.type).toBe('NotAllowed');
      expect(stale.message).toMatch(/accept again/);
      await c.handle.executeUpdate(updates.recordCustomerDecision, {
        args: [{ actor: staff.generalManager, remedyId: `${c.complaintId}-R1`, decision: 'accept' }],
      });
      const resolved = await c.handle.executeUpdate(updates.resolve, {
        args: [{ actor: staff.generalManager, kind: 'remedy_accepted' }],
      });
      expect(resolved.status).toBe('resolved');
      // The follow-up call falls in working time.
      const scheduled = resolved.followUp!.scheduledFor;
      expect(addBusinessTime(scheduled, 0, weekdays)).toBe(scheduled);
    } finally {
      await c.stop();
    }
  });

  it('keeps an in-flight complaint on the clocks it opened with when a newer policy version starts others', async () => {
    const slow = await startComplaint(env, { policy: shop });
    const faster = PolicySchema.parse({
      ...JSON.parse(JSON.stringify({ version: 'test-shop-2' })),
      calendar: weekdays,
      clocks: { objection: { respondWithin: '1h' } },
      roster: roundTheClock.roster,
    });
    const fast = await startComplaint(env, { policy: faster });
    try {
      const a = await slow.handle.query(stateQuery);
      const b = await fast.handle.query(stateQuery);
      expect([a.policyVersion, b.policyVersion]).toEqual(['test-shop', 'test-shop-2']);
      const slowDue = a.clocks.find((k) => k.kind === 'respond')!.dueAt;
      const fastDue = b.clocks.find((k) => k.kind === 'respond')!.dueAt;
      expect(fastDue).toBeLessThan(slowDue);
      await env.sleep(fastDue - (await env.currentTimeMs()) + 1000);
      expect((await fast.handle.query(stateQuery)).stage).toBe('complaint');
      const still = await slow.handle.query(stateQuery);
      expect(still.stage).toBe('objection');
      expect(still.clocks.find((k) => k.kind === 'respond')!.dueAt).toBe(slowDue);
    } finally {
      await slow.stop();
      await fast.stop();
    }
  });

  it('hands the complaint over with a note, tells the new owner, and indexes the owner', async () => {
    const c = await startComplaint(env, { policy: shop });
    try {
      const handed = await c.handle.executeUpdate(updates.handOver, {
        args: [{ actor: staff.advisor, to: staff.customerService, note: 'Promised a call by 17:00' }],
      });
      expect(handed.owner).toEqual(staff.customerService);
      const state = await settled(c);
      expect(state.sequence).toBe(c.events.length);
      expect(c.events.find((e) => e.name === 'complaint.assigned')!.data).toMatchObject({
        from: staff.advisor,
        to: staff.customerService,
      });
      expect(c.notices.filter((n) => n.message.kind === 'assigned').map((n) => n.recipient.staffId)).toEqual([
        staff.customerService.id,
      ]);
      const refused = await refusal(
        c.handle.executeUpdate(updates.handOver, {
          args: [{ actor: staff.advisor, to: staff.serviceManager, note: 'again' }],
        }),
      );
      expect(refused.type).toBe('Forbidden');
    } finally {
      await c.stop();
    }
  });
});
