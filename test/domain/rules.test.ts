import { ACTION_SCHEMAS, type ActionName } from '../../domain/actions';
import type { ComplaintState } from '../../domain/complaint';
import { pauseClock } from '../../domain/clock';
import { ROUND_THE_CLOCK } from '../../domain/calendar';
import { PolicySchema, type Policy } from '../../domain/policy';
import { check } from '../../domain/rules';
import {
  HOUR,
  OPENED_AT,
  advisor,
  customerService,
  generalManager,
  openState,
  policy,
  reflection,
  remedy,
  resolvedState,
  serviceManager,
  technicalManager,
} from './fixtures';

/** Late enough that the follow-up call of resolvedState() is due. */
const LATER = OPENED_AT + 5 * 24 * HOUR;

function verdict(
  action: ActionName,
  state: ComplaintState,
  payload: Record<string, unknown>,
  p: Policy = policy,
  now = LATER,
) {
  return check(action, state, ACTION_SCHEMAS[action].parse(payload) as never, p, now);
}

const allowed = { ok: true };
const refused = (code: string) => expect.objectContaining({ ok: false, code, reason: expect.any(String) });

const closedState = () => resolvedState({ status: 'closed' });

describe('after a complaint is closed or resolved', () => {
  it('refuses every action on a closed complaint', () => {
    expect(verdict('acknowledge', closedState(), { actor: advisor })).toEqual(refused('not_allowed'));
    expect(verdict('recordFollowUp', closedState(), { actor: customerService, satisfied: true })).toEqual(
      refused('not_allowed'),
    );
    expect(verdict('close', closedState(), { actor: serviceManager, rootCause: { kind: 'incidental' } })).toEqual(
      refused('not_allowed'),
    );
  });

  it('allows only the follow-up call and closing on a resolved complaint', () => {
    const state = resolvedState();
    expect(verdict('logContact', state, { actor: advisor, method: 'phone', summary: 'x' })).toEqual(
      refused('not_allowed'),
    );
    expect(verdict('proposeRemedy', state, { actor: advisor, type: 'gift', description: 'x' })).toEqual(
      refused('not_allowed'),
    );
    expect(
      verdict('escalate', state, { actor: generalManager, to: 'deadlock', driver: 'supervisor', reason: 'x' }),
    ).toEqual(refused('not_allowed'));
    expect(verdict('recordFollowUp', state, { actor: customerService, satisfied: true })).toEqual(allowed);
    expect(verdict('close', state, { actor: serviceManager, rootCause: { kind: 'incidental' } })).toEqual(allowed);
  });
});

describe('responding', () => {
  it('accepts the first acknowledgement in a stage', () => {
    expect(verdict('acknowledge', openState(), { actor: advisor })).toEqual(allowed);
  });

  it('refuses a second acknowledgement once the respond-by clock was met in this stage', () => {
    const v = verdict('acknowledge', openState({ respondedInStage: true }), { actor: advisor });
    expect(v).toEqual(refused('not_allowed'));
    expect(!v.ok && v.reason).toMatch(/already been responded to at objection/);
  });

  it('lets staff log as many customer contacts as they make', () => {
    expect(
      verdict('logContact', openState({ respondedInStage: true }), {
        actor: advisor,
        method: 'visit',
        summary: 'Met at the store',
      }),
    ).toEqual(allowed);
  });
});

describe('remedies and approval', () => {
  const waiting = remedy({ remedyId: 'R-big', amount: 3000, status: 'awaiting_approval', proposedBy: customerService });

  it('lets any staff member propose a remedy on an open complaint', () => {
    expect(
      verdict('proposeRemedy', openState(), {
        actor: advisor,
        type: 'cash_compensation',
        amount: 3000,
        description: 'x',
      }),
    ).toEqual(allowed);
  });

  it('lets a service manager approve 3,000 CNY', () => {
    expect(
      verdict('approveRemedy', openState({ remedies: [waiting] }), { actor: serviceManager, remedyId: 'R-big' }),
    ).toEqual(allowed);
  });

  it('refuses approval above the approver’s own cap, naming who can approve', () => {
    const big = remedy({ remedyId: 'R-huge', amount: 8000, status: 'awaiting_approval', proposedBy: customerService });
    const v = verdict('approveRemedy', openState({ remedies: [big] }), { actor: technicalManager, remedyId: 'R-huge' });
    expect(v).toEqual(refused('over_authority'));
    expect(!v.ok && v.reason).toBe(
      'a technical_manager may authorise up to 5000 CNY on one complaint; remedy R-huge is 8000 CNY and needs general_manager',
    );
    expect(
      verdict('approveRemedy', openState({ remedies: [big] }), { actor: generalManager, remedyId: 'R-huge' }),
    ).toEqual(allowed);
  });

  it('refuses approving an unknown remedy or one that is not waiting for approval', () => {
    expect(verdict('approveRemedy', openState(), { actor: serviceManager, remedyId: 'nope' })).toEqual(
      refused('not_allowed'),
    );
    expect(
      verdict('approveRemedy', openState({ remedies: [remedy()] }), { actor: serviceManager, remedyId: 'C-1-R1' }),
    ).toEqual(refused('not_allowed'));
  });

  it('refuses anyone approving their own proposal', () => {
    const own = remedy({ remedyId: 'R-own', amount: 3000, status: 'awaiting_approval', proposedBy: serviceManager });
    expect(
      verdict('approveRemedy', openState({ remedies: [own] }), { actor: serviceManager, remedyId: 'R-own' }),
    ).toEqual(refused('forbidden'));
  });

  it('records the customer’s decision on a proposed remedy', () => {
    expect(
      verdict('recordCustomerDecision', openState({ remedies: [remedy()] }), {
        actor: advisor,
        remedyId: 'C-1-R1',
        decision: 'accept',
      }),
    ).toEqual(allowed);
  });

  it('refuses to put a remedy to the customer before it is approved, or to decide it twice', () => {
    expect(
      verdict('recordCustomerDecision', openState({ remedies: [waiting] }), {
        actor: advisor,
        remedyId: 'R-big',
        decision: 'accept',
      }),
    ).toEqual(refused('not_allowed'));
    const decided = openState({ remedies: [remedy({ status: 'declined' })] });
    expect(
      verdict('recordCustomerDecision', decided, { actor: advisor, remedyId: 'C-1-R1', decision: 'accept' }),
    ).toEqual(refused('not_allowed'));
    expect(
      verdict('recordCustomerDecision', openState(), { actor: advisor, remedyId: 'nope', decision: 'accept' }),
    ).toEqual(refused('not_allowed'));
  });
});

describe('escalating by hand', () => {
  const state = openState({ stage: 'complaint' });

  it('records a customer going to the media as a jump straight to public action, by any staff member', () => {
    expect(
      verdict('escalate', state, {
        actor: advisor,
        to: 'public_action',
        driver: 'customer',
        reason: 'Posted on Weibo',
      }),
    ).toEqual(allowed);
  });

  it('lets a supervisor escalate on their own decision', () => {
    expect(
      verdict('escalate', state, {
        actor: serviceManager,
        to: 'formal_complaint',
        driver: 'supervisor',
        reason: 'Repeat failure',
      }),
    ).toEqual(allowed);
  });

  it('refuses a supervisor-driven escalation by front-line staff', () => {
    expect(
      verdict('escalate', state, { actor: customerService, to: 'formal_complaint', driver: 'supervisor', reason: 'x' }),
    ).toEqual(refused('forbidden'));
  });

  it('never moves a complaint down or sideways', () => {
    expect(
      verdict('escalate', state, { actor: generalManager, to: 'objection', driver: 'supervisor', reason: 'x' }),
    ).toEqual(refused('not_allowed'));
    const same = verdict('escalate', state, {
      actor: generalManager,
      to: 'complaint',
      driver: 'customer',
      reason: 'x',
    });
    expect(same).toEqual(refused('not_allowed'));
    expect(!same.ok && same.reason).toMatch(/only climbs/);
  });
});

describe('pausing, resuming and extending clocks', () => {
  const paused = (state: ComplaintState): ComplaintState => ({
    ...state,
    clocks: state.clocks.map((c) => pauseClock(c, OPENED_AT + 1, ROUND_THE_CLOCK)),
    pause: { reason: 'waiting_for_parts', since: OPENED_AT + 1, by: serviceManager },
  });

  it('lets a supervisor pause running clocks while waiting for parts', () => {
    expect(verdict('pauseClock', openState(), { actor: serviceManager, reason: 'waiting_for_parts' })).toEqual(allowed);
  });

  it('refuses pausing or resuming by front-line staff', () => {
    expect(verdict('pauseClock', openState(), { actor: advisor, reason: 'waiting_for_customer' })).toEqual(
      refused('forbidden'),
    );
    expect(verdict('resumeClock', paused(openState()), { actor: customerService })).toEqual(refused('forbidden'));
  });

  it('refuses pausing twice, or when no clock is running', () => {
    expect(verdict('pauseClock', paused(openState()), { actor: serviceManager, reason: 'other' })).toEqual(
      refused('not_allowed'),
    );
    const allMet = openState();
    const metState = { ...allMet, clocks: allMet.clocks.map((c) => ({ ...c, status: 'met' as const })) };
    expect(verdict('pauseClock', metState, { actor: serviceManager, reason: 'other' })).toEqual(refused('not_allowed'));
  });

  it('resumes only paused clocks', () => {
    expect(verdict('resumeClock', paused(openState()), { actor: serviceManager })).toEqual(allowed);
    expect(verdict('resumeClock', openState(), { actor: serviceManager })).toEqual(refused('not_allowed'));
  });

  it('lets a supervisor extend a running or paused deadline in the current stage, with a reason', () => {
    expect(
      verdict('extendDeadline', openState(), {
        actor: technicalManager,
        clock: 'resolve',
        by: '4h',
        reason: 'Waiting for the gearbox',
      }),
    ).toEqual(allowed);
    expect(
      verdict('extendDeadline', paused(openState()), {
        actor: technicalManager,
        clock: 'respond',
        by: '1h',
        reason: 'x',
      }),
    ).toEqual(allowed);
  });

  it('refuses an extension by front-line staff, or of a clock already met', () => {
    expect(verdict('extendDeadline', openState(), { actor: advisor, clock: 'resolve', by: '4h', reason: 'x' })).toEqual(
      refused('forbidden'),
    );
    const responded = openState();
    const met = {
      ...responded,
      clocks: responded.clocks.map((c) => (c.kind === 'respond' ? { ...c, status: 'met' as const } : c)),
    };
    expect(verdict('extendDeadline', met, { actor: serviceManager, clock: 'respond', by: '4h', reason: 'x' })).toEqual(
      refused('not_allowed'),
    );
  });

  it('refuses extending the resolve-by clock at public action, which has none', () => {
    expect(
      verdict('extendDeadline', openState({ stage: 'public_action' }), {
        actor: generalManager,
        clock: 'resolve',
        by: '4h',
        reason: 'x',
      }),
    ).toEqual(refused('not_allowed'));
  });
});

describe('resolving', () => {
  it('resolves once the customer has accepted a remedy, whoever records it', () => {
    expect(
      verdict('resolve', openState({ remedies: [remedy({ status: 'accepted' })] }), {
        actor: advisor,
        kind: 'remedy_accepted',
      }),
    ).toEqual(allowed);
  });

  it('refuses resolution without an accepted remedy', () => {
    const state = openState({
      remedies: [remedy({ status: 'declined' }), remedy({ remedyId: 'x', status: 'proposed' })],
    });
    expect(verdict('resolve', state, { actor: generalManager, kind: 'remedy_accepted' })).toEqual(
      refused('not_allowed'),
    );
  });

  it('lets a tier-2 manager uphold policy against an unreasonable complaint, with a reason (坚持原则)', () => {
    const explained = openState({ contactedInStage: true });
    expect(
      verdict('resolve', explained, {
        actor: serviceManager,
        kind: 'upheld_policy',
        reason: 'Damage predates the visit, photos on file',
      }),
    ).toEqual(allowed);
    expect(
      verdict('resolve', explained, { actor: generalManager, kind: 'upheld_policy', reason: 'Warranty expired' }),
    ).toEqual(allowed);
  });

  it('refuses an upheld-policy decision by tier-1 staff', () => {
    expect(verdict('resolve', openState(), { actor: customerService, kind: 'upheld_policy', reason: 'x' })).toEqual(
      refused('forbidden'),
    );
  });

  it('refuses an upheld-policy decision with a blank reason even if it slipped past the schema', () => {
    expect(
      check('resolve', openState(), { actor: serviceManager, kind: 'upheld_policy', reason: '  ' }, policy, LATER),
    ).toEqual(refused('not_allowed'));
  });
});

describe('the follow-up call and closing', () => {
  it('refuses a follow-up call or closing before resolution', () => {
    expect(verdict('recordFollowUp', openState(), { actor: customerService, satisfied: true })).toEqual(
      refused('not_allowed'),
    );
    expect(verdict('close', openState(), { actor: serviceManager, rootCause: { kind: 'incidental' } })).toEqual(
      refused('not_allowed'),
    );
  });

  it('refuses recording the follow-up twice once the customer was satisfied', () => {
    const state = resolvedState();
    const done = { ...state, followUp: { ...state.followUp!, completedAt: OPENED_AT + 5, satisfied: true } };
    expect(verdict('recordFollowUp', done, { actor: customerService, satisfied: true })).toEqual(
      refused('not_allowed'),
    );
  });

  it('needs a reflection report (反思报告) to close a complaint that reached formal_complaint', () => {
    const state = resolvedState();
    const formal = {
      ...state,
      stage: 'formal_complaint' as const,
      resolution: { ...state.resolution!, stageReached: 'formal_complaint' as const },
    };
    const v = verdict('close', formal, { actor: serviceManager, rootCause: { kind: 'incidental' } });
    expect(v).toEqual(refused('not_allowed'));
    expect(!v.ok && v.reason).toMatch(/reflection report/);
    expect(verdict('close', formal, { actor: serviceManager, rootCause: { kind: 'incidental' }, reflection })).toEqual(
      allowed,
    );
  });

  it('closes a lower-rung complaint without a reflection report, unless the policy asks for one from there', () => {
    const state = resolvedState();
    expect(
      verdict('close', state, {
        actor: advisor,
        rootCause: { kind: 'process_defect', area: 'delivery', description: 'No late-delivery call' },
      }),
    ).toEqual(allowed);
    const strict = PolicySchema.parse({ version: 'x', reflectionReportFrom: 'objection' });
    expect(verdict('close', state, { actor: advisor, rootCause: { kind: 'incidental' } }, strict)).toEqual(
      refused('not_allowed'),
    );
  });

  it('refuses a second closing report', () => {
    const state = resolvedState({ closing: { rootCause: { kind: 'incidental' }, by: serviceManager, at: OPENED_AT } });
    expect(verdict('close', state, { actor: serviceManager, rootCause: { kind: 'incidental' } })).toEqual(
      refused('not_allowed'),
    );
  });
});
