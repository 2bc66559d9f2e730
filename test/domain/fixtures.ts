/** Shared test data for the domain tests: staff, a default policy and complaint states. */
import type { Calendar } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import { clocksForStage } from '../../domain/clock';
import type { ComplaintState, Intake } from '../../domain/complaint';
import type { Stage } from '../../domain/ladder';
import { PolicySchema, type Policy } from '../../domain/policy';
import type { Remedy } from '../../domain/remedy';
import type { Actor } from '../../domain/staff';

export const advisor: Actor = { id: 'sa-1', role: 'advisor', name: '王顾问' };
export const customerService: Actor = { id: 'cs-1', role: 'customer_service', name: '李客服' };
export const serviceManager: Actor = { id: 'sm-1', role: 'service_manager', name: '张经理' };
export const technicalManager: Actor = { id: 'tm-1', role: 'technical_manager', name: '赵经理' };
export const generalManager: Actor = { id: 'gm-1', role: 'general_manager', name: '陈总' };

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const policy: Policy = PolicySchema.parse({ version: 'test-1' });

/** An instant given as Shanghai wall time, e.g. shanghai('2026-03-06T16:00'). */
export function shanghai(wallTime: string): number {
  return Date.parse(`${wallTime}:00+08:00`);
}

/** Monday to Friday, 09:00–18:00 in Shanghai. */
export const weekdays: Calendar = {
  mode: 'business_hours',
  timeZone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  open: '09:00',
  close: '18:00',
  holidays: [],
  extraWorkingDays: [],
};

export const intake: Intake = {
  dealerId: 'SH-PUDONG-01',
  customer: { name: '刘先生', phone: '13812345678' },
  vehicle: { plate: '沪A12345' },
  repairOrderNo: 'RO-2026-0001',
  channel: 'phone',
  category: 'delivery_delay',
  description: 'Car promised for 17:00 was not ready and nobody called.',
  severity: 'medium',
  receivedBy: advisor,
};

export const OPENED_AT = Date.parse('2026-03-02T01:00:00Z');

export function openState(overrides: Partial<ComplaintState> = {}): ComplaintState {
  const stage: Stage = overrides.stage ?? 'objection';
  return {
    complaintId: 'C-1',
    dealerId: intake.dealerId,
    policyVersion: policy.version,
    intake,
    stage,
    status: 'open',
    clocks: clocksForStage(stage, OPENED_AT, policy),
    respondedInStage: false,
    remedies: [],
    reopenCount: 0,
    stageEntry: 1,
    audit: [],
    sequence: 2,
    openedAt: OPENED_AT,
    ...overrides,
  };
}

export function remedy(overrides: Partial<Remedy> = {}): Remedy {
  return {
    remedyId: 'C-1-R1',
    type: 'labour_fee_waiver',
    amount: 300,
    currency: 'CNY',
    description: 'Waive the labour fee for this visit',
    proposedBy: advisor,
    proposedAt: OPENED_AT,
    status: 'proposed',
    ...overrides,
  };
}

export function resolvedState(overrides: Partial<ComplaintState> = {}): ComplaintState {
  const base = openState({ remedies: [remedy({ status: 'accepted' })] });
  return {
    ...base,
    status: 'resolved',
    clocks: base.clocks.map((c): Clock => ({ ...c, status: 'met' })),
    resolution: {
      kind: 'remedy_accepted',
      stageReached: base.stage,
      totalCompensation: 300,
      currency: 'CNY',
      resolvedBy: serviceManager,
      resolvedAt: OPENED_AT + HOUR,
    },
    followUp: {
      scheduledFor: OPENED_AT + HOUR + 3 * 24 * HOUR,
      dueBy: OPENED_AT + HOUR + 10 * 24 * HOUR,
      dueNoticeSent: false,
      missedNoticeSent: false,
    },
    ...overrides,
  };
}

/** A complete 反思报告 (seed 001). */
export const reflection = {
  customerThoughts: 'They promised 17:00 and did not even call.',
  customerNeeds: 'A car on time, or an honest call in advance.',
  wrongBelief: 'A small delay does not matter.',
  wrongBehaviour: 'We waited for the customer to ask.',
  badConsequence: 'The customer complained to the brand hotline.',
  rightBelief: 'Every promise is a deadline.',
  rightBehaviour: 'Call before the promised time when late.',
  goodResult: 'The customer plans around the delay and trusts us.',
};
