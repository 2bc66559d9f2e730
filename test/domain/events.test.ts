import { readFileSync } from 'node:fs';
import path from 'node:path';
import { maskPhone } from '../../domain/complaint';
import {
  EVENT_CATALOGUE,
  EVENT_NAMES,
  EVENT_SOURCE,
  EventDataError,
  cloudEventType,
  eventId,
  parseEventType,
  validateEventData,
  type EventName,
} from '../../domain/events';
import { advisor, customerService, generalManager, intake, reflection, serviceManager } from './fixtures';

const at = '2026-03-02T03:00:00.000Z';

/** One valid payload per event, shaped the way the workflow emits them. */
const SAMPLES: Record<EventName, Record<string, unknown>> = {
  'complaint.assigned': {
    from: advisor,
    to: serviceManager,
    by: advisor,
    note: 'Promised a call by 17:00; parts on order',
    stage: 'objection',
  },
  'complaint.opened': {
    dealerId: intake.dealerId,
    channel: 'phone',
    category: 'delivery_delay',
    severity: 'medium',
    startingStage: 'objection',
    policyVersion: 'default-2026.1',
    customer: { name: '刘先生', phoneMasked: maskPhone(intake.customer.phone) },
    vehicle: { plate: '沪A12345' },
    repairOrderNo: 'RO-1',
    receivedBy: advisor,
    description: 'Late delivery',
  },
  'stage.entered': { from: 'objection', to: 'complaint', trigger: 'deadline_lapsed' },
  'deadline.warning': { stage: 'objection', clock: 'respond', dueAt: at, warnAt: at },
  'deadline.breached': { stage: 'objection', clock: 'resolve', dueAt: at },
  'complaint.acknowledged': { stage: 'objection', actor: advisor, note: 'Called back' },
  'contact.logged': { stage: 'objection', actor: advisor, method: 'phone', summary: 'Explained the delay' },
  'remedy.proposed': {
    remedyId: 'C-1-R1',
    type: 'cash_compensation',
    amount: 3000,
    currency: 'CNY',
    description: 'Taxi costs and an apology',
    proposedBy: customerService,
    needsApproval: true,
    approverRoles: ['service_manager', 'technical_manager', 'general_manager'],
  },
  'remedy.approved': { remedyId: 'C-1-R1', approvedBy: serviceManager, amount: 3000, currency: 'CNY' },
  'remedy.accepted': { remedyId: 'C-1-R1', recordedBy: customerService, amount: 3000 },
  'remedy.declined': { remedyId: 'C-1-R1', recordedBy: customerService, amount: 3000, note: 'Wants more' },
  'clock.paused': { stage: 'complaint', reason: 'waiting_for_parts', actor: serviceManager },
  'clock.resumed': {
    stage: 'complaint',
    pausedForMs: 3_600_000,
    newDueAt: { respond: at, resolve: at },
    actor: serviceManager,
  },
  'deadline.extended': {
    stage: 'complaint',
    clock: 'resolve',
    byMs: 14_400_000,
    previousDueAt: at,
    newDueAt: '2026-03-02T07:00:00.000Z',
    reason: 'Gearbox arrives tomorrow',
    actor: serviceManager,
  },
  'complaint.resolved': {
    kind: 'remedy_accepted',
    stageReached: 'complaint',
    totalCompensation: 3000,
    currency: 'CNY',
    resolvedBy: serviceManager,
  },
  'staff.notified': {
    notificationKey: 'C-1:2:complaint:respond:warning',
    kind: 'warning',
    stage: 'complaint',
    clock: 'respond',
    tier: 1,
    recipients: [
      { staffId: 'cs-001', role: 'customer_service', format: 'wecom' },
      { staffId: 'gm-001', role: 'general_manager', format: 'log' },
    ],
  },
  'customer.notified': {
    notificationKey: 'C-1:1:objection:received',
    template: 'received',
    stage: 'objection',
    language: 'zh-CN',
    channel: 'sms_webhook',
    phoneMasked: maskPhone(intake.customer.phone),
  },
  'customer.update.lapsed': { stage: 'objection', dueAt: at, lastContactAt: '2026-03-01T03:00:00.000Z' },
  'followup.scheduled': { scheduledFor: at, dueBy: at },
  'followup.completed': { satisfied: false, note: 'Noise is back', actor: customerService },
  'complaint.reopened': { stage: 'complaint', reason: 'Noise is back', reopenCount: 1 },
  'complaint.closed': {
    rootCause: { kind: 'process_defect', area: 'delivery', description: 'No late-delivery call' },
    reflection,
    closedBy: generalManager,
    stageReached: 'formal_complaint',
  },
  'process.defect.reported': {
    area: 'delivery',
    description: 'No late-delivery call',
    stage: 'formal_complaint',
    category: 'delivery_delay',
    dealerId: 'SH-PUDONG-01',
  },
};

describe('the event catalogue', () => {
  it('covers every event of SPEC §4, each with a version and a description', () => {
    expect(EVENT_NAMES.sort()).toEqual(
      [
        'complaint.opened',
        'complaint.assigned',
        'stage.entered',
        'deadline.warning',
        'deadline.breached',
        'complaint.acknowledged',
        'contact.logged',
        'remedy.proposed',
        'remedy.approved',
        'remedy.accepted',
        'remedy.declined',
        'clock.paused',
        'clock.resumed',
        'deadline.extended',
        'complaint.resolved',
        'staff.notified',
        'customer.notified',
        'customer.update.lapsed',
        'followup.scheduled',
        'followup.completed',
        'complaint.reopened',
        'complaint.closed',
        'process.defect.reported',
      ].sort(),
    );
    for (const name of EVENT_NAMES) {
      expect(EVENT_CATALOGUE[name].version).toBeGreaterThanOrEqual(1);
      expect(EVENT_CATALOGUE[name].description.length).toBeGreaterThan(10);
    }
  });

  it.each(EVENT_NAMES)('accepts a well-formed %s payload', (name) => {
    expect(validateEventData(name, SAMPLES[name])).toEqual(SAMPLES[name]);
  });

  it('records who received a complaint and the policy version it was opened under', () => {
    const opened = validateEventData('complaint.opened', SAMPLES['complaint.opened']);
    expect(opened.policyVersion).toBe('default-2026.1');
    expect(opened.receivedBy).toEqual(advisor);
  });
});

describe('customer privacy on the event log', () => {
  const opened = SAMPLES['complaint.opened'];

  it('refuses a raw phone number next to the masked one', () => {
    const leaky = { ...opened, customer: { name: '刘先生', phoneMasked: '138****5678', phone: '13812345678' } };
    expect(() => validateEventData('complaint.opened', leaky)).toThrow(/data\.customer: Unrecognized key: "phone"/);
  });

  it('refuses an unmasked number in the masked field', () => {
    const leaky = { ...opened, customer: { name: '刘先生', phoneMasked: '13812345678' } };
    expect(() => validateEventData('complaint.opened', leaky)).toThrow(
      /data\.customer\.phoneMasked: expected a masked phone number/,
    );
  });

  it('refuses a phone number smuggled in at the top level', () => {
    expect(() => validateEventData('complaint.opened', { ...opened, phone: '13812345678' })).toThrow(EventDataError);
  });

  it('records a customer notice with the masked phone only, never the raw number or the text', () => {
    const notified = SAMPLES['customer.notified'];
    expect(() => validateEventData('customer.notified', { ...notified, phoneMasked: '13812345678' })).toThrow(
      /data\.phoneMasked: expected a masked phone number/,
    );
    expect(() => validateEventData('customer.notified', { ...notified, phone: '13812345678' })).toThrow(
      /Unrecognized key: "phone"/,
    );
    expect(() => validateEventData('customer.notified', { ...notified, text: '您的投诉已受理' })).toThrow(
      /Unrecognized key: "text"/,
    );
  });
});

describe('bad event data', () => {
  it('names the bad fields', () => {
    try {
      validateEventData('stage.entered', { from: 'objection', to: 'heaven', trigger: 'boredom' });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(EventDataError);
      expect((e as EventDataError).issues.map((i) => i.path)).toEqual(['data.to', 'data.trigger']);
    }
  });

  it('refuses a deadline that is not an ISO timestamp', () => {
    expect(() =>
      validateEventData('deadline.breached', { stage: 'complaint', clock: 'respond', dueAt: 1772420400000 }),
    ).toThrow(/data\.dueAt/);
  });

  it('refuses a negative compensation total and an unknown notification format', () => {
    expect(() =>
      validateEventData('complaint.resolved', { ...SAMPLES['complaint.resolved'], totalCompensation: -1 }),
    ).toThrow(/totalCompensation/);
    const notified = SAMPLES['staff.notified'];
    expect(() =>
      validateEventData('staff.notified', {
        ...notified,
        recipients: [{ staffId: 'x', role: 'advisor', format: 'fax' }],
      }),
    ).toThrow(/recipients\.0\.format/);
  });

  it('refuses an unknown event name', () => {
    expect(() => validateEventData('complaint.vanished' as EventName, {})).toThrow(/unknown event name/);
  });
});

describe('CloudEvents naming', () => {
  it('types each event as com.complaintladder.<event>.v<N> from the catalogue version', () => {
    expect(cloudEventType('stage.entered')).toBe('com.complaintladder.stage.entered.v1');
    expect(cloudEventType('process.defect.reported')).toBe('com.complaintladder.process.defect.reported.v1');
  });

  it('reads a type back into its event name and version', () => {
    for (const name of EVENT_NAMES)
      expect(parseEventType(cloudEventType(name))).toEqual({ name, version: EVENT_CATALOGUE[name].version });
    expect(parseEventType('com.complaintladder.stage.entered.v7')).toEqual({ name: 'stage.entered', version: 7 });
    expect(parseEventType('com.other.stage.entered.v1')).toBeNull();
    expect(parseEventType('com.complaintladder.nope.v1')).toBeNull();
    expect(parseEventType('com.complaintladder.stage.entered')).toBeNull();
  });

  it('gives an event the same id every time it is published, so a retry is recognisable', () => {
    expect(eventId('C-1', 7)).toBe('C-1/7');
    expect(eventId('C-1', 7)).toBe(eventId('C-1', 7));
    expect(EVENT_SOURCE).toBe('/complaint-ladder');
  });
});

describe('the event catalogue in docs/events.md', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../docs/events.md'), 'utf8');
  it.each(EVENT_NAMES)('lists %s with its CloudEvents type', (name) => {
    expect(readme).toContain(`| \`${name}\` | \`${cloudEventType(name)}\` |`);
  });
});
