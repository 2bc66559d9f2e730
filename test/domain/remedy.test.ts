import { PolicySchema } from '../../domain/policy';
import { REMEDY_TYPES, approverRoles, capFor, totalCompensation, withinAuthority } from '../../domain/remedy';
import { policy, remedy } from './fixtures';

describe('compensation authority', () => {
  it('lets an advisor give up to 500 CNY on their own, and no more', () => {
    expect(capFor('advisor', policy)).toBe(500);
    expect(withinAuthority('advisor', 500, policy)).toBe(true);
    expect(withinAuthority('advisor', 501, policy)).toBe(false);
  });

  it('lets customer service give up to 1,000 CNY and the managers up to 5,000 CNY', () => {
    expect(withinAuthority('customer_service', 1000, policy)).toBe(true);
    expect(withinAuthority('customer_service', 1001, policy)).toBe(false);
    expect(withinAuthority('service_manager', 5000, policy)).toBe(true);
    expect(withinAuthority('technical_manager', 5001, policy)).toBe(false);
  });

  it('puts no limit on the general manager', () => {
    expect(capFor('general_manager', policy)).toBeNull();
    expect(withinAuthority('general_manager', 1_000_000, policy)).toBe(true);
  });

  it('lets anyone offer an apology or a free inspection that costs nothing', () => {
    expect(withinAuthority('advisor', 0, policy)).toBe(true);
  });

  it('names every role whose cap covers an over-cap proposal as a possible approver', () => {
    expect(approverRoles(800, policy)).toEqual([
      'customer_service',
      'service_manager',
      'technical_manager',
      'general_manager',
    ]);
    expect(approverRoles(3000, policy)).toEqual(['service_manager', 'technical_manager', 'general_manager']);
    expect(approverRoles(8000, policy)).toEqual(['general_manager']);
  });

  it("follows a dealership's own caps", () => {
    const strict = PolicySchema.parse({ version: 'x', compensationCaps: { advisor: 0, service_manager: 2000 } });
    expect(withinAuthority('advisor', 1, strict)).toBe(false);
    expect(approverRoles(3000, strict)).toEqual(['technical_manager', 'general_manager']);
  });
});

describe('remedies', () => {
  it('offers the nine remedy types of the seeds, rework (返修) included', () => {
    expect(REMEDY_TYPES).toEqual([
      'apology',
      'explanation',
      'free_inspection',
      'rework',
      'labour_fee_waiver',
      'discount',
      'cash_compensation',
      'gift',
      'pr_statement',
    ]);
  });

  it('counts only what the customer accepted towards the total compensation', () => {
    const remedies = [
      remedy({ remedyId: 'a', amount: 300, status: 'accepted' }),
      remedy({ remedyId: 'b', amount: 2000, status: 'declined' }),
      remedy({ remedyId: 'c', amount: 800, status: 'accepted' }),
      remedy({ remedyId: 'd', amount: 5000, status: 'awaiting_approval' }),
      remedy({ remedyId: 'e', amount: 100, status: 'proposed' }),
    ];
    expect(totalCompensation(remedies)).toBe(1100);
    expect(totalCompensation([])).toBe(0);
  });
});
