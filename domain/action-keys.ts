import type { ComplaintState } from './complaint';

/**
 * Idempotent staff actions, the workflow's half (the API's is api/routes/actions.ts).
 *
 * An action sent with an Idempotency-Key runs as the Update `key:<scope>:<request hash>`, where the
 * scope names the staff member, the operation and the key. A retry with the same body is the same
 * Update id, which Temporal applies once and answers as it did the first time. The same key with
 * another body is another Update id: the workflow recorded the scope with the first hash and
 * refuses it. The record travels in the state, so it also holds across continue-as-new, where
 * Temporal no longer knows the first Update's id.
 */
const PREFIX = 'key:';

export function keyedUpdateId(scope: string, requestHash: string): string {
  return `${PREFIX}${scope}:${requestHash}`;
}

/** The scope and request hash of a keyed action's Update id; null for any other id. */
export function keyOfUpdate(updateId: string | undefined): { scope: string; requestHash: string } | null {
  if (!updateId?.startsWith(PREFIX)) return null;
  const cut = updateId.lastIndexOf(':');
  if (cut <= PREFIX.length) return null;
  return { scope: updateId.slice(PREFIX.length, cut), requestHash: updateId.slice(cut + 1) };
}

/** fresh: not seen; replayed: the same request again; reused: the key came with another request. */
export type KeyVerdict = 'fresh' | 'replayed' | 'reused';

export function keyVerdict(state: ComplaintState, updateId: string | undefined): KeyVerdict {
  const key = keyOfUpdate(updateId);
  const recorded = state.idempotencyKeys;
  if (!key || !recorded || !Object.hasOwn(recorded, key.scope)) return 'fresh';
  return recorded[key.scope] === key.requestHash ? 'replayed' : 'reused';
}

/** The state with the action's key recorded; unchanged for an Update without one. */
export function withKeyRecorded(state: ComplaintState, updateId: string | undefined): ComplaintState {
  const key = keyOfUpdate(updateId);
  if (!key) return state;
  return { ...state, idempotencyKeys: { ...state.idempotencyKeys, [key.scope]: key.requestHash } };
}
