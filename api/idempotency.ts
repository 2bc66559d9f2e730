import { createHash } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type SearchAttributePair,
} from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { ComplaintState, Intake } from '../domain/complaint';
import type { Stage } from '../domain/ladder';
import type { Policy } from '../domain/policy';
import { openComplaint as openedState } from '../domain/transitions';
import { indexedCode, searchAttributesOf } from '../workflows/search-attributes';
import type { complaint } from '../workflows';
import { complaintId, dayOf, keyedSuffix } from './complaint-id';
import { findComplaint, type ComplaintMemo, type FoundComplaint } from './complaints';
import { ApiError } from './errors';

/**
 * Idempotent intake, kept entirely in Temporal so it survives an API crash or restart.
 *
 * With an Idempotency-Key, the complaint id is a pure function of (staff member, dealer, key, day):
 * its random part is a hash of the key (complaint-id.ts). A retry therefore computes the same
 * workflow id and finds the complaint the first attempt opened, even if the API died between
 * starting the workflow and answering. Nothing is stored outside Temporal.
 *
 * - The workflow is started with WorkflowIdReusePolicy.REJECT_DUPLICATE and
 *   WorkflowIdConflictPolicy.FAIL, so Temporal itself guarantees at most one complaint per id, even
 *   for two concurrent requests with the same key, and even after the complaint closed.
 * - The memo records hashes of the key and of the validated request. A replay with the same body
 *   gets 200 and the existing complaint; the same key with a different body gets 422.
 * - The id carries the day it was opened, so a retry checks today's and yesterday's id: a key is
 *   honoured for retries until the end of the next day (policy time zone), like most APIs' 24 h.
 *
 * Keys are scoped to the staff member, so two clerks who both send "1" do not share a complaint.
 */
export const IDEMPOTENCY_KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

const sha256 = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

/** Stable JSON: object keys sorted, so the same body in another key order hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash an action's Idempotency-Key is recorded with (domain/action-keys.ts): the operation,
 * the body as sent and the path's parameters, so another remedy or another body is another request.
 */
export function actionRequestHash(
  operation: string,
  body: unknown,
  params: Record<string, string | undefined>,
): string {
  return sha256('action', operation, canonical(body), canonical(params));
}

export interface OpenRequest {
  client: Client;
  taskQueue: string;
  policy: Policy;
  intake: Intake;
  startingStage: Stage;
  now: number;
  /** Makes the random part of a fresh id; injected so tests can force a clash. */
  randomSuffix: () => string;
  idempotency?: { staffId: string; key: string };
  /**
   * The customer's keyed hashes for search (customer-keys.ts). Derived from the intake, so they are
   * not part of the request hash: a retry after the lookup key changed is still the same request.
   */
  customerKeys: string[];
}

export type OpenResult =
  | { created: true; complaintId: string; state: ComplaintState }
  | { created: false; existing: FoundComplaint; complaintId: string };

export function policyTimeZone(policy: Policy): string {
  return policy.calendar.mode === 'business_hours' ? policy.calendar.timeZone : 'UTC';
}

const DAY_MS = 86_400_000;

export async function openComplaint(req: OpenRequest): Promise<OpenResult> {
  const { intake } = req;
  const timeZone = policyTimeZone(req.policy);
  const today = dayOf(req.now, timeZone);
  const baseMemo: ComplaintMemo = {
    dealerId: intake.dealerId,
    openedAt: new Date(req.now).toISOString(),
    ...(intake.vehicle.plate ? { plate: indexedCode(intake.vehicle.plate) } : {}),
    ...(intake.repairOrderNo ? { repairOrderNo: indexedCode(intake.repairOrderNo) } : {}),
  };

  if (!req.idempotency) {
    for (let attempt = 0; ; attempt++) {
      const id = complaintId(intake.dealerId, today, req.randomSuffix());
      try {
        return { created: true, complaintId: id, state: await start(req, id, baseMemo) };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError) || attempt >= 4) throw err;
      }
    }
  }

  const { staffId, key } = req.idempotency;
  const keyHash = sha256('idempotency-key', staffId, intake.dealerId, key);
  // receivedBy is the caller, so it is part of the request; timestamps are not.
  const requestHash = sha256('intake', canonical(intake), req.startingStage);
  const suffix = keyedSuffix(keyHash, 'v1');
  const idOn = (day: string) => complaintId(intake.dealerId, day, suffix);

  const replay = async (id: string): Promise<OpenResult | null> => {
    const found = await findComplaint(req.client, id);
    if (!found) return null;
    const recorded = found.memo.idempotency;
    if (!recorded || recorded.keyHash !== keyHash) {
      // 30 bits of hash met another complaint's id; vanishingly rare, and never silently merged.
      throw new ApiError(
        409,
        'idempotency_conflict',
        `complaint id ${id} is taken by another complaint; retry with a new Idempotency-Key`,
      );
    }
    if (recorded.requestHash !== requestHash) {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        `Idempotency-Key was already used for complaint ${id} with a different request body`,
      );
    }
    return { created: false, existing: found, complaintId: id };
  };

  const yesterday = dayOf(req.now - DAY_MS, timeZone);
  for (const day of yesterday === today ? [today] : [today, yesterday]) {
    const earlier = await replay(idOn(day));
    if (earlier) return earlier;
  }
  const id = idOn(today);
  try {
    return {
      created: true,
      complaintId: id,
      state: await start(req, id, { ...baseMemo, idempotency: { keyHash, requestHash } }),
    };
  } catch (err) {
    // A concurrent request with the same key won the race: answer as its replay.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const raced = await replay(id);
    if (raced) return raced;
    throw err;
  }
}

/**
 * Starts the complaint and returns its opened state. The workflow opens itself with the same pure
 * transition and the same receivedAt, so this is the state it holds after its first task: intake
 * answers once the complaint is durable, without waiting for a worker to run it.
 */
async function start(req: OpenRequest, id: string, memo: ComplaintMemo): Promise<ComplaintState> {
  const { customerKeys } = req;
  const { state } = openedState(id, req.intake, req.startingStage, req.policy, req.now, { customerKeys });
  await req.client.workflow.start<typeof complaint>('complaint', {
    taskQueue: req.taskQueue,
    workflowId: id,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    args: [
      {
        open: {
          complaintId: id,
          intake: req.intake,
          startingStage: req.startingStage,
          policy: req.policy,
          receivedAt: req.now,
          customerKeys,
        },
      },
    ],
    memo: { ...memo },
    // Set at start so the complaint is listable at once; the workflow keeps them current.
    typedSearchAttributes: searchAttributesOf(state, req.policy).filter(
      (pair): pair is SearchAttributePair => pair.value !== null,
    ),
  });
  return state;
}
