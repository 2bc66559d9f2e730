import { recipientsOf } from '../../domain/notices';
import { parsePolicy, PolicyError, type PolicyInput } from '../../domain/policy';
import { recipientsFor, recipientsForRoles, rosterFor } from '../../domain/roster';
import type { Role } from '../../domain/staff';

const person = (staffId: string, role: Role, dealers?: string[]) => ({
  staffId,
  name: staffId,
  role,
  ...(dealers ? { dealers } : {}),
});

/** Head office's roster covers every dealer not listed; its people say which dealers they serve. */
const policy = parsePolicy({
  version: 'roster-test',
  roster: {
    '*': {
      tier1: [
        person('cs-pudong', 'customer_service', ['SH-PUDONG-01']),
        person('cs-jingan', 'customer_service', ['SH-JINGAN-02']),
        person('cs-both', 'customer_service', ['SH-PUDONG-01', 'SH-JINGAN-02']),
      ],
      tier2: [person('sm-pudong', 'service_manager', ['SH-PUDONG-01']), person('sm-hq', 'service_manager', ['*'])],
      tier3: [person('gm-hq', 'general_manager', ['*'])],
    },
    'BJ-CHAOYANG-03': { tier1: [person('cs-bj', 'customer_service', ['BJ-CHAOYANG-03'])] },
  },
} satisfies PolicyInput);
const ids = (list: { staffId: string }[]) => list.map((r) => r.staffId);

describe('the "*" roster fallback', () => {
  it("tells only staff who serve the complaint's dealer, or every dealer, never another dealer's staff", () => {
    expect(ids(recipientsFor(policy, 'SH-PUDONG-01', 1))).toEqual(['cs-pudong', 'cs-both']);
    expect(ids(recipientsFor(policy, 'SH-JINGAN-02', 1))).toEqual(['cs-jingan', 'cs-both']);
    expect(ids(recipientsFor(policy, 'SH-JINGAN-02', 2))).toEqual(['sm-hq']);
    expect(ids(recipientsFor(policy, 'SH-JINGAN-02', 3))).toEqual(['gm-hq']);
  });

  it('tells nobody at a tier where no one serves the dealer, rather than someone who does not', () => {
    expect(recipientsFor(policy, 'HZ-XIHU-09', 1)).toEqual([]);
    expect(ids(recipientsFor(policy, 'HZ-XIHU-09', 2))).toEqual(['sm-hq']);
  });

  it('finds staff by role only among those who serve the dealer', () => {
    expect(ids(recipientsForRoles(policy, 'SH-JINGAN-02', ['customer_service', 'service_manager']))).toEqual([
      'cs-jingan',
      'cs-both',
      'sm-hq',
    ]);
  });

  it("reaches a named owner's roster entry only if it serves the dealer; otherwise the owner is told in the log", () => {
    const owner = { id: 'cs-pudong', role: 'customer_service', name: 'cs-pudong' } as const;
    const [atPudong] = recipientsOf(policy, 'SH-PUDONG-01', { staff: owner });
    expect(atPudong).toEqual(person('cs-pudong', 'customer_service', ['SH-PUDONG-01']));
    const [elsewhere, ...tier] = recipientsOf(policy, 'SH-JINGAN-02', { staff: owner, tier: 1 });
    expect(elsewhere).toEqual({ staffId: 'cs-pudong', role: 'customer_service', name: 'cs-pudong' });
    expect(ids(tier)).toEqual(['cs-jingan', 'cs-both']);
  });

  it("uses a dealer's own roster as it stands", () => {
    expect(ids(recipientsFor(policy, 'BJ-CHAOYANG-03', 1))).toEqual(['cs-bj']);
    expect(recipientsFor(policy, 'BJ-CHAOYANG-03', 2)).toEqual([]);
  });

  it('keeps telling roster entries that name no dealers about every dealer not listed, as complaints opened before did', () => {
    const older = parsePolicy({ version: 'older', roster: { '*': { tier1: [person('cs-1', 'customer_service')] } } });
    expect(ids(recipientsFor(older, 'ANY-01', 1))).toEqual(['cs-1']);
    expect(rosterFor(older, 'ANY-01')).toBe(older.roster['*']);
  });

  it("refuses at load a dealer's roster naming someone who serves other dealers only", () => {
    let error: unknown;
    try {
      parsePolicy({
        version: 'x',
        roster: { 'SH-PUDONG-01': { tier2: [person('sm-jingan', 'service_manager', ['SH-JINGAN-02'])] } },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues).toEqual([
      {
        path: 'policy.roster.SH-PUDONG-01.tier2[0].dealers',
        message: "sm-jingan is on SH-PUDONG-01's roster but serves only SH-JINGAN-02",
      },
    ]);
    expect(() => parsePolicy({ version: 'x', roster: { '*': { tier1: [person('a', 'advisor', [])] } } })).toThrow(
      /dealers: give at least one dealer/,
    );
  });
});
