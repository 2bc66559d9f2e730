/**
 * A transition being built: the next state plus its effects (events numbered without gaps, staff
 * notices, remedy-ledger records). Every writer of complaint state goes through one of these.
 */
import type { ClockKind } from './clock';
import type { ComplaintState } from './complaint';
import { eventId } from './event-id';
import type { DomainEvent, EventDataInput, EventName } from './events';
import type { Stage } from './ladder';
import type { NoticeKind } from './notice-kinds';
import type { Remedy } from './remedy';
import type { Actor } from './staff';

export type { NoticeKind } from './notice-kinds';

/** A staff notification to deliver. `key` is unique per complaint, stage entry, clock and kind. */
export interface NoticeRequest {
  key: string;
  kind: NoticeKind;
  stage: Stage;
  clock?: ClockKind;
  /** Who: the owner tier of the stage, or named roles (approvers, customer service). */
  audience: { tier: 1 | 2 | 3 } | { roles: Actor['role'][] } | { staff: Actor };
  dueAt?: number;
}

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
  constructor(public state: ComplaintState, readonly now: number) {}

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
  notify(kind: NoticeKind, audience: NoticeRequest['audience'], extra: { clock?: ClockKind; dueAt?: number; unique?: string | number } = {}): void {
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

  audit(action: string, actor: Actor | 'system', summary: string): void {
    this.state = { ...this.state, audit: [...this.state.audit, { at: this.now, action, actor, summary }] };
  }

  done<R>(result?: R): Transition<R> {
    return { state: this.state, effects: this.effects, ...(result === undefined ? {} : { result }) };
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();
