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
  /**
   * The stage entry (ComplaintState.stageEntry) in which the customer decided. An acceptance only
   * resolves the complaint in the entry it was given in: after a climb or a reopen it is stale.
   */
  decidedInEntry?: number;
}

/**
 * Money: a finite amount of zero or more in whole fen (0.01), below a hard ceiling that keeps every
 * sum exact in a double. A policy sets the real limits per remedy and per complaint (rules.ts).
 */
export const MAX_AMOUNT = 1_000_000_000;
const inFen = (amount: number) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;
export const AmountSchema = lazySchema(() =>
  z
    .number({ error: 'expected an amount in the policy currency' })
    .meta({ minimum: 0, maximum: MAX_AMOUNT, multipleOf: 0.01 })
    .refine(Number.isFinite, { message: 'expected a finite amount', abort: true })
    .refine((a) => a >= 0, { message: 'amount must be zero or more', abort: true })
    .refine((a) => a <= MAX_AMOUNT, { message: `amount must be at most ${MAX_AMOUNT}`, abort: true })
    .refine(inFen, { message: 'amount must be in whole fen (at most two decimals)' })
    // -0 and 12.300000000000001 become 0 and 12.3: what a ledger can add up exactly.
    .transform((a) => Math.round(a * 100) / 100 + 0),
);

/** Sums amounts in whole fen, so 0.1 + 0.2 is 0.3. */
export const sumAmounts = (amounts: readonly number[]): number =>
  amounts.reduce((fen, a) => fen + Math.round(a * 100), 0) / 100;

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

/**
 * What one person has authorised on a complaint (seed 000 2(4): authority is a budget, not a
 * per-item limit): remedies they put to the customer within their own cap, or approved, that are
 * not declined.
 */
export function authorisedBy(remedies: readonly Remedy[], staffId: string): number {
  return sumAmounts(
    remedies
      .filter((r) => r.status === 'proposed' || r.status === 'accepted')
      .filter((r) => (r.approvedBy ? r.approvedBy.id === staffId : r.proposedBy.id === staffId))
      .map((r) => r.amount),
  );
}

/** Everything on the table or given: every remedy not declined. */
export function committedTotal(remedies: readonly Remedy[]): number {
  return sumAmounts(remedies.filter((r) => r.status !== 'declined').map((r) => r.amount));
}

/** An accepted remedy given in the current stage entry, which is what resolution needs. */
export function freshAcceptance(remedies: readonly Remedy[], stageEntry: number): Remedy | undefined {
  return remedies.find((r) => r.status === 'accepted' && decidedIn(r, stageEntry));
}

/** Decided in this stage entry. Remedies decided before entries were recorded count as current. */
export const decidedIn = (r: Remedy, stageEntry: number): boolean => (r.decidedInEntry ?? stageEntry) === stageEntry;

/** What the dealership has agreed to give: the sum of accepted remedies. */
export function totalCompensation(remedies: readonly Remedy[]): number {
  return sumAmounts(remedies.filter((r) => r.status === 'accepted').map((r) => r.amount));
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
