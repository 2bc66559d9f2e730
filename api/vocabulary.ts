import { COMPLAINT_STATUSES } from '../domain/complaint';

/**
 * The API's own names that clients (the CLI, the dashboard) also use. Only the domain is imported,
 * so the CLI loads it without the Temporal client.
 */

/** How a complaint's workflow ended when it did not close the complaint: reported instead of a stale ComplaintStatus. */
export const WORKFLOW_ENDINGS = ['terminated', 'failed', 'timed_out', 'canceled'] as const;
export type WorkflowEnding = (typeof WORKFLOW_ENDINGS)[number];

/** A list item's status: the complaint's own, or how its workflow ended. */
export const LIST_STATUSES = [...COMPLAINT_STATUSES, ...WORKFLOW_ENDINGS] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** Temporal's execution status, as GET /v1/complaints/{id} reports it in workflowStatus. */
export const WORKFLOW_STATUSES = ['running', 'completed', 'continued_as_new', ...WORKFLOW_ENDINGS] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** GET /v1/queues/{queue}; api/queues.ts defines each one. */
export const QUEUE_NAMES = ['mine', 'awaiting-my-approval', 'overdue', 'due-soon', 'unowned-on-my-tier'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The queues' names as staff read them, served by GET /v1/vocabulary. */
export const QUEUE_LABELS: Record<QueueName, { en: string; zh: string }> = {
  mine: { en: 'Mine', zh: '我负责的' },
  'awaiting-my-approval': { en: 'Awaiting my approval', zh: '待我审批' },
  overdue: { en: 'Overdue', zh: '已超时' },
  'due-soon': { en: 'Due soon', zh: '即将到期' },
  'unowned-on-my-tier': { en: 'Unowned on my tier', zh: '待本级接手' },
};
