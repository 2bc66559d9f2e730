import { z } from 'zod';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../domain/ladder';
import { OpenedWindowFields, openedWindowOf } from '../domain/opened-window';
import { BREAKDOWNS, type Filter, type Projections } from './projections';

export { BREAKDOWNS };

/** The published reports, by the name they have in `GET /v1/analytics/<name>`. */
export const REPORTS = {
  'open-work': (p: Projections, f: Filter) => p.openWork(f),
  funnel: (p: Projections, f: Filter) => p.funnel(f),
  speed: (p: Projections, f: Filter) => p.speed(f),
  clocks: (p: Projections, f: Filter) => p.clocks(f),
  compensation: (p: Projections, f: Filter) => p.compensation(f),
  'after-resolution': (p: Projections, f: Filter) => p.afterResolution(f),
  'customer-updates': (p: Projections, f: Filter) => p.customerUpdates(f),
} as const;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

export const ReportQuerySchema = z.strictObject({
  category: z.enum(CATEGORIES).optional(),
  channel: z.enum(CHANNELS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** One dealer or several, comma-separated. */
  dealerId: z
    .string()
    .min(1)
    .transform((s) =>
      s
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .optional(),
  by: z.enum(BREAKDOWNS).optional(),
  ...OpenedWindowFields,
});
export type ReportQuery = z.output<typeof ReportQuerySchema>;

export function runReport(projections: Projections, name: ReportName, query: ReportQuery): unknown {
  // The name may come off a URL: never let "constructor" reach Object.prototype.
  if (!Object.hasOwn(REPORTS, name)) throw new Error(`no report ${String(name)}`);
  const report = REPORTS[name];
  const filter: Filter = {
    ...(query.category ? { category: query.category } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.dealerId ? { dealerId: query.dealerId } : {}),
    ...(query.openedFrom || query.openedBefore ? { opened: openedWindowOf(query) } : {}),
  };
  if (!query.by) return report(projections, filter);
  return projections.breakdown(query.by, (f) => report(projections, f), filter);
}
