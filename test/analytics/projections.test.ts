import { Projections, percentiles } from '../../analytics/projections';
import { ReportQuerySchema, runReport } from '../../analytics/reports';
import { PoisonMessage, readEvent, SequenceTracker } from '../../analytics/stream';
import { CUSTOMER_TEMPLATES } from '../../domain/customer-notices';
import { applyAction } from '../../domain/transitions';
import type { IncomingRecord } from '../../kafka';
import { advisor, HOUR } from '../domain/fixtures';
import { climbedAndCompensated, p, story, T0 } from '../support/stories';
import { at, complaint, project as projectStreams } from '../support/typed-stream';

function project(records: IncomingRecord[]) {
  const projections = new Projections();
  const tracker = new SequenceTracker();
  for (const r of records) {
    const e = readEvent(r);
    if (tracker.admit(e)) projections.apply(e);
  }
  return { projections, tracker };
}

describe('analytics projections', () => {
  const quick = story('C-quick', (s) => [applyAction('acknowledge', s, { actor: advisor }, p, T0 + 0.5 * HOUR)], {
    channel: 'on_site',
    dealerId: 'BJ-01',
  });
  const climbed = climbedAndCompensated('C-climbed');
  const { projections } = project([...quick, ...climbed]);

  it('counts open work by stage and dealer', () => {
    expect(projections.openWork()).toMatchObject({
      total: 1,
      byStage: { objection: 1, complaint: 0 },
      byDealer: { 'BJ-01': 1 },
    });
  });

  it('shows the funnel and the stage each complaint was resolved at', () => {
    expect(projections.funnel()).toMatchObject({
      opened: 2,
      reached: { objection: 2, complaint: 1, formal_complaint: 0 },
      stageAtResolution: { complaint: 1 },
    });
  });

  it('measures time to first response per stage (p50, p90) and time to resolution', () => {
    const speed = projections.speed();
    expect(speed.objection.firstResponse).toEqual({ count: 1, p50: 0.5 * HOUR, p90: 0.5 * HOUR });
    expect(speed.complaint.firstResponse.p50).toBe(1 * HOUR);
    expect(speed.complaint.resolution.p50).toBe(5 * HOUR);
  });

  it('counts breaches and automatic escalations per stage', () => {
    expect(projections.clocks().objection).toMatchObject({ breaches: 1, breachRate: 0.5 });
    expect(projections.clocks().complaint.autoEscalationsInto).toBe(1);
  });

  it('totals compensation by type, by approving role and along the cost-of-recovery curve', () => {
    const comp = projections.compensation();
    expect(comp.total).toBe(800);
    expect(comp.byType).toEqual({ cash_compensation: { count: 1, amount: 800 } });
    expect(comp.byApprovingRole).toEqual({ service_manager: { count: 1, amount: 800 } });
    expect(comp.costOfRecovery.find((c) => c.stage === 'complaint')).toMatchObject({
      resolved: 1,
      total: 800,
      average: 800,
    });
  });

  it('reports follow-up satisfaction and process defects by area', () => {
    expect(projections.afterResolution()).toMatchObject({
      followUps: 1,
      satisfied: 1,
      satisfactionRate: 1,
      reopened: 0,
      defectsByArea: { repair: 1 },
    });
  });

  it('breaks any report down by channel, category or dealer', () => {
    const byChannel = projections.breakdown('channel', (f) => projections.funnel(f));
    expect(Object.keys(byChannel)).toEqual(['on_site', 'phone']);
    expect(byChannel.phone!.reached.complaint).toBe(1);
    expect(projections.openWork({ dealerId: 'SH-PUDONG-01' }).total).toBe(0);
  });

  it('rebuilds to exactly the same numbers, and drops a redelivered duplicate', () => {
    const again = project([...quick, ...climbed, ...climbed.slice(3, 6)]);
    expect(again.tracker.duplicates).toBe(3);
    expect(again.projections.compensation()).toEqual(projections.compensation());
    expect(again.projections.funnel()).toEqual(projections.funnel());
  });

  it('reports a gap in a complaint’s sequence numbers', () => {
    const { tracker } = project([...climbed.slice(0, 3), ...climbed.slice(4)]);
    expect(tracker.gaps).toEqual([{ complaintId: 'C-climbed', expected: 4, got: 5 }]);
  });

  it('refuses poison messages with a reason', () => {
    const good = climbed[0]!;
    expect(() => readEvent({ ...good, value: Buffer.from('{not json') })).toThrow(PoisonMessage);
    expect(() => readEvent({ ...good, headers: { ...good.headers, ce_type: 'com.other.thing.v1' } })).toThrow(
      /unknown event type/,
    );
    expect(() => readEvent({ ...good, value: Buffer.from('{"channel":"carrier pigeon"}') })).toThrow(
      /does not match complaint.opened/,
    );
  });

  it('uses nearest-rank percentiles', () => {
    expect(percentiles([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({ count: 10, p50: 5, p90: 9 });
  });
});

describe('severity in the analytics', () => {
  const streams = (['critical', 'low', 'high', 'low'] as const).map(
    (severity, i) => complaint(`C-${severity}-${i}`, { severity }).records,
  );
  const projections = projectStreams(...streams);

  it('breaks any report down by severity, low before critical', () => {
    const bySeverity = projections.breakdown('severity', (f) => projections.openWork(f));
    expect(Object.keys(bySeverity)).toEqual(['low', 'high', 'critical']);
    expect(bySeverity.low!.total).toBe(2);
  });

  it('filters by severity, through the same query the API passes on', () => {
    expect(runReport(projections, 'open-work', ReportQuerySchema.parse({ severity: 'critical' }))).toMatchObject({
      total: 1,
    });
    expect(
      Object.keys(runReport(projections, 'funnel', ReportQuerySchema.parse({ by: 'severity' })) as object),
    ).toEqual(['low', 'high', 'critical']);
    expect(ReportQuerySchema.safeParse({ severity: 'urgent' }).success).toBe(false);
  });
});

describe('whether the customer was kept informed (知情权)', () => {
  // Told by SMS after an hour, then phoned: first contact at 1 h.
  const told = complaint('C-told');
  told.emit('complaint.acknowledged', { stage: 'objection', actor: advisor }, 0.5);
  told.emit(
    'customer.notified',
    {
      notificationKey: 'C-told:received',
      template: 'received',
      stage: 'objection',
      language: 'zh-CN',
      channel: 'sms_webhook',
      phoneMasked: '138****5678',
    },
    1,
  );
  told.emit(
    'contact.logged',
    { stage: 'objection', actor: advisor, method: 'phone', summary: 'Explained the delay' },
    3,
  );
  // Phoned after 2 h, nothing sent.
  const phoned = complaint('C-phoned');
  phoned.emit(
    'contact.logged',
    { stage: 'objection', actor: advisor, method: 'visit', summary: 'Came by the lounge' },
    2,
  );
  // Acknowledged internally only: the clock lapses once on objection and twice on complaint.
  const ignored = complaint('C-ignored');
  ignored.emit('complaint.acknowledged', { stage: 'objection', actor: advisor }, 0.5);
  ignored.emit('customer.update.lapsed', { stage: 'objection', dueAt: at(24) }, 24);
  ignored.emit('stage.entered', { from: 'objection', to: 'complaint', trigger: 'customer_action' }, 30);
  ignored.emit('customer.update.lapsed', { stage: 'complaint', dueAt: at(48) }, 48);
  ignored.emit('customer.update.lapsed', { stage: 'complaint', dueAt: at(72) }, 72);
  const report = projectStreams(told.records, phoned.records, ignored.records).customerUpdates();

  it('gives the share of complaints whose customer-update clock never lapsed', () => {
    expect(report).toMatchObject({ complaints: 3, neverLapsed: 2, neverLapsedRate: 2 / 3 });
  });

  it('counts lapses per stage, and each lapsed complaint once per stage', () => {
    expect(report.lapsesByStage.objection).toEqual({ lapses: 1, complaints: 1 });
    expect(report.lapsesByStage.complaint).toEqual({ lapses: 2, complaints: 1 });
    expect(report.lapsesByStage.latent).toEqual({ lapses: 0, complaints: 0 });
  });

  it('measures intake to first customer contact, a delivered notice or a logged contact, never an internal acknowledgement', () => {
    expect(report.contacted).toBe(2);
    expect(report.timeToFirstContact).toEqual({ count: 2, p50: 1 * HOUR, p90: 2 * HOUR });
  });

  it('counts the notices sent by template', () => {
    expect(report.noticesByTemplate).toEqual(
      Object.fromEntries(CUSTOMER_TEMPLATES.map((t) => [t, t === 'received' ? 1 : 0])),
    );
  });
});
