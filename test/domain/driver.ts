/** Drives a complaint through the same decide() and deadlineReached() the workflow runs. */
import type { ActionName } from '../../domain/actions';
import type { ComplaintState } from '../../domain/complaint';
import { decide, type Decision } from '../../domain/decide';
import { validateEventData, type DomainEvent } from '../../domain/events';
import type { Policy } from '../../domain/policy';
import { customerNotified } from '../../domain/customer-updates';
import { describeCustomerNotice } from '../../domain/customer-messages';
import type { CustomerMessage } from '../../domain/customer-notices';
import {
  catchUp,
  isCustomerNotice,
  openComplaint,
  type CustomerNoticeRequest,
  type NoticeRequest,
  type StaffNoticeRequest,
} from '../../domain/transitions';
import type { Stage } from '../../domain/ladder';
import { intake } from './fixtures';

export class Driver {
  state: ComplaintState;
  readonly events: DomainEvent[] = [];
  /** Staff notices raised so far. */
  readonly notices: StaffNoticeRequest[] = [];
  /** Customer notices raised and not yet delivered (deliverToCustomer sends them). */
  readonly toCustomer: CustomerNoticeRequest[] = [];
  /** Customer notices delivered, as the channel got them. */
  readonly sentToCustomer: CustomerMessage[] = [];

  constructor(
    readonly policy: Policy,
    public now: number,
    stage: Stage = 'objection',
    overrides: Partial<typeof intake> = {},
  ) {
    const opened = openComplaint('C-1', { ...intake, ...overrides }, stage, policy, now);
    this.state = opened.state;
    this.record(opened.effects);
  }

  private record(effects: { events: DomainEvent[]; notices: NoticeRequest[] }): void {
    for (const e of effects.events) validateEventData(e.name, e.data);
    this.events.push(...effects.events);
    for (const n of effects.notices) (isCustomerNotice(n) ? this.toCustomer : this.notices).push(n as never);
  }

  /** The customer channel delivers every pending customer notice now, as workflows/effects.ts does. */
  deliverToCustomer(): this {
    for (const notice of this.toCustomer.splice(0)) {
      const message = describeCustomerNotice(notice, this.state, this.policy);
      this.sentToCustomer.push(message);
      const delivered = customerNotified(this.state, notice, message, 'log', this.policy, this.now);
      this.state = delivered.state;
      this.record(delivered.effects);
    }
    return this;
  }

  /** Lets time pass: everything that falls due on the way happens, as the workflow's timer would do it. */
  advanceTo(at: number): this {
    const caught = catchUp(this.state, this.policy, at);
    this.state = caught.state;
    this.record(caught.effects);
    this.now = at;
    return this;
  }

  advanceBy(ms: number): this {
    return this.advanceTo(this.now + ms);
  }

  /** The action as the Update validator and handler decide it; applied when allowed. */
  act(name: ActionName, input: unknown): Decision {
    const decision = decide(name, this.state, input, this.policy, this.now);
    if (decision.ok) {
      this.record(decision.caught.effects);
      this.record(decision.applied.effects);
      this.state = decision.applied.state;
    }
    return decision;
  }

  /** Like act, but fails the test with the refusal's reason. */
  must(name: ActionName, input: unknown): this {
    const decision = this.act(name, input);
    if (!decision.ok) throw new Error(`${name} refused: ${decision.reason}`);
    return this;
  }

  named(name: string): DomainEvent[] {
    return this.events.filter((e) => e.name === name);
  }
}

export const refusedWith = (code: string, reason: RegExp = /./) =>
  expect.objectContaining({ ok: false, code, reason: expect.stringMatching(reason) });
