/**
 * Reports over a period: every report covers the complaints opened within [openedFrom,
 * openedBefore), and a window that holds no instant is refused rather than answered with zeros.
 */
import { ReportQuerySchema, runReport } from '../../analytics/reports';
import { at, complaint, project } from '../support/typed-stream';

// Opened on hour 0, 24 and 48 of the stream's clock; the last one breaches twice at objection.
const first = complaint('C-day-1', { severity: 'high' });
const second = complaint('C-day-2', { severity: 'high', openedAt: 24 });
const third = complaint('C-day-3', { severity: 'low', openedAt: 48, dealerId: 'BJ-02' });
third.emit('deadline.breached', { stage: 'objection', clock: 'respond', dueAt: at(50) }, 50);
third.emit('deadline.breached', { stage: 'objection', clock: 'resolve', dueAt: at(52) }, 52);
const projections = project(first.records, second.records, third.records);

const report = (name: 'funnel' | 'open-work' | 'clocks', query: Record<string, string>) =>
  runReport(projections, name, ReportQuerySchema.parse(query)) as any;

describe('reports over the period complaints were opened in', () => {
  it('counts a complaint opened exactly at openedFrom and leaves out one opened exactly at openedBefore', () => {
    expect(report('funnel', { openedFrom: at(24), openedBefore: at(48) }).opened).toBe(1);
    expect(report('funnel', { openedFrom: at(0), openedBefore: at(48) }).opened).toBe(2);
    expect(report('funnel', {}).opened).toBe(3);
  });

  it('leaves either end open', () => {
    expect(report('funnel', { openedFrom: at(24) }).opened).toBe(2);
    expect(report('funnel', { openedBefore: at(24) }).opened).toBe(1);
  });

  it('takes the window with an offset, as a dashboard in Shanghai sends its midnight', () => {
    // 2026-03-03T09:00+08:00 is hour 24 of the stream (T0 is 2026-03-02T01:00Z).
    expect(report('funnel', { openedFrom: '2026-03-03T09:00:00+08:00' }).opened).toBe(2);
  });

  it('cuts open work by stage, dealer and severity within the window', () => {
    expect(report('open-work', { openedFrom: at(24) })).toEqual({
      total: 2,
      byStage: expect.objectContaining({ objection: 2 }),
      byDealer: { 'BJ-01': 1, 'BJ-02': 1 },
    });
    const bySeverity = report('open-work', { openedBefore: at(48), by: 'severity' });
    expect(Object.keys(bySeverity)).toEqual(['high']);
    expect(bySeverity.high.total).toBe(2);
  });

  it('gives the breach rate as complaints with a breach over complaints that reached the stage, both in the window', () => {
    expect(report('clocks', {}).objection).toMatchObject({ breaches: 1, reached: 3, breachRate: 1 / 3 });
    expect(report('clocks', { openedFrom: at(24) }).objection).toMatchObject({
      breaches: 1,
      reached: 2,
      breachRate: 0.5,
    });
    expect(report('clocks', { openedBefore: at(48) }).objection).toMatchObject({
      breaches: 0,
      reached: 2,
      breachRate: 0,
    });
  });

  it('takes instants only: a bare date names no time zone', () => {
    expect(ReportQuerySchema.safeParse({ openedFrom: '2026-03-02' }).success).toBe(false);
    expect(ReportQuerySchema.safeParse({ openedBefore: 'yesterday' }).success).toBe(false);
  });
});
