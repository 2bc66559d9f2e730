import defaultPolicyFile from '../../config/policies/default.json';
import { parsePolicy, PolicySchema } from '../../domain/policy';
import { startingStageFault } from '../../domain/ladder';
import { IntakeSchema } from '../../domain/complaint';
import { Driver, refusedWith } from './driver';
import {
  HOUR,
  MINUTE,
  advisor,
  customerService,
  generalManager,
  intake,
  serviceManager,
  shanghai,
  technicalManager,
} from './fixtures';

const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T01:00:00Z');
const aroundTheClock = PolicySchema.parse({ version: 'rules-1' });
const shop = parsePolicy(defaultPolicyFile);

const accepting = (d: Driver, remedyId: string) =>
  d.must('recordCustomerDecision', { actor: advisor, remedyId, decision: 'accept' });
const apology = { type: 'apology', description: 'Sincere apology from the manager' };

/** Acknowledged, an apology accepted, resolved: waiting for the follow-up call. */
function resolved(policy = aroundTheClock): Driver {
  const d = new Driver(policy, T0);
  d.must('acknowledge', { actor: advisor }).must('proposeRemedy', { actor: advisor, ...apology });
  return accepting(d, 'C-1-R1').must('resolve', { actor: advisor, kind: 'remedy_accepted' });
}

describe('bad input is refused and changes nothing', () => {
  it.each([
    ['a duration of 100,000,000 days', { by: '100000000d' }],
    ['a duration of 1e12 days in milliseconds', { by: 1e12 * DAY }],
    ['a fractional millisecond count', { by: 1.5 }],
    ['a duration string of a thousand digits', { by: `${'9'.repeat(1000)}d` }],
  ])('refuses extending by %s', (_what, extra) => {
    const d = new Driver(aroundTheClock, T0);
    const before = d.state;
    expect(d.act('extendDeadline', { actor: serviceManager, clock: 'respond', reason: 'parts', ...extra })).toEqual(
      refusedWith('invalid_input'),
    );
    expect(d.state).toBe(before);
  });

  it.each([
    ['1e308', 1e308],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['a negative amount', -1],
    ['a thousandth of a yuan', 0.001],
  ])('refuses a remedy amount of %s', (_what, amount) => {
    const d = new Driver(aroundTheClock, T0);
    expect(
      d.act('proposeRemedy', { actor: generalManager, type: 'cash_compensation', amount, description: 'x' }),
    ).toEqual(refusedWith('invalid_input'));
    expect(d.state.remedies).toEqual([]);
  });

  it('keeps money in whole fen: -0 is 0 and 12.3 stays 12.3', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('proposeRemedy', { actor: advisor, type: 'gift', amount: -0, description: 'keyring' });
    d.must('proposeRemedy', { actor: advisor, type: 'gift', amount: 12.3, description: 'car wash' });
    expect(d.state.remedies.map((r) => (Object.is(r.amount, -0) ? '-0' : r.amount))).toEqual([0, 12.3]);
  });

  it.each([
    ['a lone high surrogate', 'broken \ud800 text'],
    ['a lone low surrogate', '\udc00 text'],
    ['an escape sequence', 'red \u001b[31m alert'],
    ['a NUL', 'nul\u0000'],
  ])('refuses a summary with %s, and keeps newlines and tabs', (_what, summary) => {
    const d = new Driver(aroundTheClock, T0);
    expect(d.act('logContact', { actor: advisor, method: 'phone', summary })).toEqual(
      refusedWith('invalid_input', /control|surrogate/),
    );
    d.must('logContact', { actor: advisor, method: 'phone', summary: 'line one\n\tline two 🚗' });
  });

  it('refuses a customer name or staff id with control characters, even a newline', () => {
    const issues = IntakeSchema.safeParse({
      ...intake,
      customer: { ...intake.customer, name: 'Liu\nXian' },
      receivedBy: { ...advisor, id: 'sa\u0007' },
    });
    expect(issues.success).toBe(false);
    expect(issues.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['customer.name', 'receivedBy.id']);
  });

  it.each(Object.getOwnPropertyNames(Object.prototype))(
    'refuses the dealer id %s, which every object already has',
    (dealerId) => {
      expect(IntakeSchema.safeParse({ ...intake, dealerId }).success).toBe(false);
    },
  );

  it('refuses a media complaint started below public action, and allows starting higher than a channel needs', () => {
    expect(startingStageFault({ channel: 'media', explicit: 'latent' })).toMatch(/starts at public_action/);
    expect(startingStageFault({ channel: 'letter', explicit: 'objection' })).toMatch(/formal_complaint/);
    expect(startingStageFault({ channel: 'letter', explicit: 'deadlock' })).toBeNull();
    expect(startingStageFault({ channel: 'phone', explicit: 'latent' })).toBeNull();
  });

  it('records reportedByStaff on complaint.opened', () => {
    const d = new Driver(aroundTheClock, T0, 'latent', { reportedByStaff: true });
    expect(d.events[0]!.data).toMatchObject({ reportedByStaff: true });
    expect(new Driver(aroundTheClock, T0).events[0]!.data).toMatchObject({ reportedByStaff: false });
  });
});

describe('resolution needs a fresh acceptance', () => {
  it('does not re-resolve with the remedy accepted before an unsatisfied follow-up reopened it', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('acknowledge', { actor: advisor }).must('proposeRemedy', { actor: advisor, ...apology });
    accepting(d, 'C-1-R1').must('resolve', { actor: advisor, kind: 'remedy_accepted' });
    d.advanceBy(3 * DAY).must('recordFollowUp', { actor: customerService, satisfied: false, note: 'still angry' });
    expect(d.state.status).toBe('open');
    expect(d.act('resolve', { actor: advisor, kind: 'remedy_accepted' })).toEqual(
      refusedWith('not_allowed', /accept again/),
    );
    accepting(d, 'C-1-R1').must('resolve', { actor: advisor, kind: 'remedy_accepted' });
  });

  it('does not resolve with a remedy accepted on a lower rung after the complaint climbed', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('proposeRemedy', { actor: advisor, ...apology });
    accepting(d, 'C-1-R1');
    d.advanceBy(2 * HOUR + 1);
    expect(d.state.stage).toBe('complaint');
    expect(d.act('resolve', { actor: advisor, kind: 'remedy_accepted' })).toEqual(
      refusedWith('not_allowed', /before the complaint reached complaint/),
    );
  });
});

describe('compensation authority is cumulative per person per complaint', () => {
  it('sends an advisor with a 500 cap to approval on the second 500', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('proposeRemedy', { actor: advisor, type: 'gift', amount: 500, description: 'voucher' });
    d.must('proposeRemedy', { actor: advisor, type: 'gift', amount: 500, description: 'voucher' });
    expect(d.state.remedies.map((r) => r.status)).toEqual(['proposed', 'awaiting_approval']);
  });

  it('frees the authority of a declined remedy', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('proposeRemedy', { actor: advisor, type: 'gift', amount: 500, description: 'voucher' });
    d.must('recordCustomerDecision', { actor: advisor, remedyId: 'C-1-R1', decision: 'decline' });
    d.must('proposeRemedy', { actor: advisor, type: 'discount', amount: 500, description: 'discount' });
    expect(d.state.remedies[1]!.status).toBe('proposed');
  });

  it('counts what an approver approved against their own cap', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('proposeRemedy', { actor: advisor, type: 'cash_compensation', amount: 3000, description: 'taxi' });
    d.must('approveRemedy', { actor: serviceManager, remedyId: 'C-1-R1' });
    d.must('proposeRemedy', { actor: advisor, type: 'cash_compensation', amount: 3000, description: 'rental' });
    expect(d.act('approveRemedy', { actor: serviceManager, remedyId: 'C-1-R2' })).toEqual(
      refusedWith('over_authority', /has authorised 3000 CNY here already/),
    );
    d.must('approveRemedy', { actor: generalManager, remedyId: 'C-1-R2' });
  });

  it('refuses a proposal no role may authorise, rather than leave it waiting forever', () => {
    const capped = PolicySchema.parse({ version: 'capped', compensationCaps: { general_manager: 20_000 } });
    const d = new Driver(capped, T0);
    expect(
      d.act('proposeRemedy', { actor: advisor, type: 'cash_compensation', amount: 30_000, description: 'x' }),
    ).toEqual(refusedWith('over_authority', /no role may authorise/));
  });

  it('holds the policy limits per remedy and per complaint, whoever proposes', () => {
    const d = new Driver(aroundTheClock, T0);
    expect(
      d.act('proposeRemedy', { actor: generalManager, type: 'gift', amount: 10_000_000, description: 'x' }),
    ).toEqual(refusedWith('not_allowed', /at most 100000 CNY/));
    d.must('proposeRemedy', { actor: generalManager, type: 'cash_compensation', amount: 100_000, description: 'a' });
    d.must('proposeRemedy', { actor: generalManager, type: 'cash_compensation', amount: 100_000, description: 'b' });
    expect(d.act('proposeRemedy', { actor: generalManager, type: 'gift', amount: 0.01, description: 'c' })).toEqual(
      refusedWith('not_allowed', /total at most 200000 CNY/),
    );
  });
});

describe('resolution authority follows the rung', () => {
  it('lets only a tier-3 role resolve a deadlock', () => {
    const d = new Driver(aroundTheClock, T0, 'deadlock');
    d.must('proposeRemedy', { actor: generalManager, ...apology });
    accepting(d, 'C-1-R1');
    expect(d.act('resolve', { actor: serviceManager, kind: 'remedy_accepted' })).toEqual(
      refusedWith('forbidden', /tier-3/),
    );
    d.must('resolve', { actor: generalManager, kind: 'remedy_accepted' });
  });

  it('needs a logged customer contact on the current rung for an upheld-policy decision', () => {
    const d = new Driver(aroundTheClock, T0);
    const upheld = { actor: technicalManager, kind: 'upheld_policy', reason: 'Damage predates the visit' };
    d.must('logContact', { actor: advisor, method: 'phone', summary: 'explained' });
    d.must('escalate', { actor: serviceManager, to: 'complaint', driver: 'supervisor', reason: 'angry' });
    expect(d.act('resolve', upheld)).toEqual(refusedWith('not_allowed', /logged contact/));
    d.must('acknowledge', { actor: advisor });
    expect(d.act('resolve', upheld)).toEqual(refusedWith('not_allowed', /logged contact/));
    d.must('logContact', { actor: technicalManager, method: 'visit', summary: 'showed the photos' }).must(
      'resolve',
      upheld,
    );
  });
});

describe('each clock chooses its calendar', () => {
  it('gives a formal complaint received on a Friday at 17:00 its feedback within 24 real hours', () => {
    const friday = shanghai('2026-03-06T17:00');
    const d = new Driver(shop, friday, 'formal_complaint');
    const respond = d.state.clocks.find((c) => c.kind === 'respond')!;
    expect(respond.dueAt).toBe(friday + 24 * HOUR);
    // resolve-by keeps business hours: 72 working hours from Friday 17:00.
    expect(d.state.clocks.find((c) => c.kind === 'resolve')!.dueAt).toBeGreaterThan(friday + 7 * DAY);
  });

  it('pauses and resumes an around-the-clock clock in real hours on a business-hours policy', () => {
    const friday = shanghai('2026-03-06T17:00');
    const d = new Driver(shop, friday, 'formal_complaint');
    d.must('pauseClock', { actor: serviceManager, reason: 'waiting_for_parts' });
    d.advanceBy(2 * HOUR).must('resumeClock', { actor: serviceManager });
    expect(d.state.clocks.find((c) => c.kind === 'respond')!.dueAt).toBe(friday + 26 * HOUR);
  });
});

describe('the follow-up call', () => {
  it('is planned in working time, never on a public holiday', () => {
    const eve = shanghai('2026-09-28T10:00'); // + 3 days lands on National Day, 1 October
    const d = new Driver(shop, eve);
    d.must('acknowledge', { actor: advisor }).must('proposeRemedy', { actor: advisor, ...apology });
    accepting(d, 'C-1-R1').must('resolve', { actor: advisor, kind: 'remedy_accepted' });
    expect(new Date(d.state.followUp!.scheduledFor).toISOString()).toBe(
      new Date(shanghai('2026-10-08T08:30')).toISOString(),
    );
  });

  it('refuses a follow-up recorded before it is due, unless the customer called in', () => {
    const d = resolved().advanceBy(DAY);
    expect(d.act('recordFollowUp', { actor: customerService, satisfied: true })).toEqual(
      refusedWith('not_allowed', /customerCalled/),
    );
    d.must('recordFollowUp', { actor: customerService, satisfied: true, customerCalled: true });
  });

  it('calls an unreachable customer again per policy, then lets customer service close with a reason', () => {
    const d = resolved().advanceBy(3 * DAY);
    d.must('recordFollowUp', { actor: customerService, outcome: 'unreachable' });
    expect(d.state.status).toBe('resolved');
    expect(d.named('followup.scheduled').map((e) => e.data.attempt)).toEqual([undefined, 2]);
    d.advanceBy(DAY).must('recordFollowUp', { actor: customerService, outcome: 'unreachable' });
    d.advanceBy(DAY).must('recordFollowUp', { actor: customerService, outcome: 'unreachable' });
    expect(d.act('recordFollowUp', { actor: customerService, satisfied: true })).toEqual(refusedWith('not_allowed'));
    expect(d.act('close', { actor: customerService, rootCause: { kind: 'incidental' } })).toEqual(
      refusedWith('not_allowed', /needs a reason/),
    );
    d.must('close', {
      actor: customerService,
      rootCause: { kind: 'incidental' },
      reason: 'three calls, no answer; letter sent',
    });
    expect(d.state.status).toBe('closed');
    expect(d.named('complaint.closed')[0]!.data).toMatchObject({
      followUp: 'customer_unreachable',
      reason: 'three calls, no answer; letter sent',
    });
  });

  it('refuses an outcome that contradicts satisfied', () => {
    const d = resolved().advanceBy(3 * DAY);
    expect(d.act('recordFollowUp', { actor: customerService, satisfied: true, outcome: 'unreachable' })).toEqual(
      refusedWith('invalid_input'),
    );
  });
});

describe('pauses and extensions are bounded and visible', () => {
  it('tells the tier above of a pause, reminds the owner tier while it lasts, and resumes at the longest pause', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('pauseClock', { actor: serviceManager, reason: 'waiting_for_parts' });
    expect(d.notices.filter((n) => n.kind === 'clock_paused')).toMatchObject([{ audience: { tier: 2 } }]);
    // As the workflow's timer fires them, once a day; an outage would collapse them into one.
    for (let day = 1; day <= 3; day++) d.advanceTo(T0 + day * DAY + MINUTE);
    expect(d.notices.filter((n) => n.kind === 'pause_reminder')).toHaveLength(3);
    d.advanceBy(4 * DAY);
    expect(d.state.pause).toBeUndefined();
    expect(d.named('clock.resumed').map((e) => e.data)).toMatchObject([
      { trigger: 'pause_limit', pausedForMs: 7 * DAY },
    ]);
    expect(d.state.clocks.every((c) => c.status === 'running' || c.status === 'breached')).toBe(true);
  });

  it('resumes the clocks with clock.resumed and an audit line when a paused complaint climbs', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('pauseClock', { actor: serviceManager, reason: 'waiting_for_customer' });
    d.must('escalate', { actor: advisor, to: 'public_action', driver: 'customer', reason: 'went to the press' });
    expect(d.named('clock.resumed').map((e) => e.data)).toMatchObject([{ trigger: 'escalation', actor: advisor }]);
    expect(d.state.audit.map((a) => a.summary)).toContain('resumed after 0s (the complaint climbed)');
    expect(d.events.slice(-2).map((e) => e.name)).toEqual(['clock.resumed', 'stage.entered']);
  });

  it("holds a stage to the policy's most extension and tells the tier above of each one", () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('extendDeadline', { actor: serviceManager, clock: 'resolve', by: '48h', reason: 'parts on order' });
    expect(d.act('extendDeadline', { actor: serviceManager, clock: 'respond', by: '25h', reason: 'more' })).toEqual(
      refusedWith('not_allowed', /at most 3d in all; 2d is used/),
    );
    d.must('extendDeadline', { actor: serviceManager, clock: 'respond', by: '24h', reason: 'more' });
    expect(d.notices.filter((n) => n.kind === 'deadline_extended')).toHaveLength(2);
  });
});

describe('an action after its deadline is not on time', () => {
  it('climbs first when an acknowledgement arrives after respond-by lapsed, even in one activation', () => {
    const d = new Driver(aroundTheClock, T0);
    d.now = T0 + 2 * HOUR + 1; // the worker was down: no timer fired
    d.must('acknowledge', { actor: advisor });
    expect(d.events.map((e) => e.name)).toEqual([
      'complaint.opened',
      'stage.entered',
      'deadline.warning',
      'deadline.breached',
      'stage.entered',
      'complaint.acknowledged',
    ]);
    expect(d.state.stage).toBe('complaint');
    const [breached] = d.named('deadline.breached');
    expect(breached!.time).toBe(T0 + 2 * HOUR);
  });

  it('records metAt on a clock met in time', () => {
    const d = new Driver(aroundTheClock, T0);
    d.now = T0 + HOUR;
    d.must('acknowledge', { actor: advisor });
    expect(d.state.clocks.find((c) => c.kind === 'respond')).toMatchObject({ status: 'met', metAt: T0 + HOUR });
  });
});

describe('found in review: paths that must not slip', () => {
  it('reopens with a reason even when the note is blank', () => {
    const d = resolved().advanceBy(4 * DAY);
    d.must('recordFollowUp', { actor: customerService, satisfied: false, note: '   ' });
    expect(d.named('complaint.reopened')[0]!.data).toMatchObject({ reason: 'customer not satisfied at follow-up' });
  });

  it('does not let a declined remedy be accepted again past the limits: it is proposed anew', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('proposeRemedy', { actor: customerService, type: 'gift', amount: 1000, description: 'a' });
    d.must('recordCustomerDecision', { actor: advisor, remedyId: 'C-1-R1', decision: 'decline' });
    d.must('escalate', { actor: advisor, to: 'complaint', driver: 'customer', reason: 'hotline' });
    expect(d.act('recordCustomerDecision', { actor: advisor, remedyId: 'C-1-R1', decision: 'accept' })).toEqual(
      refusedWith('not_allowed', /propose it again/),
    );
  });

  it('does not count an unreachable call before the call is due, even with customerCalled', () => {
    const d = resolved();
    expect(d.act('recordFollowUp', { actor: customerService, outcome: 'unreachable', customerCalled: true })).toEqual(
      refusedWith('not_allowed'),
    );
  });

  it('waits for a reason when the closing report came before the last unreachable call', () => {
    const d = resolved().advanceBy(3 * DAY);
    d.must('close', { actor: customerService, rootCause: { kind: 'incidental' } });
    for (let call = 0; call < 3; call++)
      d.must('recordFollowUp', { actor: customerService, outcome: 'unreachable' }).advanceBy(DAY);
    expect(d.state.status).toBe('resolved');
    d.must('close', { actor: customerService, rootCause: { kind: 'incidental' }, reason: 'no answer on three calls' });
    expect(d.state.status).toBe('closed');
  });

  it('gives each pause and extension in one instant its own notice key', () => {
    const d = new Driver(aroundTheClock, T0);
    d.must('pauseClock', { actor: serviceManager, reason: 'other' })
      .must('resumeClock', { actor: serviceManager })
      .must('pauseClock', { actor: serviceManager, reason: 'other' });
    d.must('extendDeadline', { actor: serviceManager, clock: 'resolve', by: '1h', reason: 'a' }).must(
      'extendDeadline',
      { actor: serviceManager, clock: 'resolve', by: '1h', reason: 'b' },
    );
    const keys = d.notices.map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe('a complaint opened under a policy from before bounds keeps its rules', () => {
    const { pause: _p, limits: _l, extension: _e, ...rest } = aroundTheClock;
    const { unreachableRetryAfter: _u, attempts: _a, ...followUp } = aroundTheClock.followUp;
    const before = { ...rest, followUp } as unknown as typeof aroundTheClock;

    it('still takes remedies, pauses and extensions, with no new notices or timers', () => {
      const d = new Driver(before, T0);
      d.must('proposeRemedy', {
        actor: generalManager,
        type: 'gift',
        amount: 150_000,
        description: 'old rules: no limit',
      });
      d.must('pauseClock', { actor: serviceManager, reason: 'waiting_for_parts' });
      expect(d.state.pause).not.toHaveProperty('until');
      d.must('resumeClock', { actor: serviceManager }).must('extendDeadline', {
        actor: serviceManager,
        clock: 'resolve',
        by: '5d',
        reason: 'old rules: no bound',
      });
      expect(d.notices.map((n) => n.kind)).toEqual(['stage_entered']);
    });

    it('refuses only what its policy cannot express: an unreachable call', () => {
      const d = resolved(before).advanceBy(3 * DAY);
      expect(d.act('recordFollowUp', { actor: customerService, outcome: 'unreachable' })).toEqual(
        refusedWith('not_allowed', /no calls again/),
      );
    });
  });
});

describe('bounded work whatever the policy and however long the outage', () => {
  it('sends one reminder, not a flood, for a public action left alone while nothing ran for a year', () => {
    const d = new Driver(aroundTheClock, T0, 'public_action');
    d.advanceBy(365 * DAY);
    const reminders = d.notices.filter((n) => n.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(d.state.reminderAt).toBeGreaterThan(d.now);
    expect(d.state.reminderAt! - d.now).toBeLessThanOrEqual(DAY);
  });

  it('refuses a business-hours calendar too thin for its own clocks, instead of failing at the deadline', () => {
    const thin = { mode: 'business_hours', workingDays: [7], open: '08:00', close: '08:01', holidays: [] };
    expect(() => parsePolicy({ version: 'thin', calendar: thin })).toThrow(
      /policy\.calendar: has too few working hours/,
    );
  });
});

describe('owner and hand-over (首问责任, 交接清楚)', () => {
  const note = 'Promised a call by 17:00; the part arrives tomorrow';

  it('is owned by whoever received it, and handed over with a note the new owner is told of', () => {
    const d = new Driver(aroundTheClock, T0);
    expect(d.state.owner).toEqual(advisor);
    expect(d.events[0]!.data).toMatchObject({ owner: advisor });
    d.must('handOver', { actor: advisor, to: customerService, note });
    expect(d.state.owner).toEqual(customerService);
    expect(d.named('complaint.assigned').map((e) => e.data)).toEqual([
      { from: advisor, to: customerService, by: advisor, note, stage: 'objection' },
    ]);
    expect(d.notices.filter((n) => n.kind === 'assigned')).toMatchObject([{ audience: { staff: customerService } }]);
    expect(d.state.audit.at(-1)!.summary).toContain(note);
  });

  it('lets only the owner or a supervisor hand over, and needs the note', () => {
    const d = new Driver(aroundTheClock, T0);
    expect(d.act('handOver', { actor: customerService, to: customerService, note })).toEqual(
      refusedWith('forbidden', /only the owner/),
    );
    expect(d.act('handOver', { actor: advisor, to: customerService, note: ' ' })).toEqual(refusedWith('invalid_input'));
    d.must('handOver', { actor: serviceManager, to: customerService, note });
  });

  it('refuses an owner who cannot act on the rung: no advisor owns a deadlock', () => {
    const d = new Driver(aroundTheClock, T0, 'deadlock', { receivedBy: generalManager });
    expect(d.act('handOver', { actor: generalManager, to: advisor, note })).toEqual(
      refusedWith('not_allowed', /an advisor cannot own a complaint at deadlock/),
    );
    d.must('handOver', { actor: generalManager, to: customerService, note });
  });
});
