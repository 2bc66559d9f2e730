/**
 * 知情权: the customer-update clock. The customer hears from us within the policy's first
 * interval, then at its cadence while the complaint is open. A logged contact or a delivered
 * customer notice meets it; an internal acknowledgement never does. A lapse warns the owner and
 * the owner tier and is recorded, but the ladder climbs only on respond-by and resolve-by.
 */
import type { CustomerChannel, CustomerMessage } from './customer-notices';
import { Draft, iso, type CustomerNoticeRequest, type Transition } from './draft';
import type { ComplaintState } from './complaint';
import { LADDER } from './ladder';
import { ownerAudience } from './ownership';
import { maskPhone } from './phone';
import type { Policy } from './policy';
import { openedBeforeOwnership } from './policy-era';

/** At intake: the first update is due within `customerUpdates.firstWithin`. */
export function startCustomerUpdates(d: Draft, policy: Policy): void {
  if (openedBeforeOwnership(policy)) return;
  d.state = { ...d.state, customerUpdate: { dueAt: d.now + policy.customerUpdates.firstWithin, lapsed: false } };
}

/** The customer heard from us now: the next update is due one cadence later. */
export function customerHeard(d: Draft, policy: Policy): void {
  if (!d.state.customerUpdate || openedBeforeOwnership(policy)) return;
  d.state = {
    ...d.state,
    customerUpdate: { dueAt: d.now + policy.customerUpdates.every, lastAt: d.now, lapsed: false },
  };
}

/** Nobody told the customer anything in time. `upTo`: how late it is handled, so an outage gives one lapse, not many. */
export function customerUpdateLapsed(d: Draft, policy: Policy, upTo: number): void {
  const update = d.state.customerUpdate!;
  const { every } = policy.customerUpdates;
  const next = update.dueAt + every * (Math.max(0, Math.floor((upTo - update.dueAt) / every)) + 1);
  d.state = { ...d.state, customerUpdate: { ...update, dueAt: next, lapsed: true }, lapsedAt: d.now };
  d.emit('customer.update.lapsed', {
    stage: d.state.stage,
    dueAt: iso(update.dueAt),
    ...(update.lastAt !== undefined ? { lastContactAt: iso(update.lastAt) } : {}),
  });
  d.audit(
    'customer.update.lapsed',
    'system',
    `the customer was not updated by ${iso(update.dueAt)}`,
    'customer.update.lapsed',
  );
  d.notify('customer_update_lapsed', ownerAudience(d.state, LADDER[d.state.stage].ownerTier), {
    dueAt: update.dueAt,
    unique: d.now,
  });
}

/**
 * A customer notice reached the channel. It meets the update clock, except on latent, where the
 * point is that staff contact the customer themselves (seed 000 (1): 主动与客户沟通).
 */
export function customerNotified(
  state: ComplaintState,
  notice: CustomerNoticeRequest,
  message: CustomerMessage,
  channel: CustomerChannel['kind'],
  policy: Policy,
  now: number,
): Transition {
  const d = new Draft(state, now);
  d.emit('customer.notified', {
    notificationKey: notice.key,
    template: notice.customer,
    stage: notice.stage,
    language: message.language,
    channel,
    phoneMasked: maskPhone(state.intake.customer.phone),
  });
  if (state.status === 'open' && state.stage !== 'latent') customerHeard(d, policy);
  return d.done();
}

/** The channel refused the notice for good: staff see it on the audit trail. */
export function customerNoticeFailed(
  state: ComplaintState,
  notice: CustomerNoticeRequest,
  why: string,
  now: number,
): Transition {
  const d = new Draft(state, now);
  d.audit('customer.notice_failed', 'system', `the ${notice.customer} notice could not be sent: ${why.slice(0, 200)}`);
  return d.done();
}
