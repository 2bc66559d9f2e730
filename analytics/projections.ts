/**
 * Reports built from the complaint-events stream alone. Events fold into one small fact record
 * per complaint; every report is computed from those facts on request, so any report can be cut
 * by category, channel, dealer or severity, and a rebuild from offset 0 gives exactly the same
 * numbers.
 */
import type { ClockKind } from '../domain/clock';
import type { ComplaintStatus } from '../domain/complaint';
import { CUSTOMER_TEMPLATES, type CustomerTemplate } from '../domain/customer-notices';
import type { ComplaintEvent } from '../domain/events';
import { openedWithin, type OpenedWindow } from '../domain/opened-window';
import { LADDER, SEVERITIES, STAGES, type Category, type Channel, type Severity, type Stage } from '../domain/ladder';
import type { RemedyType } from '../domain/remedy';
import type { Role } from '../domain/staff';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A typed event as the reader hands it over (the CloudEvent id is not needed to fold). */
export type StreamEvent = DistributiveOmit<ComplaintEvent, 'id'>;

interface RemedyFact {
  type: RemedyType;
  amount: number;
  proposerRole: Role;
  approverRole?: Role;
  status: 'proposed' | 'accepted' | 'declined';
}

interface ComplaintFacts {
  complaintId: string;
  dealerId: string;
  channel: Channel;
  category: Category;
  severity: Severity;
  openedAt: number;
  stage: Stage;
  status: ComplaintStatus;
  reached: Set<Stage>;
  stageEnteredAt: number;
  /** Stages in which staff responded, with the time from entering the stage to the response. */
  firstResponse: Map<Stage, number>;
  resolvedAt?: number;
  stageAtResolution?: Stage;
  breaches: { stage: Stage; clock: ClockKind }[];
  autoEscalations: Stage[];
  remedies: Map<string, RemedyFact>;
  followUps: boolean[];
  reopens: number;
  defects: string[];
  /** 知情权: the first time the customer heard from us (a logged contact or a delivered notice). */
  firstCustomerContactAt?: number;
  customerNotices: CustomerTemplate[];
  /** The stage of each lapsed customer-update clock. */
  customerUpdateLapses: Stage[];
}

/** A dictionary keyed by outside data (dealer ids, roles …): no prototype, so "__proto__" is just a key. */
function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

export interface Filter {
  category?: string;
  channel?: string;
  severity?: string;
  dealerId?: string | string[];
  /** Only complaints opened within it (each report covers a cohort by opening time). */
  opened?: OpenedWindow;
}

/** The dimensions a report can be cut by: `?by=` on the API, `--by` on the CLI. */
export const BREAKDOWNS = ['category', 'channel', 'dealerId', 'severity'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Breakdowns with a natural order (low before critical); the others sort alphabetically. */
const BREAKDOWN_ORDER: Partial<Record<Breakdown, readonly string[]>> = { severity: SEVERITIES };

export class Projections {
  private readonly complaints = new Map<string, ComplaintFacts>();
  private readonly eventsByDealer = new Map<string, number>();
  eventsApplied = 0;

  apply(e: StreamEvent): void {
    this.eventsApplied++;
    this.eventsByDealer.set(e.dealerId, (this.eventsByDealer.get(e.dealerId) ?? 0) + 1);
    if (e.name === 'complaint.opened') {
      this.complaints.set(e.complaintId, {
        complaintId: e.complaintId,
        dealerId: e.dealerId,
        channel: e.data.channel,
        category: e.data.category,
        severity: e.data.severity,
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
        customerNotices: [],
        customerUpdateLapses: [],
      });
      return;
    }
    const c = this.complaints.get(e.complaintId);
    if (!c) return; // events of a complaint opened before retention began: nothing to attach to
    switch (e.name) {
      case 'stage.entered':
        c.stage = e.data.to;
        c.reached.add(e.data.to);
        c.stageEnteredAt = e.time;
        if (e.data.trigger === 'deadline_lapsed') c.autoEscalations.push(e.data.to);
        break;
      case 'complaint.acknowledged':
        if (!c.firstResponse.has(e.data.stage)) c.firstResponse.set(e.data.stage, e.time - c.stageEnteredAt);
        break;
      case 'contact.logged':
        if (!c.firstResponse.has(e.data.stage)) c.firstResponse.set(e.data.stage, e.time - c.stageEnteredAt);
        // Unlike an acknowledgement, which is internal, a logged contact reached the customer.
        c.firstCustomerContactAt ??= e.time;
        break;
      case 'customer.notified':
        c.customerNotices.push(e.data.template);
        c.firstCustomerContactAt ??= e.time;
        break;
      case 'customer.update.lapsed':
        c.customerUpdateLapses.push(e.data.stage);
        break;
      case 'deadline.breached':
        c.breaches.push({ stage: e.data.stage, clock: e.data.clock });
        break;
      case 'remedy.proposed':
        c.remedies.set(e.data.remedyId, {
          type: e.data.type,
          amount: e.data.amount,
          proposerRole: e.data.proposedBy.role,
          status: 'proposed',
        });
        break;
      case 'remedy.approved': {
        const r = c.remedies.get(e.data.remedyId);
        if (r) r.approverRole = e.data.approvedBy.role;
        break;
      }
      case 'remedy.accepted':
      case 'remedy.declined': {
        const r = c.remedies.get(e.data.remedyId);
        if (r) r.status = e.name === 'remedy.accepted' ? 'accepted' : 'declined';
        break;
      }
      case 'complaint.resolved':
        c.status = 'resolved';
        c.resolvedAt = e.time;
        c.stageAtResolution = e.data.stageReached;
        break;
      case 'followup.completed':
        // A call nobody answered says nothing about satisfaction.
        if (e.data.outcome !== 'unreachable') c.followUps.push(e.data.satisfied);
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
        c.defects.push(e.data.area);
        break;
      // Events no report reads yet: listed so that a new catalogue event has to be decided on here.
      case 'deadline.warning':
      case 'clock.paused':
      case 'clock.resumed':
      case 'deadline.extended':
      case 'staff.notified':
      case 'followup.scheduled':
      case 'complaint.assigned':
        break;
      default: {
        // A catalogue event without a case above fails tsc here.
        const _exhaustive: never = e;
        void _exhaustive;
      }
    }
  }

  private select(filter: Filter): ComplaintFacts[] {
    const dealers = filter.dealerId === undefined ? undefined : new Set([filter.dealerId].flat());
    return [...this.complaints.values()].filter(
      (c) =>
        (!filter.category || c.category === filter.category) &&
        (!filter.channel || c.channel === filter.channel) &&
        (!filter.severity || c.severity === filter.severity) &&
        (!dealers || dealers.has(c.dealerId)) &&
        (!filter.opened || openedWithin(c.openedAt, filter.opened)),
    );
  }

  /** Open work: open complaints by stage and by dealer. */
  openWork(filter: Filter = {}) {
    const open = this.select(filter).filter((c) => c.status === 'open');
    return {
      total: open.length,
      byStage: countBy(open, (c) => c.stage, STAGES),
      byDealer: countBy(open, (c) => c.dealerId),
    };
  }

  /** Where complaints went: how many reached each stage, and the stage at resolution. */
  funnel(filter: Filter = {}) {
    const all = this.select(filter);
    const reached = Object.fromEntries(STAGES.map((s) => [s, all.filter((c) => c.reached.has(s)).length])) as Record<
      Stage,
      number
    >;
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

  /**
   * Per stage: complaints with a respond-by or resolve-by breach there (each complaint once, however
   * often it breached), the complaints that reached it, automatic escalations into it, and the
   * breach rate: the first count over the second. A missed follow-up call is not a stage breach:
   * see afterResolution().
   */
  clocks(filter: Filter = {}) {
    const all = this.select(filter);
    return Object.fromEntries(
      STAGES.map((s) => {
        const reached = all.filter((c) => c.reached.has(s)).length;
        const breached = all.filter((c) => c.breaches.some((b) => b.stage === s && b.clock !== 'follow_up')).length;
        return [
          s,
          {
            breaches: breached,
            reached,
            autoEscalationsInto: all.reduce((n, c) => n + c.autoEscalations.filter((x) => x === s).length, 0),
            breachRate: reached ? breached / reached : 0,
          },
        ];
      }),
    ) as Record<Stage, { breaches: number; reached: number; autoEscalationsInto: number; breachRate: number }>;
  }

  /** Compensation actually given (accepted remedies): by type, by approving role, by stage at resolution. */
  compensation(filter: Filter = {}) {
    const all = this.select(filter);
    const accepted = all.flatMap((c) =>
      [...c.remedies.values()].filter((r) => r.status === 'accepted').map((r) => ({ c, r })),
    );
    const sum = <K extends string>(key: (x: { c: ComplaintFacts; r: RemedyFact }) => K | undefined) => {
      const out = dict<{ count: number; amount: number }>();
      for (const x of accepted) {
        const k = key(x);
        if (k === undefined) continue;
        const row = (out[k] ??= { count: 0, amount: 0 });
        row.count++;
        row.amount += x.r.amount;
      }
      return out;
    };
    const resolved = all.filter((c) => c.stageAtResolution);
    // Seed 000 figure 3-2: recovery costs more the higher a complaint climbed.
    const costOfRecovery = STAGES.map((s) => {
      const here = resolved.filter((c) => c.stageAtResolution === s);
      const amounts = here.map((c) =>
        [...c.remedies.values()].filter((r) => r.status === 'accepted').reduce((n, r) => n + r.amount, 0),
      );
      const total = amounts.reduce((a, b) => a + b, 0);
      return {
        stage: s,
        label: LADDER[s].label,
        resolved: here.length,
        total,
        average: here.length ? total / here.length : 0,
      };
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

  /**
   * After resolution: follow-up satisfaction, missed follow-up calls (resolved complaints whose
   * follow-up deadline lapsed, each complaint once), the reopen rate, process defects by area.
   */
  afterResolution(filter: Filter = {}) {
    const all = this.select(filter);
    const calls = all.flatMap((c) => c.followUps);
    const resolvedEver = all.filter((c) => c.resolvedAt !== undefined || c.reopens > 0);
    const missed = resolvedEver.filter((c) => c.breaches.some((b) => b.clock === 'follow_up')).length;
    const reopened = all.filter((c) => c.reopens > 0).length;
    return {
      followUps: calls.length,
      satisfied: calls.filter(Boolean).length,
      satisfactionRate: calls.length ? calls.filter(Boolean).length / calls.length : 0,
      followUpsMissed: missed,
      followUpMissRate: resolvedEver.length ? missed / resolvedEver.length : 0,
      reopened,
      reopenRate: resolvedEver.length ? reopened / resolvedEver.length : 0,
      defectsByArea: countBy(
        all.flatMap((c) => c.defects),
        (a) => a,
      ),
    };
  }

  /**
   * Was the customer kept informed (知情权, seed 001)? The share of complaints whose customer-update
   * clock never lapsed, lapses per stage (each complaint once in `complaints`), the time from
   * intake to the first customer contact, and the notices sent by template.
   */
  customerUpdates(filter: Filter = {}) {
    const all = this.select(filter);
    const neverLapsed = all.filter((c) => c.customerUpdateLapses.length === 0).length;
    const contacted = all.filter((c) => c.firstCustomerContactAt !== undefined);
    const lapsesByStage = Object.fromEntries(
      STAGES.map((s) => [
        s,
        {
          lapses: all.reduce((n, c) => n + c.customerUpdateLapses.filter((x) => x === s).length, 0),
          complaints: all.filter((c) => c.customerUpdateLapses.includes(s)).length,
        },
      ]),
    ) as Record<Stage, { lapses: number; complaints: number }>;
    return {
      complaints: all.length,
      neverLapsed,
      neverLapsedRate: all.length ? neverLapsed / all.length : 0,
      lapsesByStage,
      contacted: contacted.length,
      timeToFirstContact: percentiles(contacted.map((c) => c.firstCustomerContactAt! - c.openedAt)),
      noticesByTemplate: countBy(
        all.flatMap((c) => c.customerNotices),
        (t) => t,
        CUSTOMER_TEMPLATES,
      ),
    };
  }

  /** Any report, cut by one dimension: { [value]: report }. */
  breakdown<R>(by: Breakdown, report: (filter: Filter) => R, filter: Filter = {}): Record<string, R> {
    const values = [...new Set(this.select(filter).map((c) => c[by]))].sort();
    const order = BREAKDOWN_ORDER[by];
    if (order) values.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const out = dict<R>();
    for (const v of values) out[v] = report({ ...filter, [by]: v });
    return out;
  }

  get complaintCount(): number {
    return this.complaints.size;
  }

  /** How much of the stream a reader of these dealers (all: undefined) has seen, and nothing of others'. */
  scope(dealers?: readonly string[]): { eventsApplied: number; complaints: number } {
    if (!dealers) return { eventsApplied: this.eventsApplied, complaints: this.complaints.size };
    const mine = new Set(dealers);
    let complaints = 0;
    for (const c of this.complaints.values()) if (mine.has(c.dealerId)) complaints++;
    return { eventsApplied: dealers.reduce((n, d) => n + (this.eventsByDealer.get(d) ?? 0), 0), complaints };
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
  const out = dict<number>();
  for (const k of keys) out[k] = 0;
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
