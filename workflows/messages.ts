/**
 * The complaint workflow's public surface: its input, its Updates (one per staff action) and its
 * query. The API and tests import these definitions; nothing here runs in the worker alone.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionName, ActionPayload } from '../domain/actions';
import type { ComplaintState, Intake } from '../domain/complaint';
import type { Stage } from '../domain/ladder';
import type { Policy } from '../domain/policy';
import type { NoticeRequest } from '../domain/transitions';
import type { Sealed } from '../temporal/actor-proof';

export { COMPLAINT_TASK_QUEUE } from '../temporal/vocabulary';

export interface OpenComplaint {
  complaintId: string;
  intake: Intake;
  startingStage: Stage;
  /** The policy in force when the complaint was opened; it stays with the complaint for life. */
  policy: Policy;
  /**
   * When intake received the complaint (epoch ms). Its clocks start here, not when a worker first
   * runs it, and the API answers intake with the state this yields. Absent in older runs.
   */
  receivedAt?: number;
  /** Keyed hashes of the customer's phone and name for search (state.customerKeys); made by the API. */
  customerKeys?: string[];
  /** History events after which a run continues as new; lowered only by tests. */
  historyLimit?: number;
}

/** Everything a run hands to the next one at continue-as-new. */
export interface CarriedComplaint {
  state: ComplaintState;
  policy: Policy;
  pendingNotices: NoticeRequest[];
  historyLimit?: number;
}

/** Sealed: with the proof the API's client adds and the verdict the worker's codec writes (temporal/actor-proof.ts). */
export type ComplaintInput = Sealed<{ open: OpenComplaint } | { carried: CarriedComplaint }>;

type ActionUpdate<N extends ActionName, R = ComplaintState> = ReturnType<typeof defineUpdate<R, [ActionPayload<N>], N>>;
const action = <N extends ActionName>(name: N): ActionUpdate<N> =>
  defineUpdate<ComplaintState, [ActionPayload<N>], N>(name);

/** One Update per staff or supervisor action; each returns the state after the action. */
export const updates = {
  acknowledge: action('acknowledge'),
  logContact: action('logContact'),
  proposeRemedy: action('proposeRemedy'),
  approveRemedy: action('approveRemedy'),
  recordCustomerDecision: action('recordCustomerDecision'),
  escalate: action('escalate'),
  pauseClock: action('pauseClock'),
  resumeClock: action('resumeClock'),
  extendDeadline: action('extendDeadline'),
  resolve: action('resolve'),
  recordFollowUp: action('recordFollowUp'),
  close: action('close'),
  handOver: action('handOver'),
} satisfies { [N in ActionName]: ActionUpdate<N> };

export const stateQuery = defineQuery<ComplaintState>('state');
/** The policy the complaint runs under (it travels with the complaint for life). */
export const policyQuery = defineQuery<Policy>('policy');

/** Failure types of a refused Update (ApplicationFailure.type), mapped to HTTP by the API. */
export const REFUSAL_TYPES = {
  invalid_input: 'InvalidInput',
  not_allowed: 'NotAllowed',
  over_authority: 'OverAuthority',
  forbidden: 'Forbidden',
  /** The action's Idempotency-Key came before with another request (domain/action-keys.ts). */
  idempotency_key_reused: 'IdempotencyKeyReused',
  /** The same keyed action again after continue-as-new, where Temporal no longer deduplicates it. */
  already_applied: 'AlreadyApplied',
} as const;

/** Failure type of a run that refused its own input: unsigned, or signed for another complaint or run. */
export const UNSIGNED_START = 'UnsignedStart';
