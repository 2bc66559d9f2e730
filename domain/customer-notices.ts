/**
 * 知情权: what the customer is told, and through which channel. The workflow decides when
 * (transitions raise a customer notice), this file words it from the policy's templates, and
 * activities/customer-notify.ts sends it. Never an internal note, never a staff-only figure.
 */

/** The moments the seeds name (seed 001, 000 1(6), 003 解决问题). */
export const CUSTOMER_TEMPLATES = [
  /** Received, with the complaint id and the owner's name. */
  'received',
  /** A remedy is ready for the customer to decide on. */
  'remedy_proposed',
  /** The outcome: resolved, with what was agreed or why the policy stands. */
  'outcome',
  /** The follow-up call is being planned. */
  'follow_up_planned',
  /** Another person now handles the case: their name. */
  'handed_over',
] as const;
export type CustomerTemplate = (typeof CUSTOMER_TEMPLATES)[number];

export const CUSTOMER_LANGUAGES = ['zh-CN', 'en'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

/** How customer notices leave: a generic SMS-gateway webhook, or the worker log (the demo). */
export type CustomerChannel = { kind: 'log' } | { kind: 'sms_webhook'; url: string };

/** One worded customer notice, ready for the channel. `key` is unique per complaint and moment. */
export interface CustomerMessage {
  key: string;
  template: CustomerTemplate;
  complaintId: string;
  dealerId: string;
  language: CustomerLanguage;
  text: string;
}

/** What the customer channel activity is given: the raw phone goes to the gateway and nowhere else. */
export interface CustomerDelivery {
  message: CustomerMessage;
  phone: string;
  channel: CustomerChannel;
}
