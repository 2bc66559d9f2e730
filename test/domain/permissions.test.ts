import { permissionsOf, type Permission } from '../../domain/permissions';
import { PolicySchema } from '../../domain/policy';
import { Driver } from './driver';
import { advisor, customerService, generalManager, resolvedState, serviceManager } from './fixtures';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const policy = PolicySchema.parse({ version: 'permissions-1', calendar: { mode: '24x7' } });
const byName = (ps: Permission[]) => Object.fromEntries(ps.map((p) => [p.action, p]));

describe('what a staff member may do now (GET /v1/complaints/{id}/actions)', () => {
  it('tells an advisor what they may do at objection, and why not the rest', () => {
    const d = new Driver(policy, T0);
    const p = byName(permissionsOf(d.state, advisor, policy, T0).actions);
    expect(p.acknowledge!.allowed).toBe(true);
    expect(p.escalate!.allowed).toBe(true); // customer-driven: anyone may record it
    expect(p.pauseClock).toEqual({
      action: 'pauseClock',
      allowed: false,
      reason: expect.stringMatching(/only a service, technical or general manager/),
    });
    expect(p.resolve!.allowed).toBe(false);
    expect(p.recordFollowUp!.reason).toMatch(/not resolved yet/);
    expect(p.handOver!.allowed).toBe(true);
    expect(p.take).toMatchObject({ allowed: false, reason: expect.stringMatching(/already owns/) });
  });

  it('answers per remedy: who may approve it, never its proposer', () => {
    const d = new Driver(policy, T0).must('proposeRemedy', {
      actor: advisor,
      type: 'cash_compensation',
      amount: 3000,
      description: 'Hire car for three days',
    });
    const approve = (who: typeof advisor) =>
      permissionsOf(d.state, who, policy, T0).remedies[0]!.actions.find((a) => a.action === 'approveRemedy')!;
    expect(approve(advisor)).toMatchObject({ allowed: false, reason: expect.stringMatching(/proposed themselves/) });
    expect(approve(customerService)).toMatchObject({ allowed: false, reason: expect.stringMatching(/up to 1000 CNY/) });
    expect(approve(serviceManager).allowed).toBe(true);
  });

  it('sees the ladder as it is now: a lapsed deadline has already climbed', () => {
    const d = new Driver(policy, T0, 'complaint');
    d.must('escalate', {
      actor: serviceManager,
      to: 'deadlock',
      driver: 'supervisor',
      reason: 'went to the press office',
    });
    const later = T0 + 60 * 60 * 1000 * 30; // past deadlock's 24 h respond-by: public action now
    const p = byName(permissionsOf(d.state, generalManager, policy, later).actions);
    expect(p.escalate!.reason).toMatch(/top of the ladder/);
    expect(p.take!.allowed).toBe(true);
    expect(byName(permissionsOf(d.state, serviceManager, policy, later).actions).take!.allowed).toBe(false);
  });

  it('lists the forms of an action the caller may use: resolve kinds, escalate drivers', () => {
    const d = new Driver(policy, T0);
    const asAdvisor = byName(permissionsOf(d.state, advisor, policy, T0).actions);
    expect(asAdvisor.escalate!.options).toEqual(['customer']);
    expect(asAdvisor.resolve!.options).toBeUndefined();
    const asManager = byName(permissionsOf(d.state, serviceManager, policy, T0).actions);
    expect(asManager.escalate!.options).toEqual(['customer', 'supervisor']);
    expect(asManager.resolve).toMatchObject({ allowed: false, reason: expect.stringMatching(/logged contact/) });
    d.must('logContact', { actor: advisor, method: 'phone', summary: 'Explained the warranty terms' });
    expect(byName(permissionsOf(d.state, serviceManager, policy, T0).actions).resolve!.options).toEqual([
      'upheld_policy',
    ]);
    d.must('proposeRemedy', { actor: advisor, type: 'apology', amount: 0, description: 'Sorry for the wait' });
    d.must('recordCustomerDecision', { actor: advisor, remedyId: d.state.remedies[0]!.remedyId, decision: 'accept' });
    expect(byName(permissionsOf(d.state, serviceManager, policy, T0).actions).resolve!.options).toEqual([
      'remedy_accepted',
      'upheld_policy',
    ]);
    expect(byName(permissionsOf(d.state, advisor, policy, T0).actions).resolve!.options).toEqual(['remedy_accepted']);
  });

  it('says how much the caller may still commit, by the sums the rules use', () => {
    const d = new Driver(policy, T0).must('proposeRemedy', {
      actor: advisor,
      type: 'gift',
      amount: 300,
      description: 'Car wash voucher',
    });
    expect(permissionsOf(d.state, advisor, policy, T0).authority).toEqual({
      authorityLeft: 200,
      complaintLeft: policy.limits.complaintMax - 300,
      remedyMax: policy.limits.remedyMax,
      complaintMax: policy.limits.complaintMax,
      currency: 'CNY',
    });
    expect(permissionsOf(d.state, serviceManager, policy, T0).authority.authorityLeft).toBe(5000);
    expect(permissionsOf(d.state, generalManager, policy, T0).authority.authorityLeft).toBeNull();
  });

  it("says what closing needs: a reflection report from the policy's rung, a reason after unanswered calls", () => {
    const close = (state: ReturnType<typeof resolvedState>) =>
      byName(permissionsOf(state, serviceManager, policy, T0).actions).close!;
    expect(close(resolvedState()).options).toEqual(['with_reflection', 'without_reflection', 'without_reason']);
    const formal = resolvedState({ stage: 'formal_complaint' });
    expect(
      close({ ...formal, resolution: { ...formal.resolution!, stageReached: 'formal_complaint' } }).options,
    ).toEqual(['with_reflection', 'without_reason']);
    const unanswered = resolvedState();
    expect(
      close({ ...unanswered, followUp: { ...unanswered.followUp!, unreachableCalls: policy.followUp.attempts } })
        .options,
    ).toEqual(['with_reflection', 'without_reflection']);
  });
});
