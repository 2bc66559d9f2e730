/**
 * Reports built from the complaint-events stream alone. Events fold into one small fact record
 * per complaint; every report is computed from those facts on request, so any report can be cut
 * by category, channel or dealer, and a rebuild from offset 0 gives exactly the same numbers.
 */
import { LADDER, STAGES, type Stage } from '../domain/ladder';
import type { EventName } from '../domain/events';

export interface StreamEvent {
  name: EventName;
  complaintId: string;
  dealerId: string;
  sequence: number;
  time: number;
  data: Record<string, any>;
}

interface RemedyFact {
  type: string;
  amount: number;
  proposerRole: string;
  approverRole?: string;
  status: 'proposed' | 'accepted' | 'declined';
}

interface ComplaintFacts {
  complaintId: string;
  dealerId: string;
  channel: string;
  category: string;
  openedAt: number;
  stage: Stage;
  status: 'open' | 'resolved' | 'closed';
  reached: Set<Stage>;
  stageEnteredAt: number;
  /** Stages in which staff responded, with the time from entering the stage to the response. */
  firstResponse: Map<Stage, number>;
  resolvedAt?: number;
  stageAtResolution?: Stage;
  breaches: { stage: Stage; clock: string }[];
  autoEscalations: Stage[];
  remedies: Map<string, RemedyFact>;
  followUps: boolean[];
  reopens: number;
  defects: string[];
}

export interface Filter {
  category?: string;
  channel?: string;
  dealerId?: string | string[];
}

export type Breakdown = 'category' | 'channel' | 'dealerId';

export class Projections {
  private readonly complaints = new Map<string, ComplaintFacts>();
  eventsApplied = 0;

  apply(e: StreamEvent): void {
    this.eventsApplied++;
    if (e.name === 'complaint.opened') {
      this.complaints.set(e.complaintId, {
        complaintId: e.complaintId,
        dealerId: e.dealerId,
        channel: e.data.channel,
        category: e.data.category,
        openedAt: e.time,
        stage: e.data.startingStage,
        status: 'open',
        reached: new Set(),
        stageEnteredAt: e.time,
        firstResponse: new Map(),
        breaches: [],
        autoEscalations: [],
        remedies: new Map(),
        followUps: [],
        reopens: 0,
        defects: [],
      });
      return;
    }
    const c = this.complaints.get(e.complaintId);
    if (!c) return; // events of a complaint opened before retention began: nothing to attach to
    const d = e.data;
    switch (e.name) {
      case 'stage.entered':
        c.stage = d.to;
        c.reached.add(d.to);
        c.stageEnteredAt = e.time;
        if (d.trigger === 'deadline_lapsed') c.autoEscalations.push(d.to);
        break;
      case 'complaint.acknowledged':
      case 'contact.logged':
        if (!c.firstResponse.has(d.stage)) c.firstResponse.set(d.stage, e.time - c.stageEnteredAt);
        break;
      case 'deadline.breached':
        c.breaches.push({ stage: d.stage, clock: d.clock });
        break;
      case 'remedy.proposed':
        c.remedies.set(d.remedyId, { type: d.type, amount: d.amount, proposerRole: d.proposedBy.role, status: 'proposed' });
        break;
      case 'remedy.approved': {
        const r = c.remedies.get(d.remedyId);
        if (r) r.approverRole = d.approvedBy.role;
        break;
      }
      case 'remedy.accepted':
      case 'remedy.declined': {
        const r = c.remedies.get(d.remedyId);
        if (r) r.status = e.name === 'remedy.accepted' ? 'accepted' : 'declined';
        break;
      }
      case 'complaint.resolved':
        c.status = 'resolved';
        c.resolvedAt = e.time;
        c.stageAtResolution = d.stageReached;
        break;
      case 'followup.completed':
        c.followUps.push(Boolean(d.satisfied));
        break;
      case 'complaint.reopened':
        c.status = 'open';
        c.reopens++;
        c.stageEnteredAt = e.time;
        break;
      case 'complaint.closed':
        c.status = 'closed';
        break;
      case 'process.defect.reported':
        c.defects.push(d.area);
        break;
      default:
        break;
    }
  }

  private select(filter: Filter): ComplaintFacts[] {
    const dealers = filter.dealerId === undefined ? undefined : new Set([filter.dealerId].flat());
    return [...this.complaints.values()].filter(
      (c) =>
        (!filter.category || c.category === filter.category) &&
        (!filter.channel || c.channel === filter.channel) &&
        (!dealers || dealers.has(c.dealerId)),
    );
  }

  /** Open work: open complaints by stage and by dealer. */
  openWork(filter: Filter = {}) {
    const open = this.select(filter).filter((c) => c.status === 'open');
    return { total: open.length, byStage: countBy(open, (c) => c.stage, STAGES), byDealer: countBy(open, (c) => c.dealerId) };
  }

  /** Where complaints went: how many reached each stage, and the stage at resolution. */
  funnel(filter: Filter = {}) {
    const all = this.select(filter);
    const reached = Object.fromEntries(STAGES.map((s) => [s, all.filter((c) => c.reached.has(s)).length])) as Record<Stage, number>;
    const resolved = all.filter((c) => c.stageAtResolution);
    return { opened: all.length, reached, stageAtResolution: countBy(resolved, (c) => c.stageAtResolution!, STAGES) };
  }

  /** Time to first response per stage, and time to resolution by stage at resolution (ms). */
  speed(filter: Filter = {}) {
    const all = this.select(filter);
    return Object.fromEntries(
      STAGES.map((s) => [
        s,
        {
          firstResponse: percentiles(all.flatMap((c) => (c.firstResponse.has(s) ? [c.firstResponse.get(s)!] : []))),
          resolution: percentiles(all.filter((c) => c.stageAtResolution === s).map((c) => c.resolvedAt! - c.openedAt)),
        },
      ]),
    ) as Record<Stage, { firstResponse: Percentiles; resolution: Percentiles }>;
  }

  /** Breaches and automatic escalations per stage, with the breach rate of complaints that reached it. */
  clocks(filter: Filter = {}) {
    const all = this.select(filter);
    return Object.fromEntries(
      STAGES.map((s) => {
        const reached = all.filter((c) => c.reached.has(s)).length;
        const breachedIn = all.filter((c) => c.breaches.some((b) => b.stage === s)).length;
        return [
          s,
          {
            breaches: all.reduce((n, c) => n + c.breaches.filter((b) => b.stage === s).length, 0),
            autoEscalationsInto: all.reduce((n, c) => n + c.autoEscalations.filter((x) => x === s).length, 0),
            breachRate: reached ? breachedIn / reached : 0,
          },
        ];
      }),
    ) as Record<Stage, { breaches: number; autoEscalationsInto: number; breachRate: number }>;
  }

  /** Compensation actually given (accepted remedies): by type, by approving role, by stage at resolution. */
  compensation(filter: Filter = {}) {
    const all = this.select(filter);
    const accepted = all.flatMap((c) => [...c.remedies.values()].filter((r) => r.status === 'accepted').map((r) => ({ c, r })));
    const sum = <K extends string>(key: (x: { c: ComplaintFacts; r: RemedyFact }) => K | undefined) => {
      const out: Record<string, { count: number; amount: number }> = {};
      for (const x of accepted) {
        const k = key(x);
        if (k === undefined) continue;
        out[k] ??= { count: 0, amount: 0 };
        out[k].count++;
        out[k].amount += x.r.amount;
      }
      return out;
    };
    const resolved = all.filter((c) => c.stageAtResolution);
    // Seed 000 figure 3-2: recovery costs more the higher a complaint climbed.
    const costOfRecovery = STAGES.map((s) => {
      const here = resolved.filter((c) => c.stageAtResolution === s);
      const amounts = here.map((c) => [...c.remedies.values()].filter((r) => r.status === 'accepted').reduce((n, r) => n + r.amount, 0));
      const total = amounts.reduce((a, b) => a + b, 0);
      return { stage: s, label: LADDER[s].label, resolved: here.length, total, average: here.length ? total / here.length : 0 };
    });
    return {
      total: accepted.reduce((n, x) => n + x.r.amount, 0),
      byType: sum((x) => x.r.type),
      // Within the proposer's cap the proposer's own authority approved it.
      byApprovingRole: sum((x) => x.r.approverRole ?? x.r.proposerRole),
      byStageAtResolution: sum((x) => x.c.stageAtResolution),
      costOfRecovery,
    };
  }

  /** After resolution: follow-up satisfaction, the reopen rate, process defects by area. */
  afterResolution(filter: Filter = {}) {
    const all = this.select(filter);
    const calls = all.flatMap((c) => c.followUps);
    const resolvedEver = all.filter((c) => c.resolvedAt !== undefined || c.reopens > 0);
    return {
      followUps: calls.length,
      satisfied: calls.filter(Boolean).length,
      satisfactionRate: calls.length ? calls.filter(Boolean).length / calls.length : 0,
      reopened: all.filter((c) => c.reopens > 0).length,
      reopenRate: resolvedEver.length ? all.filter((c) => c.reopens > 0).length / resolvedEver.length : 0,
      defectsByArea: countBy(all.flatMap((c) => c.defects), (a) => a),
    };
  }

  /** Any report, cut by one dimension: { [value]: report }. */
  breakdown<R>(by: Breakdown, report: (filter: Filter) => R, filter: Filter = {}): Record<string, R> {
    const values = [...new Set(this.select(filter).map((c) => c[by]))].sort();
    return Object.fromEntries(values.map((v) => [v, report({ ...filter, [by]: v })]));
  }

  get complaintCount(): number {
    return this.complaints.size;
  }
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

/** Nearest-rank percentiles: every figure is a time that really happened. */
export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9) };
}

function countBy<T>(items: T[], key: (t: T) => string, keys: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
