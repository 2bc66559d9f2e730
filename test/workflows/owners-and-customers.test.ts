/** Issue 15 on the time-skipping server: the workflow that runs, days of it in seconds. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PolicySchema } from '../../domain/policy';
import { stateQuery, updates } from '../../workflows/messages';
import {
  HOUR,
  intake,
  refusal,
  roundTheClock,
  settled,
  staff,
  startComplaint,
  until,
} from '../support/complaint-harness';
import { createTimeSkippingEnv } from '../support/stack';

/** Long ladder clocks and a 4-hour customer cadence, so the customer-update clock is what falls due. */
const patient = PolicySchema.parse({
  version: 'test-patient',
  calendar: { mode: '24x7' },
  clocks: { objection: { respondWithin: '48h', resolveWithin: '96h' } },
  customerUpdates: { firstWithin: '2h', every: '4h' },
  customerNotices: { dealerNames: { '*': '浦东4S店' } },
  roster: roundTheClock.roster,
});

const note = 'Promised a call by 17:00; the part arrives tomorrow';
const recipientsOf = (c: Awaited<ReturnType<typeof startComplaint>>, kind: string) =>
  c.notices
    .filter((n) => n.message.kind === kind)
    .map((n) => n.recipient.staffId)
    .sort();

describe('owners and customer updates in the complaint workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 30_000);
  afterEach(() => env?.teardown());

  it('hands over with a note: the new owner is told, the customer learns their name, and the owner is indexed', async () => {
    const c = await startComplaint(env, { policy: patient });
    try {
      await c.handle.executeUpdate(updates.handOver, {
        args: [{ actor: staff.advisor, to: staff.customerService, note }],
      });
      await until(() => c.customerNotices.length === 2, 'two customer notices');
      const state = await settled(c);
      expect(state.owner).toEqual(staff.customerService);
      expect(c.events.find((e) => e.name === 'complaint.assigned')!.data).toEqual({
        from: staff.advisor,
        to: staff.customerService,
        by: staff.advisor,
        note,
        stage: 'objection',
      });
      expect(recipientsOf(c, 'assigned')).toEqual(['cs-1']);
      const toCustomer = c.customerNotices.map((n) => n.message);
      expect(toCustomer.map((m) => m.template)).toEqual(['received', 'handed_over']);
      expect(toCustomer[0]!.text).toContain('王顾问');
      expect(toCustomer[1]!.text).toContain('李客服');
      expect(toCustomer[1]!.text).not.toContain(note);
      const { typedSearchAttributes } = await c.handle.describe();
      expect(JSON.stringify(typedSearchAttributes)).toContain('cs-1');
      // Handing it to whoever owns it already is refused, and changes nothing.
      const refused = await refusal(
        c.handle.executeUpdate(updates.handOver, {
          args: [{ actor: staff.customerService, to: staff.customerService, note }],
        }),
      );
      expect(refused.type).toBe('NotAllowed');
      expect((await c.handle.query(stateQuery)).sequence).toBe(state.sequence);
    } finally {
      await c.stop();
    }
  });

  it('warns the owner, and tells the owner and the new rung’s tier of the breach', async () => {
    const c = await startComplaint(env);
    try {
      await env.sleep(2 * HOUR + 1000);
      await settled(c);
      expect(recipientsOf(c, 'warning')).toEqual(['sa-1']);
      expect(recipientsOf(c, 'breach')).toEqual(['cs-1', 'sa-1']);
      expect((await c.handle.query(stateQuery)).lapsedAt).toBeDefined();
    } finally {
      await c.stop();
    }
  });

  it('raises an unowned complaint with its rung’s tier until someone takes it', async () => {
    const c = await startComplaint(env);
    try {
      await c.handle.executeUpdate(updates.escalate, {
        args: [
          { actor: staff.serviceManager, to: 'formal_complaint', driver: 'supervisor', reason: 'letter to the brand' },
        ],
      });
      await env.sleep(4 * HOUR + 1000);
      await settled(c);
      // The owner and the tier at once, then the tier again 4 hours on.
      expect(recipientsOf(c, 'unowned')).toEqual(['sa-1', 'sm-1', 'sm-1']);
      await c.handle.executeUpdate(updates.handOver, {
        args: [{ actor: staff.serviceManager, to: staff.serviceManager, note: 'taking it' }],
      });
      await env.sleep(8 * HOUR);
      await settled(c);
      expect(recipientsOf(c, 'unowned')).toHaveLength(3);
    } finally {
      await c.stop();
    }
  });

  it('keeps the customer informed: the received notice counts, a lapse warns the owner and the tier, and the ladder does not climb on it', async () => {
    const c = await startComplaint(env, { policy: patient });
    try {
      // The received notice is requested by an activity after the opening events: wait for it.
      await until(
        () => c.customerNotices.length > 0 && c.events.some((e) => e.name === 'customer.notified'),
        'the received notice',
      );
      const opened = await settled(c);
      expect(c.customerNotices[0]!.phone).toBe(intake.customer.phone);
      expect(c.events.find((e) => e.name === 'customer.notified')!.data).toMatchObject({
        template: 'received',
        phoneMasked: '138****5678',
        channel: 'log',
      });
      expect(JSON.stringify(c.events)).not.toContain(intake.customer.phone);
      expect(opened.customerUpdate!.lastAt).toBeDefined();
      // An internal acknowledgement does not tell the customer anything.
      await c.handle.executeUpdate(updates.acknowledge, { args: [{ actor: staff.advisor }] });
      await env.sleep(4 * HOUR + 1000);
      const lapsed = await settled(c);
      expect(c.events.filter((e) => e.name === 'customer.update.lapsed')).toHaveLength(1);
      expect(recipientsOf(c, 'customer_update_lapsed')).toEqual(['cs-1', 'sa-1']);
      expect(lapsed.stage).toBe('objection');
      // A logged call meets it: no lapse in the next cadence.
      await c.handle.executeUpdate(updates.logContact, {
        args: [{ actor: staff.advisor, method: 'phone', summary: 'The part arrives tomorrow' }],
      });
      await env.sleep(3 * HOUR);
      await settled(c);
      expect(c.events.filter((e) => e.name === 'customer.update.lapsed')).toHaveLength(1);
      expect((await c.handle.query(stateQuery)).customerUpdate!.lapsed).toBe(false);
    } finally {
      await c.stop();
    }
  });

  it('tells the customer of a remedy, the outcome and the follow-up call', async () => {
    const c = await startComplaint(env, { policy: patient });
    try {
      await c.handle.executeUpdate(updates.proposeRemedy, {
        args: [{ actor: staff.advisor, type: 'labour_fee_waiver', amount: 300, description: 'Labour fee waived' }],
      });
      await c.handle.executeUpdate(updates.recordCustomerDecision, {
        args: [{ actor: staff.advisor, remedyId: `${c.complaintId}-R1`, decision: 'accept' }],
      });
      await c.handle.executeUpdate(updates.resolve, { args: [{ actor: staff.advisor, kind: 'remedy_accepted' }] });
      await until(() => c.customerNotices.length === 4, 'four customer notices');
      await settled(c);
      expect(c.customerNotices.map((n) => n.message.template)).toEqual([
        'received',
        'remedy_proposed',
        'outcome',
        'follow_up_planned',
      ]);
      expect(c.customerNotices[1]!.message.text).toContain('工时费减免 300 CNY');
    } finally {
      await c.stop();
    }
  });

  it('routes a critical complaint to tier 3 at intake, on half-length clocks', async () => {
    const c = await startComplaint(env, { intake: { ...intake, severity: 'critical' } });
    try {
      const state = await settled(c);
      expect(recipientsOf(c, 'severity_alert')).toEqual(['gm-1']);
      expect(state.clocks.find((k) => k.kind === 'respond')!.dueAt - state.openedAt).toBe(HOUR);
      expect(c.events[0]!.data).toMatchObject({ severity: 'critical' });
    } finally {
      await c.stop();
    }
  });
});
