import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import type { Policy } from './policy';
import { ROLES, type Actor, type Role } from './staff';

/** Ways to put a failure right (seeds 000, 003, 004). */
export const REMEDY_TYPES = [
  'apology',
  'explanation',
  'free_inspection',
  'rework',
  'labour_fee_waiver',
  'discount',
  'cash_compensation',
  'gift',
  'pr_statement',
] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];
export const RemedyTypeSchema = lazySchema(() => z.enum(REMEDY_TYPES));

export const REMEDY_LABELS: Record<RemedyType, { en: string; zh: string }> = {
  apology: { en: 'Apology', zh: '道歉' },
  explanation: { en: 'Explanation', zh: '解释说明' },
  free_inspection: { en: 'Free inspection', zh: '免费检测' },
  rework: { en: "Rework at the dealer's cost", zh: '返修' },
  labour_fee_waiver: { en: 'Labour-fee waiver', zh: '工时费减免' },
  discount: { en: 'Discount', zh: '折扣优惠' },
  cash_compensation: { en: 'Cash compensation', zh: '现金补偿' },
  gift: { en: 'Gift', zh: '赠品' },
  pr_statement: { en: 'PR statement', zh: '公关声明' },
};

/**
 * awaiting_approval: over the proposer's cap, waiting for a role whose cap covers it.
 * proposed: put to the customer, who accepts or declines.
 */
export type RemedyStatus = 'awaiting_approval' | 'proposed' | 'accepted' | 'declined';

export interface Remedy {
  remedyId: string;
  type: RemedyType;
  /** In the policy's currency; 0 when the remedy costs the customer nothing to receive. */
  amount: number;
  currency: string;
  description: string;
  proposedBy: Actor;
  proposedAt: number;
  status: RemedyStatus;
  approvedBy?: Actor;
  approvedAt?: number;
  decidedAt?: number;
  decisionNote?: string;
}

/** A role's compensation authority; null means unlimited. */
export function capFor(role: Role, policy: Pick<Policy, 'compensationCaps'>): number | null {
  return policy.compensationCaps[role];
}

export function withinAuthority(role: Role, amount: number, policy: Pick<Policy, 'compensationCaps'>): boolean {
  const cap = capFor(role, policy);
  return cap === null || amount <= cap;
}

/** Roles empowered to approve `amount`, lowest authority first as listed in ROLES. */
export function approverRoles(amount: number, policy: Pick<Policy, 'compensationCaps'>): Role[] {
  return ROLES.filter((role) => withinAuthority(role, amount, policy));
}

/** What the dealership has agreed to give: the sum of accepted remedies. */
export function totalCompensation(remedies: readonly Remedy[]): number {
  return remedies.filter((r) => r.status === 'accepted').reduce((sum, r) => sum + r.amount, 0);
}

/**
 * Who is asked to approve: the least senior roles whose cap covers the amount, so a 2,000 CNY
 * goodwill payment goes to the service manager, not the general manager.
 */
export function firstApprovers(amount: number, policy: Pick<Policy, 'compensationCaps'>): Role[] {
  const able = approverRoles(amount, policy);
  const cap = (role: Role) => capFor(role, policy) ?? Number.POSITIVE_INFINITY;
  const lowest = Math.min(...able.map(cap));
  return able.filter((role) => cap(role) === lowest);
}
