import { LADDER, STAGES } from '../domain/ladder';
import { roleTier } from '../domain/staff';
import {
  AwaitingApprovalBy,
  ComplaintOverdue,
  ComplaintOwner,
  ComplaintStage,
  ComplaintStatus,
  ComplaintUnowned,
  NextDeadline,
  NextWarning,
} from '../workflows/search-attributes';
import type { ListItem } from './complaints';
import { ApiError } from './errors';
import { literal } from './search';
import type { StaffMember } from './staff-directory';
import { QUEUE_NAMES, type QueueName } from './vocabulary';

/** How far ahead `due-soon` looks for a deadline. */
const DUE_SOON_MS = 60 * 60 * 1000;

const RUNNING = `ExecutionStatus = 'Running'`;
const OPEN = `${ComplaintStatus.name} = 'open'`;
const at = (ms: number) => literal(new Date(ms).toISOString());

/**
 * The work queues, each a visibility query within the caller's dealers over running complaints
 * (ComplaintOverdue and ComplaintUnowned are only ever true while a complaint is open).
 * What visibility cannot see stays out: awaiting-my-approval lists remedies the caller proposed
 * too (the approve rule refuses those), and does not weigh what the caller already authorised.
 */
export const QUEUES = {
  mine: {
    description: 'Complaints I own (首问责任)',
    clauses: (me: StaffMember) => [RUNNING, `${ComplaintOwner.name} = ${literal(me.id)}`],
  },
  'awaiting-my-approval': {
    description: 'A remedy over its proposer’s cap that my role could approve',
    clauses: (me: StaffMember) => [RUNNING, `${AwaitingApprovalBy.name} = ${literal(me.role)}`],
  },
  overdue: {
    description: 'A deadline lapsed and nobody has acted since',
    clauses: () => [RUNNING, `${ComplaintOverdue.name} = true`],
  },
  'due-soon': {
    description: 'Not overdue, but a deadline within the hour or a warning already given',
    clauses: (_me: StaffMember, now: number) => [
      RUNNING,
      OPEN,
      `${ComplaintOverdue.name} = false`,
      `(${NextDeadline.name} <= ${at(now + DUE_SOON_MS)} OR ${NextWarning.name} <= ${at(now)})`,
    ],
  },
  'unowned-on-my-tier': {
    description: 'The owner cannot act on the rung, and the rung is my tier’s to take (customer service: every rung)',
    clauses: (me: StaffMember) => {
      // Customer service serves on every rung (mayOwn) and routes complaints, so it sees them all.
      const stages =
        me.role === 'customer_service' ? [] : STAGES.filter((s) => LADDER[s].ownerTier === roleTier(me.role));
      const onTier = stages.length ? [`${ComplaintStage.name} IN (${stages.map(literal).join(', ')})`] : [];
      return [RUNNING, `${ComplaintUnowned.name} = true`, ...onTier];
    },
  },
} satisfies Record<QueueName, { description: string; clauses: (me: StaffMember, now: number) => string[] }>;

export function queueNamed(name: string): QueueName {
  if (!(QUEUE_NAMES as readonly string[]).includes(name)) {
    throw new ApiError(404, 'not_found', `no queue ${JSON.stringify(name)}; the queues are ${QUEUE_NAMES.join(', ')}`, {
      queues: QUEUE_NAMES,
    });
  }
  return name as QueueName;
}

/**
 * Temporal's SQL visibility refuses ORDER BY, so each page is sorted here, earliest deadline first
 * (none last); pages themselves follow visibility's order, newest first.
 */
export const byNextDeadline = (items: ListItem[]): ListItem[] =>
  [...items].sort((a, b) => (a.nextDeadline ?? '\uffff').localeCompare(b.nextDeadline ?? '\uffff'));

/**
 * A queue's page token carries the moment its first page was asked for, so `due-soon` keeps one
 * query from page to page. The inner token's HMAC covers that query, so the moment cannot be edited.
 */
export const queueToken = {
  wrap: (asOf: number, inner: string | null) => (inner ? `${asOf.toString(36)}~${inner}` : null),
  unwrap(token: string | undefined, now: number): { asOf: number; inner?: string } {
    if (token === undefined) return { asOf: now };
    const [asOf, inner] = token.split('~');
    const ms = /^[0-9a-z]{1,12}$/.test(asOf ?? '') ? parseInt(asOf!, 36) : NaN;
    // A malformed one still reaches the HMAC check, which answers it with 400.
    return Number.isSafeInteger(ms) && inner ? { asOf: ms, inner } : { asOf: now, inner: token };
  },
};
