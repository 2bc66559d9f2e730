import defaultPolicyFile from '../../config/policies/default.json';
import demoPolicyFile from '../../config/policies/demo.json';
import { PolicyError, PolicySchema, parsePolicy, recipientsFor, recipientsForRoles } from '../../domain/policy';
import { HOUR } from './fixtures';

const DAY = 24 * HOUR;

function policyErrorOf(json: unknown): PolicyError {
  try {
    parsePolicy(json);
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected the policy to be refused');
}

describe('policy defaults', () => {
  const policy = PolicySchema.parse({ version: 'x' });

  it('fills every SPEC default from just a version', () => {
    expect(policy.version).toBe('x');
    expect(policy.currency).toBe('CNY');
    expect(policy.warningFraction).toBe(0.75);
    expect(policy.publicActionReminderEvery).toBe(DAY);
    expect(policy.calendar).toEqual({ mode: '24x7' });
    expect(policy.followUp).toEqual({ delay: 3 * DAY, dueWithin: 7 * DAY, unreachableRetryAfter: DAY, attempts: 3 });
    expect(policy.limits).toEqual({ remedyMax: 100_000, complaintMax: 200_000 });
    expect(policy.pause).toEqual({ longest: 7 * DAY, remindEvery: DAY });
    expect(policy.extension).toEqual({ mostPerStage: 3 * DAY });
    expect(policy.reflectionReportFrom).toBe('formal_complaint');
    expect(policy.roster).toEqual({ '*': { tier1: [], tier2: [], tier3: [] } });
  });

  it('gives each rung its respond-by and resolve-by clock, with the 24 h complaint feedback rule', () => {
    expect(policy.clocks).toEqual({
      latent: { respondWithin: 2 * HOUR, resolveWithin: DAY },
      objection: { respondWithin: 2 * HOUR, resolveWithin: DAY },
      complaint: { respondWithin: 4 * HOUR, resolveWithin: DAY },
      formal_complaint: { respondWithin: DAY, resolveWithin: 3 * DAY },
      deadlock: { respondWithin: DAY, resolveWithin: 3 * DAY },
      public_action: { respondWithin: 4 * HOUR, resolveWithin: null },
    });
  });

  it('caps compensation at 500 / 1,000 / 5,000 / 5,000 CNY and leaves the general manager unlimited', () => {
    expect(policy.compensationCaps).toEqual({
      advisor: 500,
      customer_service: 1000,
      service_manager: 5000,
      technical_manager: 5000,
      general_manager: null,
    });
  });

  it('keeps the defaults for whatever a dealership leaves out of a partial override', () => {
    const custom = parsePolicy({
      version: 'y',
      clocks: { objection: { respondWithin: '1h' } },
      compensationCaps: { advisor: 200 },
    });
    expect(custom.clocks.objection).toEqual({ respondWithin: HOUR, resolveWithin: DAY });
    expect(custom.clocks.complaint.respondWithin).toBe(4 * HOUR);
    expect(custom.compensationCaps.advisor).toBe(200);
    expect(custom.compensationCaps.customer_service).toBe(1000);
  });

  it('fills business-hours defaults: Asia/Shanghai, Monday to Saturday, 08:30–18:00', () => {
    const custom = parsePolicy({ version: 'y', calendar: { mode: 'business_hours' } });
    expect(custom.calendar).toEqual({
      mode: 'business_hours',
      timeZone: 'Asia/Shanghai',
      workingDays: [1, 2, 3, 4, 5, 6],
      open: '08:30',
      close: '18:00',
      holidays: [],
      extraWorkingDays: [],
    });
  });
});

describe('policy errors', () => {
  it('names the bad clock field and the expected form', () => {
    const error = policyErrorOf({ version: 'x', clocks: { objection: { respondWithin: 'soon' } } });
    expect(error.message).toContain('policy.clocks.objection.respondWithin: expected a duration like "2h"');
  });

  it('names every bad field at once, not just the first', () => {
    const error = policyErrorOf({
      clocks: { latent: { respondWithin: true } },
      warningFraction: 1.2,
      calendar: {
        mode: 'business_hours',
        timeZone: 'Mars/Olympus',
        holidays: ['2026-13-01'],
        open: '18:00',
        close: '09:00',
      },
      compensationCaps: { advisor: -1 },
      roster: {
        '*': { tier1: [{ staffId: 'a', name: 'A', role: 'boss', webhook: { url: 'ftp://x', format: 'generic' } }] },
      },
    });
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'policy.version',
        'policy.clocks.latent.respondWithin',
        'policy.warningFraction',
        'policy.calendar.timeZone',
        'policy.calendar.holidays[0]',
        'policy.compensationCaps.advisor',
        'policy.roster.*.tier1[0].role',
        'policy.roster.*.tier1[0].webhook.url',
      ]),
    );
    expect(error.message).toContain('policy.clocks.latent.respondWithin: expected a duration like "2h"');
    expect(error.message).toContain('policy.calendar.timeZone: expected an IANA time zone');
  });

  it('refuses a closing time before the opening time', () => {
    const error = policyErrorOf({ version: 'x', calendar: { mode: 'business_hours', open: '18:00', close: '09:00' } });
    expect(error.message).toContain('policy.calendar.close: close must be later than open');
  });

  it('refuses a misspelt key rather than silently using the default', () => {
    const error = policyErrorOf({ version: 'x', warningFration: 0.5 });
    expect(error.message).toMatch(/policy: Unrecognized key.*warningFration/);
  });

  it('refuses a zero-length respond-by clock', () => {
    expect(policyErrorOf({ version: 'x', clocks: { complaint: { respondWithin: '0s' } } }).message).toContain(
      'policy.clocks.complaint.respondWithin: expected a duration longer than zero',
    );
  });
});

describe('who is notified', () => {
  const policy = parsePolicy(defaultPolicyFile);

  it("uses a dealer's own roster when it has one", () => {
    expect(recipientsFor(policy, 'SH-PUDONG-01', 2).map((r) => r.staffId)).toEqual(['pd-sm-01']);
  });

  it("falls back to the '*' roster for dealers not listed", () => {
    expect(recipientsFor(policy, 'BJ-CHAOYANG-02', 3).map((r) => r.staffId)).toEqual(['cs-001', 'gm-001']);
  });

  it('finds staff by role across tiers, each person once (e.g. customer service for a missed follow-up)', () => {
    expect(recipientsForRoles(policy, 'any-dealer', ['customer_service']).map((r) => r.staffId)).toEqual(['cs-001']);
    expect(
      recipientsForRoles(policy, 'any-dealer', ['service_manager', 'general_manager']).map((r) => r.staffId),
    ).toEqual(['sm-001', 'gm-001']);
  });

  it('finds nobody, rather than failing, when no roster is configured', () => {
    expect(recipientsFor(PolicySchema.parse({ version: 'x' }), 'd', 1)).toEqual([]);
    expect(recipientsFor(PolicySchema.parse({ version: 'x', roster: {} }), 'd', 1)).toEqual([]);
  });
});

describe('shipped policy files', () => {
  it('default.json parses with the SPEC clocks on Shanghai business hours', () => {
    const policy = parsePolicy(defaultPolicyFile);
    const { formal_complaint, ...rest } = policy.clocks;
    const { formal_complaint: specFormal, ...specRest } = PolicySchema.parse({ version: 'x' }).clocks;
    expect(rest).toEqual(specRest);
    // seed 001: 24小时内必须有反馈, in real hours even on business-hours clocks.
    expect(formal_complaint).toEqual({ ...specFormal, respondCalendar: 'around_the_clock' });
    expect(policy.calendar.mode).toBe('business_hours');
    expect(policy.calendar.mode === 'business_hours' && policy.calendar.holidays).toContain('2026-10-01');
  });

  it('demo.json parses with second-scale clocks around the clock', () => {
    const policy = parsePolicy(demoPolicyFile);
    expect(policy.version).toBe('demo-4');
    expect(policy.calendar).toEqual({ mode: '24x7' });
    expect(policy.clocks.objection).toEqual({ respondWithin: 4000, resolveWithin: 8000 });
    expect(policy.clocks.public_action).toEqual({ respondWithin: 4000, resolveWithin: null });
    expect(policy.publicActionReminderEvery).toBe(10_000);
    expect(policy.followUp).toMatchObject({ delay: 3000, dueWithin: 6000 });
    for (const tier of [1, 2, 3] as const) {
      expect(recipientsFor(policy, 'DEMO-01', tier)).toHaveLength(1);
      expect(recipientsFor(policy, 'DEMO-01', tier)[0]?.webhook).toEqual({
        url: 'http://127.0.0.1:4010/hooks/staff',
        format: 'generic',
      });
      // The demo staff serve DEMO-01 only (api/demo-staff.ts): another dealer's complaints are not theirs.
      expect(recipientsFor(policy, 'OTHER-02', tier)).toEqual([]);
    }
  });
});
