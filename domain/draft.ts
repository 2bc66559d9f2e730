/**
 * A transition being built: the next state plus its effects (events numbered without gaps, staff
 * notices, remedy-ledger records). Every writer of complaint state goes through one of these.
 */
import type { ClockKind } from './clock';
import type { AuditEvent, ComplaintState, Resolution } from './complaint';
import type { CustomerTemplate } from './customer-notices';
import { eventId } from './event-id';
import type { DomainEvent, EventDataInput, EventName } from './events';
import type { Stage } from './ladder';
import type { NoticeKind } from './notice-kinds';
import type { Remedy, RemedyType } from './remedy';
import type { Actor, Tier } from './staff';

export type { NoticeKind } from './notice-kinds';

/** A staff notification to deliver. `key` is unique per complaint, stage entry, clock and kind. */
export interface StaffNoticeRequest {
  key: string;
  kind: NoticeKind;
  stage: Stage;
  clock?: ClockKind;
  /** Who: the owner tier of the stage, named roles (approvers, customer service), or one person (the owner), with their tier. */
  audience: { tier: Tier } | { roles: Actor['role'][] } | { staff: Actor; tier?: Tier };
  dueAt?: number;
}

/**
 * A customer notice to send (知情权). What it says is fixed when it is raised (the owner then, the
 * remedy then), so a later hand-over cannot change a message already on its way.
 */
export interface CustomerNoticeRequest {
  key: string;
  customer: CustomerTemplate;
  stage: Stage;
  owner: Actor;
  remedy?: { type: RemedyType; amount: number; currency: string };
  outcome?: Resolution['kind'];
  /** The follow-up call's planned moment (epoch ms). */
  date?: number;
}

export type NoticeRequest = StaffNoticeRequest | CustomerNoticeRequest;
export const isCustomerNotice = (n: NoticeRequest): n is CustomerNoticeRequest => 'customer' in n;

export interface Effects {
  events: DomainEvent[];
  notices: NoticeRequest[];
  ledger: Remedy[];
}

export interface Transition<R = unknown> {
  state: ComplaintState;
  effects: Effects;
  result?: R;
}

export class Draft {
  readonly effects: Effects = { events: [], notices: [], ledger: [] };
  constructor(
    public state: ComplaintState,
    readonly now: number,
  ) {}

  emit<N extends EventName>(name: N, data: EventDataInput<N>): void {
    const sequence = this.state.sequence + 1;
    this.state = { ...this.state, sequence };
    this.effects.events.push({
      id: eventId(this.state.complaintId, sequence),
      name,
      complaintId: this.state.complaintId,
      dealerId: this.state.dealerId,
      sequence,
      time: this.now,
      data: data as Record<string, unknown>,
    });
  }

  /** `unique` tells apart notices of one kind that may recur within a stage entry. */
  notify(
    kind: NoticeKind,
    audience: StaffNoticeRequest['audience'],
    extra: { clock?: ClockKind; dueAt?: number; unique?: string | number } = {},
  ): void {
    const { stage, stageEntry, complaintId } = this.state;
    const { unique, ...rest } = extra;
    const suffix = unique === undefined ? '' : `:${unique}`;
    this.effects.notices.push({
      key: `${complaintId}:${stageEntry}:${stage}:${rest.clock ?? '-'}:${kind}${suffix}`,
      kind,
      stage,
      audience,
      ...rest,
    });
  }

  /** `unique` tells apart notices of one template (each remedy, each hand-over); defaults to the stage entry. */
  tellCustomer(
    template: CustomerTemplate,
    about: Omit<CustomerNoticeRequest, 'key' | 'customer' | 'stage'>,
    unique?: string | number,
  ): void {
    const { stage, stageEntry, complaintId } = this.state;
    this.effects.notices.push({
      key: `${complaintId}:customer:${template}:${unique ?? stageEntry}`,
      customer: template,
      stage,
      ...about,
    });
  }

  /** `records` names the event this line stands for, emitted earlier in this transition; the line carries its data. */
  audit(action: string, actor: Actor | 'system', summary: string, records?: EventName): void {
    const event = records === undefined ? undefined : this.lastEmitted(records);
    this.state = {
      ...this.state,
      audit: [...this.state.audit, { at: this.now, action, actor, summary, ...(event ? { event } : {}) }],
    };
  }

  private lastEmitted(name: EventName): AuditEvent | undefined {
    for (let i = this.effects.events.length - 1; i >= 0; i--) {
      const e = this.effects.events[i]!;
      // emit() took this data as EventDataInput<typeof e.name>; DomainEvent only forgot the pairing.
      if (e.name === name) return { name, data: e.data } as AuditEvent;
    }
    return undefined;
  }

  done<R>(result?: R): Transition<R> {
    return { state: this.state, effects: this.effects, ...(result === undefined ? {} : { result }) };
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();
