/**
 * Signed actors, the part both sides share: what a signed input carries and how the workflow
 * checks it. Imports nothing, so the workflow sandbox can use it (it has no keys and no crypto).
 *
 * - The API's client adds a proof (which complaint, which Update, when) to every start and
 *   Update input (temporal/actor-signing.ts), and its payload codec signs the encoded input.
 * - The worker's codec checks the signature before the workflow sees the input, and says what it
 *   found in the input itself (ACTOR_VERIFIED or ACTOR_UNVERIFIED), removing whatever the sender
 *   put under those names.
 * - The workflow then only compares: signed, for this complaint, for this Update, recent enough.
 * docs/temporal-security.md tells the whole story.
 */

/** Inside the signed data, so a captured input cannot be replayed elsewhere or much later. */
export interface ActorProof {
  workflowId: string;
  /** The Update's name, or START / CARRY for a workflow's input. */
  update: string;
  /** The Update's id: Temporal applies one id once, so a replay inside the window changes nothing. */
  updateId?: string;
  /** For CARRY: the run that continued as new. */
  runId?: string;
  /** Epoch ms, by the signer's clock. */
  signedAt: number;
}

export const START = 'workflow.start';
export const CARRY = 'workflow.continueAsNew';

/** Set by the worker's codec only: the key id that verified the input's signature. */
export const ACTOR_VERIFIED = 'actorVerified';
/** Set by the worker's codec only: why a signed input did not verify (an unknown key id, say). */
export const ACTOR_UNVERIFIED = 'actorUnverified';
export const PROOF = 'proof';
/** How ACTOR_UNVERIFIED begins when the signer used a key this worker does not hold (yet). */
export const UNKNOWN_ACTOR_KEY = 'unknown actor key id';
export const SEAL_FIELDS = [PROOF, ACTOR_VERIFIED, ACTOR_UNVERIFIED] as const;

/** How old a signature may be when the workflow first sees it. */
export const MAX_PROOF_AGE_MS = 10 * 60_000;
/** Clocks differ: a signature up to this far in the future still counts. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

export type Sealed<T> = T & { proof?: ActorProof; actorVerified?: string; actorUnverified?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Expected {
  workflowId: string;
  update: string;
  updateId?: string | undefined;
  runId?: string | undefined;
  /** When the workflow saw the input (epoch ms); omit to skip the age check. */
  now?: number;
}

/** Why a sealed input may not be believed, in words for an operator; null when it may. */
export function sealProblem(input: unknown, expected: Expected): string | null {
  if (!isObject(input)) return 'the input is not an object';
  const verified = input[ACTOR_VERIFIED];
  if (typeof verified !== 'string') {
    const why = input[ACTOR_UNVERIFIED];
    return typeof why === 'string'
      ? `the actor's signature did not verify: ${why}`
      : 'the actor is not signed by the Complaint Ladder API';
  }
  const proof = input[PROOF];
  if (!isObject(proof)) return 'the signed input carries no proof';
  if (proof.workflowId !== expected.workflowId)
    return `the signature is for ${String(proof.workflowId)}, not ${expected.workflowId}`;
  if (proof.update !== expected.update) return `the signature is for ${String(proof.update)}, not ${expected.update}`;
  if (expected.updateId !== undefined && proof.updateId !== expected.updateId)
    return 'the signature is for another Update id';
  if (expected.runId !== undefined && proof.runId !== expected.runId) return 'the signature is for another run';
  if (expected.now !== undefined) {
    const signedAt = proof.signedAt;
    if (typeof signedAt !== 'number') return 'the proof has no signing time';
    if (signedAt > expected.now + MAX_CLOCK_SKEW_MS)
      return `the signature is dated ${Math.round((signedAt - expected.now) / 1000)} s in the future`;
    if (expected.now - signedAt > MAX_PROOF_AGE_MS)
      return `the signature is ${Math.round((expected.now - signedAt) / 1000)} s old; at most ${MAX_PROOF_AGE_MS / 1000} s are accepted`;
  }
  return null;
}

/** The input without its proof and verdict: what the domain's strict schemas expect. */
/** The input was signed under a key id this worker lacks: a configuration gap, not a forgery. */
export const signedWithUnknownKey = (input: unknown): boolean =>
  isObject(input) &&
  typeof input[ACTOR_UNVERIFIED] === 'string' &&
  (input[ACTOR_UNVERIFIED] as string).startsWith(UNKNOWN_ACTOR_KEY);

export function unseal<T>(input: T): T {
  if (!isObject(input) || !SEAL_FIELDS.some((f) => f in input)) return input;
  const { proof: _p, actorVerified: _v, actorUnverified: _u, ...rest } = input as Record<string, unknown>;
  return rest as T;
}
