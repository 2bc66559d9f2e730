import { visibilityQuery } from '../../api/complaints';
import { ListQuerySchema } from '../../api/schemas';
import { openedWindowFault, openedWindowOf } from '../../domain/opened-window';

/** GET /v1/complaints filters a drill-down from the analytics page needs: severity and the opening window. */
describe('list filters for severity and the period complaints were opened in', () => {
  it('lists one severity', () => {
    expect(visibilityQuery({ severity: 'high', status: 'open' })).toBe(
      "WorkflowType = 'complaint' AND ExecutionStatus != 'ContinuedAsNew' AND ComplaintSeverity = 'high' AND ComplaintStatus = 'open' AND ExecutionStatus = 'Running'",
    );
  });

  it('lists complaints opened in [openedFrom, openedBefore), written in UTC whatever offset was sent', () => {
    const query = ListQuerySchema.parse({
      openedFrom: '2026-11-01T00:00:00+08:00',
      openedBefore: '2026-12-01T00:00:00+08:00',
    });
    const opened = openedWindowOf(query);
    expect(visibilityQuery({ openedFrom: opened.from, openedBefore: opened.before })).toBe(
      "WorkflowType = 'complaint' AND ExecutionStatus != 'ContinuedAsNew' AND StartTime >= '2026-10-31T16:00:00.000Z' AND StartTime < '2026-11-30T16:00:00.000Z'",
    );
  });

  it('refuses a window that ends before it starts, a bare date, and an unknown severity', () => {
    expect(
      openedWindowFault(openedWindowOf({ openedFrom: '2026-11-30T00:00:00Z', openedBefore: '2026-11-01T00:00:00Z' })),
    ).toBe('openedFrom must be before openedBefore');
    expect(openedWindowFault(openedWindowOf({ openedFrom: '2026-11-01T00:00:00Z' }))).toBeNull();
    expect(ListQuerySchema.safeParse({ openedFrom: '2026-11-01' }).success).toBe(false);
    expect(ListQuerySchema.safeParse({ severity: 'urgent' }).success).toBe(false);
  });
});
