/** Issue 15 in the domain: owner-first notices, taking unowned complaints, the customer-update clock, customer notices and severity routing. */
import { describeCustomerNotice } from '../../domain/customer-messages';
import { parsePolicy, PolicySchema, type Policy } from '../../domain/policy';
import { Driver, refusedWith } from './driver';
import { HOUR, advisor, customerService, serviceManager, shanghai, weekdays } from './fixtures';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const DAY = 24 * HOUR;
const note = 'Promised a call by 17:00; the part arrives tomorrow';
const policy = PolicySchema.parse({
  version: 'owners-1',
  customerNotices: { dealerNames: { 'SH-PUDONG-01': '浦东4S店' } },
});
/** Long ladder clocks, a short customer-update clock: the update clock lapses on its own. */
const patient = PolicySchema.parse({
  version: 'owners-2',
  clocks: { objection: { respondWithin: '48h', resolveWithin: '96h' } },
  customerUpdates: { firstWithin: '2h', every: '4h' },
});
/** What a policy from before owners looks like: no customerUpdates section (policy-era.ts). */
const beforeOwners = (p: Policy): Policy => {
  const { customerUpdates: _u, ...rest } = p;
  return rest as Policy;
};

describe('notices reach the owner first', () => {
  it('warns the owner, and tells the owner and the next rung’s tier of a breach', () => {
    const d = new Driver(policy, T0).advanceBy(2 * HOUR + 1);
    const warning = d.notices.find((n) => n.kind === 'warning')!;
    expect(warning.audience).toEqual({ staff: advisor });
    const breach = d.notices.find((n) => n.kind === 'breach')!;
    expect(breach.audience).toEqual({ staff: advisor, tier: 1 });
    expect(d.state.stage).toBe('complaint');
  });

  it('keeps telling the owner tier only for complaints opened before owners', () => {
    const d = new Driver(beforeOwners(policy), T0).advanceBy(2 * HOUR + 1);
    expect(d.notices.filter((n) => n.kind === 'warning' || n.kind === 'breach').map((n) => n.audience)).toEqual([
      { tier: 1 },
      { tier: 1 },
    ]);
    expect(d.toCustomer).toEqual([]);
    expect(d.state.customerUpdate).toBeUndefined();
  });

  it('records the lapse for the overdue queue until somebody acts', () => {
    const d = new Driver(policy, T0).advanceBy(2 * HOUR + 1);
    expect(d.state.lapsedAt).toBe(T0 + 2 * HOUR);
    d.must('acknowledge', { actor: advisor });
    expect(d.state.lapsedAt).toBeUndefined();
  });
});

describe('a complaint whose owner cannot act on its rung', () => {
  /** Received by an advisor, climbed to formal_complaint (tier 2): nobody who can act owns it. */
  const unowned = () => {
    const d = new Driver(policy, T0, 'complaint');
    d.must('escalate', {
      actor: serviceManager,
      to: 'formal_complaint',
      driver: 'supervisor',
      reason: 'the customer wrote to the brand',
    });
    return d;
  };

  it('tells the owner and the rung’s tier, then the tier on the policy’s cadence until someone takes it', () => {
    const d = unowned();
    expect(d.notices.filter((n) => n.kind === 'unowned').map((n) => n.audience)).toEqual([{ staff: advisor, tier: 2 }]);
    const every = policy.ownership.unownedRemindEvery;
    d.advanceBy(every + 1).advanceBy(every);
    expect(d.notices.filter((n) => n.kind === 'unowned')).toHaveLength(3);
    d.must('handOver', {
      actor: serviceManager,
      to: serviceManager,
      note: 'taking it: I will call the customer today',
    });
    expect(d.state.owner).toEqual(serviceManager);
    expect(d.state.unownedRemindAt).toBeUndefined();
    d.advanceBy(policy.ownership.unownedRemindEvery * 2);
    expect(d.notices.filter((n) => n.kind === 'unowned')).toHaveLength(3);
    expect(d.state.audit.at(-1)!.summary).toMatch(/taken over from 王顾问/);
  });

  it('lets anyone who can act on the rung take it, and nobody take an owned complaint', () => {
    const otherAdvisor = { id: 'sa-2', role: 'advisor', name: '孙顾问' };
    expect(unowned().act('handOver', { actor: otherAdvisor, to: otherAdvisor, note: 'mine' })).toEqual(
      refusedWith('not_allowed', /an advisor cannot own a complaint at formal_complaint/),
    );
    unowned().must('handOver', { actor: customerService, to: customerService, note: 'taking it' });
    const owned = new Driver(policy, T0);
    expect(owned.act('handOver', { actor: customerService, to: customerService, note: 'mine' })).toEqual(
      refusedWith('forbidden', /only while its owner cannot/),
    );
  });

  it('warns the owner and the rung’s tier together', () => {
    const d = unowned().advanceBy(policy.clocks.formal_complaint.respondWithin * 0.8);
    expect(d.notices.find((n) => n.kind === 'warning')!.audience).toEqual({ staff: advisor, tier: 2 });
  });
});

describe('the customer-update clock (知情权)', () => {
  it('is due within the first interval, and is met by a logged contact', () => {
    const d = new Driver(patient, T0);
    expect(d.state.customerUpdate).toEqual({ dueAt: T0 + 2 * HOUR, lapsed: false });
    d.advanceBy(HOUR).must('logContact', { actor: advisor, method: 'phone', summary: 'Explained the delay' });
    expect(d.state.customerUpdate).toEqual({ dueAt: T0 + 5 * HOUR, lastAt: T0 + HOUR, lapsed: false });
    d.advanceBy(3 * HOUR);
    expect(d.named('customer.update.lapsed')).toEqual([]);
  });

  it('is never met by an internal acknowledgement', () => {
    const d = new Driver(patient, T0).advanceBy(HOUR).must('acknowledge', { actor: advisor });
    d.advanceBy(HOUR + 1);
    expect(d.named('customer.update.lapsed').map((e) => e.data)).toEqual([
      { stage: 'objection', dueAt: new Date(T0 + 2 * HOUR).toISOString() },
    ]);
  });

  it('lapses: the owner and the owner tier are warned, the breach is recorded, and the ladder does not climb', () => {
    const d = new Driver(patient, T0).advanceBy(2 * HOUR + 1);
    expect(d.state.stage).toBe('objection');
    expect(d.notices.filter((n) => n.kind === 'customer_update_lapsed').map((n) => n.audience)).toEqual([
      { staff: advisor, tier: 1 },
    ]);
    expect(d.state.customerUpdate).toMatchObject({ lapsed: true, dueAt: T0 + 6 * HOUR });
    expect(d.state.lapsedAt).toBe(T0 + 2 * HOUR);
    // Nobody tells the customer for a day: one lapse per cadence while the worker runs…
    for (let i = 0; i < 6; i++) d.advanceBy(4 * HOUR);
    expect(d.named('customer.update.lapsed')).toHaveLength(7);
    // …and one, not a flood, after a worker was down for a day.
    d.advanceBy(DAY);
    expect(d.named('customer.update.lapsed')).toHaveLength(8);
  });

  it('is met by a delivered customer notice, except on latent where staff must call first', () => {
    const d = new Driver(patient, T0).advanceBy(HOUR).deliverToCustomer();
    expect(d.state.customerUpdate).toMatchObject({ lastAt: T0 + HOUR, lapsed: false });
    const latent = new Driver(patient, T0, 'latent', { reportedByStaff: true });
    expect(latent.toCustomer).toEqual([]);
    expect(latent.state.customerUpdate).toEqual({ dueAt: T0 + 2 * HOUR, lapsed: false });
  });

  it('runs around the clock in a business-hours policy: 24 real hours over a weekend (seed 001)', () => {
    const shop = PolicySchema.parse({ version: 'owners-shop', calendar: weekdays });
    const fridayEvening = shanghai('2026-03-06T17:00');
    const d = new Driver(shop, fridayEvening);
    expect(d.state.customerUpdate!.dueAt).toBe(fridayEvening + DAY);
    d.advanceTo(shanghai('2026-03-07T17:00') + 1);
    expect(d.named('customer.update.lapsed')).toHaveLength(1);
    // …while the ladder's own clocks wait for Monday's working hours.
    expect(d.state.stage).toBe('objection');
  });

  it('stops at resolution', () => {
    const d = new Driver(patient, T0).must('proposeRemedy', {
      actor: advisor,
      type: 'apology',
      description: 'Apology',
    });
    d.must('recordCustomerDecision', { actor: advisor, remedyId: 'C-1-R1', decision: 'accept' }).must('resolve', {
      actor: advisor,
      kind: 'remedy_accepted',
    });
    d.advanceBy(DAY);
    expect(d.named('customer.update.lapsed')).toEqual([]);
  });
});

describe('customer notices', () => {
  it('tells the customer it was received, with the complaint id, the dealer and the owner', () => {
    const d = new Driver(policy, T0).deliverToCustomer();
    expect(d.sentToCustomer).toHaveLength(1);
    const [received] = d.sentToCustomer;
    expect(received).toMatchObject({ template: 'received', language: 'zh-CN', complaintId: 'C-1' });
    expect(received!.text).toBe(
      '【浦东4S店】您好，我们已收到您的反馈（编号 C-1），由王顾问负责跟进，我们会尽快与您联系。',
    );
    expect(d.named('customer.notified').map((e) => e.data)).toEqual([
      {
        notificationKey: 'C-1:customer:received:1',
        template: 'received',
        stage: 'objection',
        language: 'zh-CN',
        channel: 'log',
        phoneMasked: '138****5678',
      },
    ]);
  });

  it('offers a remedy once it may go to the customer, never while it waits for approval', () => {
    const d = new Driver(policy, T0).deliverToCustomer();
    d.must('proposeRemedy', { actor: advisor, type: 'cash_compensation', amount: 800, description: 'Taxi fares' });
    expect(d.toCustomer).toEqual([]);
    d.must('approveRemedy', { actor: serviceManager, remedyId: 'C-1-R1' }).deliverToCustomer();
    expect(d.sentToCustomer.at(-1)!.text).toContain('现金补偿 800 CNY');
  });

  it('tells the outcome and the follow-up plan, never the reason written for colleagues', () => {
    const d = new Driver(policy, T0).deliverToCustomer();
    d.must('logContact', { actor: serviceManager, method: 'phone', summary: 'Explained the warranty terms' });
    d.must('resolve', {
      actor: serviceManager,
      kind: 'upheld_policy',
      reason: 'Customer damaged the part; internal photo 3',
    });
    d.deliverToCustomer();
    const texts = d.sentToCustomer.map((m) => m.text);
    expect(d.sentToCustomer.map((m) => m.template)).toEqual(['received', 'outcome', 'follow_up_planned']);
    expect(texts.join(' ')).not.toMatch(/internal photo|13812345678/);
    expect(texts[2]).toMatch(/2026-03-05/);
  });

  it('names the new owner after a hand-over', () => {
    const d = new Driver(policy, T0).deliverToCustomer();
    d.must('handOver', { actor: advisor, to: customerService, note }).deliverToCustomer();
    expect(d.sentToCustomer.at(-1)).toMatchObject({ template: 'handed_over' });
    expect(d.sentToCustomer.at(-1)!.text).toContain('李客服');
    expect(d.sentToCustomer.at(-1)!.text).not.toContain(note);
  });

  it('speaks English when the policy says so, and refuses a template with an unknown placeholder', () => {
    const english = PolicySchema.parse({
      version: 'en-1',
      customerNotices: { language: 'en', dealerNames: { '*': 'Pudong Motors' } },
    });
    const d = new Driver(english, T0);
    const message = describeCustomerNotice(d.toCustomer[0]!, d.state, english);
    expect(message.text).toBe(
      'Pudong Motors: we have received your feedback (ref. C-1). 王顾问 is handling it and will contact you soon.',
    );
    expect(() =>
      parsePolicy({ version: 'bad', customerNotices: { templates: { received: { en: 'Hi {customerPhone}' } } } }),
    ).toThrow(/policy\.customerNotices\.templates\.received\.en: unknown placeholder \{customerPhone\}/);
  });
});

describe('severity routing (seed 003 登记3)', () => {
  it('tells tier 2 of a high complaint and tier 3 of a critical one, at intake', () => {
    const alerts = (severity: string) =>
      new Driver(policy, T0, 'objection', { severity: severity as never }).notices
        .filter((n) => n.kind === 'severity_alert')
        .map((n) => n.audience);
    expect(alerts('low')).toEqual([]);
    expect(alerts('medium')).toEqual([]);
    expect(alerts('high')).toEqual([{ tier: 2 }]);
    expect(alerts('critical')).toEqual([{ tier: 3 }]);
  });

  it('gives a critical complaint the policy’s shorter clocks, on every rung it climbs to', () => {
    const d = new Driver(policy, T0, 'objection', { severity: 'critical' });
    expect(d.state.clocks.map((c) => c.dueAt - T0)).toEqual([HOUR, 12 * HOUR]);
    d.advanceBy(HOUR + 1);
    expect(d.state.stage).toBe('complaint');
    expect(d.state.clocks.map((c) => c.dueAt - (T0 + HOUR))).toEqual([2 * HOUR, 12 * HOUR]);
  });
});
