import { permissionsOf, type Permission } from '../../domain/permissions';
import { PolicySchema } from '../../domain/policy';
import { Driver } from './driver';
import { advisor, customerService, generalManager, serviceManager } from './fixtures';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const policy = PolicySchema.parse({ version: 'permissions-1', calendar: { mode: '24x7' } });
const byName = (ps: Permission[]) => Object.fromEntries(ps.map((p) => [p.action, p]));

describe('what a staff member may do now (GET /v1/complaints/{id}/actions)', () => {
  it('tells an advisor what they may do at objection, and why not the rest', () => {
    const d = new Driver(policy, T0);
    const p = byName(permissionsOf(d.state, advisor, policy, T0).actions);
    expect(p.acknowledge!.allowed).toBe(true);
    expect(p.escalate!.allowed).toBe(true); // customer-driven: anyone may record it
    expect(p.pauseClock).toEqual({ action: 'pauseClock', allowed: false, reason: expect.stringMatching(/only a service, technical or general manager/) });
    expect(p.resolve!.allowed).toBe(false);
    expect(p.recordFollowUp!.reason).toMatch(/not resolved yet/);
    expect(p.handOver!.allowed).toBe(true);
    expect(p.take).toMatchObject({ allowed: false, reason: expect.stringMatching(/already owns/) });
  });

  it('answers per remedy: who may approve it, never its proposer', () => {
    const d = new Driver(policy, T0).must('proposeRemedy', { actor: advisor, type: 'cash_compensation', amount: 3000, description: 'Hire car for three days' });
    const approve = (who: typeof advisor) => permissionsOf(d.state, who, policy, T0).remedies[0]!.actions.find((a) => a.action === 'approveRemedy')!;
    expect(approve(advisor)).toMatchObject({ allowed: false, reason: expect.stringMatching(/proposed themselves/) });
    expect(approve(customerService)).toMatchObject({ allowed: false, reason: expect.stringMatching(/up to 1000 CNY/) });
    expect(approve(serviceManager).allowed).toBe(true);
  });

  it('sees the ladder as it is now: a lapsed deadline has already climbed', () => {
    const d = new Driver(policy, T0, 'complaint');
    d.must('escalate', { actor: serviceManager, to: 'deadlock', driver: 'supervisor', reason: 'went to the press office' });
    const later = T0 + 60 * 60 * 1000 * 30; // past deadlock's 24 h respond-by: public action now
    const p = byName(permissionsOf(d.state, generalManager, policy, later).actions);
    expect(p.escalate!.reason).toMatch(/top of the ladder/);
    expect(p.take!.allowed).toBe(true);
    expect(byName(permissionsOf(d.state, serviceManager, policy, later).actions).take!.allowed).toBe(false);
  });
});
