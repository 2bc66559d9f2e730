import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ServiceError,
  WorkflowFailedError,
  type Client,
  type WorkflowExecutionInfo,
  type WorkflowExecutionStatusName,
  type WorkflowHandle,
} from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { WorkflowNotFoundError, type QueryDefinition } from '@temporalio/common';
import { z } from 'zod';
import { COMPLAINT_STATUSES, maskPhone, type ComplaintState } from '../domain/complaint';
import { ownerOf } from '../domain/transitions';
import { SeveritySchema, StageSchema, type Severity, type Stage } from '../domain/ladder';
import { RoleSchema, type Actor, type Role } from '../domain/staff';
import type { complaint } from '../workflows';
import { policyQuery, stateQuery } from '../workflows/messages';
import type { Policy } from '../domain/policy';
import {
  AwaitingApprovalBy,
  ComplaintOverdue,
  ComplaintOwner,
  ComplaintSeverity,
  ComplaintStage,
  ComplaintStatus,
  ComplaintUnowned,
  DealerId,
  NextDeadline,
} from '../workflows/search-attributes';
import { ApiError, notFound } from './errors';
import { literal } from './search';
import { WORKFLOW_ENDINGS, type ListStatus, type WorkflowStatus } from './vocabulary';

/** What the API keeps in each complaint workflow's memo, written once at start. */
export interface ComplaintMemo {
  dealerId: string;
  openedAt: string;
  /** Present when the intake carried an Idempotency-Key; hashes only (see idempotency.ts). */
  idempotency?: { keyHash: string; requestHash: string };
  /**
   * The plate and RO number for lists, as indexedCode writes them. Here and not in visibility,
   * which holds only their hashes: memos are payloads, so the codec encrypts them.
   */
  plate?: string;
  repairOrderNo?: string;
}

export const WORKFLOW_TYPE = 'complaint';
const STATUS = z.enum(COMPLAINT_STATUSES);
const QUERY_DEADLINE_MS = 10_000;

export interface FoundComplaint {
  handle: WorkflowHandle<typeof complaint>;
  dealerId: string;
  running: boolean;
  /** How Temporal sees the run: running, completed, or how it ended otherwise (terminated, failed…). */
  workflowStatus: WorkflowStatus | null;
  memo: Partial<ComplaintMemo>;
}

/** The complaint with this id, or null if there is none (or the workflow is not a complaint). */
export async function findComplaint(client: Client, complaintId: string): Promise<FoundComplaint | null> {
  const handle = client.workflow.getHandle<typeof complaint>(complaintId);
  let description: Awaited<ReturnType<typeof handle.describe>>;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    if (err instanceof ServiceError && /invalid|not.?found/i.test(err.message)) return null;
    throw err;
  }
  if (description.type !== WORKFLOW_TYPE) return null;
  const memo = (description.memo ?? {}) as Partial<ComplaintMemo>;
  // Complaints the API opened carry their dealer in the memo; others (started by tools) in visibility,
  // and failing both, in the state itself.
  const dealerId =
    memo.dealerId ??
    description.typedSearchAttributes.get(DealerId) ??
    (await queryState(handle, complaintId)).dealerId;
  return {
    handle,
    dealerId,
    running: description.status.name === 'RUNNING',
    workflowStatus: workflowStatusOf(description.status.name),
    memo,
  };
}

/** The full state: queried while the complaint runs, the workflow's result once it is closed. */
export async function readState(found: FoundComplaint, complaintId: string): Promise<ComplaintState> {
  if (!found.running) {
    try {
      return await found.handle.result();
    } catch (err) {
      // Terminated or failed runs have no result; a query replays their history instead.
      if (!(err instanceof WorkflowFailedError)) throw err;
    }
  }
  return queryState(found.handle, complaintId);
}

/** The policy the complaint runs under; a query, so it works on running and closed complaints alike. */
export const queryPolicy = (handle: WorkflowHandle<typeof complaint>, complaintId: string): Promise<Policy> =>
  ask(handle, complaintId, policyQuery);

export const queryState = (handle: WorkflowHandle<typeof complaint>, complaintId: string): Promise<ComplaintState> =>
  ask(handle, complaintId, stateQuery);

async function ask<T>(
  handle: WorkflowHandle<typeof complaint>,
  complaintId: string,
  query: QueryDefinition<T>,
): Promise<T> {
  try {
    return await handle.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(query));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`no complaint ${complaintId}`);
    throw new ApiError(503, 'unavailable', `complaint ${complaintId} did not answer: no complaints worker is running`);
  }
}

/** What clients see of a complaint: the whole state, with the customer's phone masked. */
/** A complaint as the API sends it: the owner filled in, the phone masked, the workflow's bookkeeping of Idempotency-Keys left out. */
export type ComplaintView = Omit<ComplaintState, 'owner' | 'idempotencyKeys'> & { owner: Actor };

export function viewOf(state: ComplaintState): ComplaintView {
  const { customer } = state.intake;
  const { idempotencyKeys: _keys, ...rest } = state;
  return {
    ...rest,
    owner: ownerOf(state),
    intake: { ...state.intake, customer: { ...customer, phone: maskPhone(customer.phone) } },
  };
}

const ENDING = z.enum(WORKFLOW_ENDINGS);
const WORKFLOW_STATUS_OF: Partial<Record<WorkflowExecutionStatusName, WorkflowStatus>> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  CONTINUED_AS_NEW: 'continued_as_new',
  TERMINATED: 'terminated',
  FAILED: 'failed',
  TIMED_OUT: 'timed_out',
  CANCELLED: 'canceled',
};
export const workflowStatusOf = (name: WorkflowExecutionStatusName): WorkflowStatus | null =>
  WORKFLOW_STATUS_OF[name] ?? null;

/** Each list status as visibility clauses: open and resolved complaints run, closed ones completed. */
const STATUS_CLAUSES: Record<ListStatus, string[]> = {
  open: [`${ComplaintStatus.name} = 'open'`, `ExecutionStatus = 'Running'`],
  resolved: [`${ComplaintStatus.name} = 'resolved'`, `ExecutionStatus = 'Running'`],
  closed: [`ExecutionStatus = 'Completed'`],
  terminated: [`ExecutionStatus = 'Terminated'`],
  failed: [`ExecutionStatus = 'Failed'`],
  timed_out: [`ExecutionStatus = 'TimedOut'`],
  canceled: [`ExecutionStatus = 'Canceled'`],
};

export interface ListFilter {
  stage?: string | undefined;
  severity?: string | undefined;
  /** Epoch ms: opened at or after it, and before `openedBefore`. */
  openedFrom?: number | undefined;
  openedBefore?: number | undefined;
  status?: ListStatus | undefined;
  /** A staff id (STAFF_ID_SHAPE): complaints that person owns. */
  owner?: string | undefined;
  /** One dealer, or the set of dealers the caller may see; undefined for all dealers. */
  dealers?: string[] | undefined;
  /** Further clauses, already safe (a search, a queue); ANDed with the rest. */
  clauses?: string[] | undefined;
  pageSize: number;
  pageToken?: string | undefined;
}

export interface ListItem {
  complaintId: string;
  dealerId: string | null;
  stage: Stage | null;
  status: ListStatus | null;
  /** The owner's staff id; null for complaints opened before owners were indexed. */
  owner: string | null;
  severity: Severity | null;
  /** As indexed: capitals, no spaces. */
  plate: string | null;
  repairOrderNo: string | null;
  /** Roles that could approve a remedy that waits for approval. */
  awaitingApprovalBy: Role[];
  /** A deadline lapsed with nobody acting since. */
  overdue: boolean;
  /** The owner cannot act on the rung. */
  unowned: boolean;
  nextDeadline: string | null;
  openedAt: string | null;
}

/**
 * Builds the visibility query. Every value has already been checked against an enum or a
 * quote-free shape, and goes through literal() anyway, so nothing a caller sends can change the
 * query's structure. Runs that continued as new are left out: their successor is the complaint.
 */
export function visibilityQuery(
  filter: Pick<
    ListFilter,
    'stage' | 'severity' | 'openedFrom' | 'openedBefore' | 'status' | 'dealers' | 'owner' | 'clauses'
  >,
): string {
  const clauses = [`WorkflowType = ${literal(WORKFLOW_TYPE)}`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.stage) clauses.push(`${ComplaintStage.name} = ${literal(filter.stage)}`);
  if (filter.severity) clauses.push(`${ComplaintSeverity.name} = ${literal(filter.severity)}`);
  // StartTime is when the run began: the opening, unless a long history continued the complaint
  // as new. An OpenedAt Datetime search attribute would close that gap.
  if (filter.openedFrom !== undefined)
    clauses.push(`StartTime >= ${literal(new Date(filter.openedFrom).toISOString())}`);
  if (filter.openedBefore !== undefined)
    clauses.push(`StartTime < ${literal(new Date(filter.openedBefore).toISOString())}`);
  if (filter.status) clauses.push(...STATUS_CLAUSES[filter.status]);
  if (filter.owner) clauses.push(`${ComplaintOwner.name} = ${literal(filter.owner)}`);
  if (filter.dealers) clauses.push(`${DealerId.name} IN (${filter.dealers.map(literal).join(', ')})`);
  clauses.push(...(filter.clauses ?? []));
  return clauses.join(' AND ');
}

/**
 * Page tokens are Temporal's own, wrapped with an HMAC over the query they belong to. A token
 * that was tampered with, belongs to another filter or scope, or comes from before a restart
 * is a 400, never a server error.
 */
export function createPageTokens(secret: Buffer = randomBytes(32)) {
  const mac = (query: string, raw: Buffer) =>
    createHmac('sha256', secret).update(query).update('\0').update(raw).digest();
  return {
    wrap(query: string, raw: Uint8Array | null | undefined): string | null {
      if (!raw || raw.length === 0) return null;
      const bytes = Buffer.from(raw);
      return `${bytes.toString('base64url')}.${mac(query, bytes).toString('base64url')}`;
    },
    unwrap(query: string, token: string): Buffer {
      const [data, sig] = token.split('.');
      const raw = Buffer.from(data ?? '', 'base64url');
      const given = Buffer.from(sig ?? '', 'base64url');
      const expected = mac(query, raw);
      if (raw.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(400, 'invalid_input', 'pageToken is not valid for this list', [
          { path: 'pageToken', message: 'expected a nextPageToken returned by this API for the same filters' },
        ]);
      }
      return raw;
    },
  };
}
export type PageTokens = ReturnType<typeof createPageTokens>;

export async function listComplaints(
  client: Client,
  namespace: string,
  tokens: PageTokens,
  filter: ListFilter,
): Promise<{ items: ListItem[]; nextPageToken: string | null }> {
  const query = visibilityQuery(filter);
  const nextPageToken = filter.pageToken ? tokens.unwrap(query, filter.pageToken) : undefined;
  const response = await client.workflowService.listWorkflowExecutions({
    namespace,
    query,
    pageSize: filter.pageSize,
    ...(nextPageToken ? { nextPageToken } : {}),
  });
  const items = await Promise.all(
    (response.executions ?? []).map(async (raw) => {
      const info = await executionInfoFromRaw(raw, client.options.loadedDataConverter, raw, namespace);
      return itemOf(info);
    }),
  );
  return { items, nextPageToken: tokens.wrap(query, response.nextPageToken) };
}

/** How many complaints match, by Temporal's CountWorkflowExecutions. */
export async function countComplaints(
  client: Client,
  namespace: string,
  filter: Omit<ListFilter, 'pageSize' | 'pageToken'>,
): Promise<number> {
  const response = await client.workflowService.countWorkflowExecutions({ namespace, query: visibilityQuery(filter) });
  return Number(response.count ?? 0);
}

function itemOf(info: WorkflowExecutionInfo): ListItem {
  const attributes = info.typedSearchAttributes;
  const memo = (info.memo ?? {}) as Partial<ComplaintMemo>;
  const deadline = attributes.get(NextDeadline);
  const ending = workflowStatusOf(info.status.name);
  return {
    complaintId: info.workflowId,
    dealerId: attributes.get(DealerId) ?? memo.dealerId ?? null,
    stage: StageSchema.safeParse(attributes.get(ComplaintStage)).data ?? null,
    // A terminated or failed run keeps the ComplaintStatus it last upserted ("open"): report how it ended.
    status: ENDING.safeParse(ending).data ?? STATUS.safeParse(attributes.get(ComplaintStatus)).data ?? null,
    owner: attributes.get(ComplaintOwner) ?? null,
    severity: SeveritySchema.safeParse(attributes.get(ComplaintSeverity)).data ?? null,
    plate: memo.plate ?? null,
    repairOrderNo: memo.repairOrderNo ?? null,
    awaitingApprovalBy: (attributes.get(AwaitingApprovalBy) ?? []).filter(
      (r): r is Role => RoleSchema.safeParse(r).success,
    ),
    overdue: attributes.get(ComplaintOverdue) ?? false,
    unowned: attributes.get(ComplaintUnowned) ?? false,
    nextDeadline: deadline ? deadline.toISOString() : null,
    openedAt: memo.openedAt ?? info.startTime.toISOString(),
  };
}
