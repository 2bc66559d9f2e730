import { Command, Option } from 'commander';
import { BREAKDOWNS, REPORT_NAMES, type ReportName } from '../../analytics/reports';
import { CATEGORIES, CHANNELS, LADDER, SEVERITIES, STAGES, type Stage } from '../../domain/ladder';
import { ownValue } from '../../domain/own';
import { contextOf } from '../context';
import { span, table, type Style } from '../text';

// biome-ignore lint/suspicious/noExplicitAny: a report body is the analytics server's JSON, read field by field as each renderer prints it
type ReportData = any;

interface ReportBody {
  report: ReportName;
  eventsApplied: number;
  data: ReportData;
}

const stageLabel = (s: Stage) => `${LADDER[s].label.zh} ${s}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number | null) => (x === null ? '-' : span(x));
const money = (x: number) => x.toLocaleString('en-US');

/** Each report as the table a service manager would put on a slide. */
const RENDER: Record<ReportName, (data: ReportData, style: Style) => string> = {
  'open-work': (d, style) =>
    [
      `Open complaints: ${d.total}`,
      table(
        ['stage', 'open'],
        STAGES.map((s) => [stageLabel(s), String(d.byStage[s] ?? 0)]),
        style,
      ),
      '',
      table(
        ['dealer', 'open'],
        Object.entries(d.byDealer).map(([k, v]) => [k, String(v)]),
        style,
      ),
    ].join('\n'),
  funnel: (d, style) =>
    [
      `Opened: ${d.opened}`,
      table(
        ['stage', 'reached', 'resolved at'],
        STAGES.map((s) => [stageLabel(s), String(d.reached[s]), String(d.stageAtResolution[s] ?? 0)]),
        style,
      ),
    ].join('\n'),
  speed: (d, style) =>
    table(
      ['stage', 'responses', 'first response p50', 'p90', 'resolutions', 'resolution p50', 'p90'],
      STAGES.map((s) => {
        const { firstResponse: f, resolution: r } = d[s];
        return [stageLabel(s), String(f.count), ms(f.p50), ms(f.p90), String(r.count), ms(r.p50), ms(r.p90)];
      }),
      style,
    ),
  clocks: (d, style) =>
    table(
      ['stage', 'breaches', 'auto-escalations into', 'breach rate'],
      STAGES.map((s) => [stageLabel(s), String(d[s].breaches), String(d[s].autoEscalationsInto), pct(d[s].breachRate)]),
      style,
    ),
  compensation: (d, style) =>
    [
      `Total given: ${money(d.total)}`,
      table(
        ['remedy type', 'count', 'amount'],
        Object.entries<ReportData>(d.byType).map(([k, v]) => [k, String(v.count), money(v.amount)]),
        style,
      ),
      '',
      table(
        ['approving role', 'count', 'amount'],
        Object.entries<ReportData>(d.byApprovingRole).map(([k, v]) => [k, String(v.count), money(v.amount)]),
        style,
      ),
      '',
      'Cost of recovery by stage at resolution (seed 000, figure 3-2):',
      table(
        ['stage', 'resolved', 'total', 'average'],
        d.costOfRecovery.map((c: ReportData) => [
          stageLabel(c.stage),
          String(c.resolved),
          money(c.total),
          money(Math.round(c.average)),
        ]),
        style,
      ),
    ].join('\n'),
  'after-resolution': (d, style) =>
    [
      `Follow-up calls: ${d.followUps}, satisfied ${d.satisfied} (${pct(d.satisfactionRate)}); reopened ${d.reopened} (${pct(d.reopenRate)})`,
      table(
        ['process defect area', 'count'],
        Object.entries(d.defectsByArea).map(([k, v]) => [k, String(v)]),
        style,
      ),
    ].join('\n'),
  'customer-updates': (d, style) =>
    [
      `Never waited past the customer-update time: ${d.neverLapsed} of ${d.complaints} (${pct(d.neverLapsedRate)})`,
      `Intake to first customer contact: p50 ${ms(d.timeToFirstContact.p50)}, p90 ${ms(d.timeToFirstContact.p90)} (${d.contacted} contacted)`,
      table(
        ['stage', 'update lapses', 'complaints'],
        STAGES.map((s) => [stageLabel(s), String(d.lapsesByStage[s].lapses), String(d.lapsesByStage[s].complaints)]),
        style,
      ),
      '',
      table(
        ['customer notice', 'sent'],
        Object.entries(d.noticesByTemplate).map(([k, v]) => [k, String(v)]),
        style,
      ),
    ].join('\n'),
};

/** The table renderer for a report name the API answered with; unknown names (or "constructor") get none. */
export function rendererFor(report: string): ((data: ReportData, style: Style) => string) | undefined {
  return ownValue(RENDER, report);
}

export function reportCommand(): Command {
  return new Command('report')
    .description('print an analytics report built from the event stream')
    .addArgument(new Command().createArgument('<report>', REPORT_NAMES.join(' | ')).choices(REPORT_NAMES))
    .addOption(new Option('--category <category>').choices(CATEGORIES))
    .addOption(new Option('--channel <channel>').choices(CHANNELS))
    .addOption(new Option('--severity <severity>').choices(SEVERITIES))
    .option('--dealer <ids>', 'one dealer, or several comma-separated')
    .addOption(new Option('--by <dimension>', 'one table per value').choices(BREAKDOWNS))
    .action(
      async (
        name: ReportName,
        flags: { category?: string; channel?: string; severity?: string; dealer?: string; by?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const query = new URLSearchParams();
        if (flags.category) query.set('category', flags.category);
        if (flags.channel) query.set('channel', flags.channel);
        if (flags.severity) query.set('severity', flags.severity);
        if (flags.dealer) query.set('dealerId', flags.dealer);
        if (flags.by) query.set('by', flags.by);
        const qs = query.toString();
        const { body } = await ctx.client().get<ReportBody>(`/v1/analytics/${name}${qs ? `?${qs}` : ''}`);
        ctx.print(body, (b) => {
          const render = rendererFor(b.report) ?? ((data: unknown) => JSON.stringify(data, null, 2));
          const sections = flags.by
            ? Object.entries<ReportData>(b.data).map(
                ([value, data]) => `${ctx.style.bold(`${flags.by} = ${value}`)}\n${render(data, ctx.style)}`,
              )
            : [render(b.data, ctx.style)];
          return [`${ctx.style.bold(name)} (from ${b.eventsApplied} events)`, ...sections].join('\n\n');
        });
      },
    );
}
