/**
 * One complaint, from intake to close, as a durable workflow. The ladder in one loop:
 * sleep until the next clock event (or until staff act), then warn, or breach and climb a rung.
 * Rules and state changes live in domain/; this file only waits, applies and carries effects out.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { keyVerdict, withKeyRecorded } from '../domain/action-keys';
import { ACTION_SCHEMAS, type ActionName } from '../domain/actions';
import type { ComplaintState } from '../domain/complaint';
import type { Policy } from '../domain/policy';
import { decide, type Decision } from '../domain/decide';
import {
  applyAction,
  deadlineReached,
  nextDue,
  openComplaint,
  type NoticeRequest,
  type Transition,
} from '../domain/transitions';
import { createEffects } from './effects';
import { CARRY, sealProblem, signedWithUnknownKey, START, unseal } from '../temporal/actor-proof';
import { policyQuery, REFUSAL_TYPES, stateQuery, UNSIGNED_START, updates, type ComplaintInput } from './messages';
import { searchAttributesOf } from './search-attributes';

/** Continue-as-new well before Temporal's own limits, carrying the whole state, clocks included. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 4000;

export async function complaint(input: ComplaintInput): Promise<ComplaintState> {
  const now = () => Date.now();
  let policy!: Policy;
  let state!: ComplaintState; // written only by commit(), and by the carried input
  let changed = 0; // bumped by every accepted action, so the loop re-plans its timer
  const historyLimit =
    ('open' in input ? input.open.historyLimit : input.carried.historyLimit) ?? HISTORY_EVENTS_BEFORE_CONTINUE;
  const effects = createEffects(
    () => state,
    (t) => commit(t),
    () => policy,
  );

  /** The one writer of state: each transition is taken, indexed when asked, and its effects go out. */
  function commit(t: Transition, opts: { index?: boolean } = {}): Promise<void> {
    state = t.state;
    if (opts.index) upsertSearchAttributes(searchAttributesOf(state, policy));
    return effects.carryOut(t);
  }

  const unsigned = startRefusal(input);
  if (unsigned)
    throw ApplicationFailure.create({
      type: UNSIGNED_START,
      message: `refused to run ${workflowInfo().workflowId}: ${unsigned}`,
      nonRetryable: true,
    });
  if ('open' in input) {
    const { complaintId, intake, startingStage, receivedAt, customerKeys } = input.open;
    policy = input.open.policy;
    void commit(
      openComplaint(
        complaintId,
        intake,
        startingStage,
        policy,
        receivedAt ?? now(),
        customerKeys ? { customerKeys } : {},
      ),
    );
  } else {
    ({ state, policy } = input.carried);
    effects.resumeNotices(input.carried.pendingNotices);
  }
  upsertSearchAttributes(searchAttributesOf(state, policy));

  setHandler(stateQuery, () => state);
  setHandler(policyQuery, () => policy);
  // The validator's decision, reused by the handler that runs right after it on the same input,
  // state and time. decide() is pure, so this only saves the second run; replay has no validator.
  let validated: { input: unknown; state: ComplaintState; at: number; decision: Decision } | undefined;
  const decideOnce = (name: ActionName, input: unknown, at: number): Decision => {
    const hit =
      validated && validated.input === input && validated.state === state && validated.at === at
        ? validated.decision
        : undefined;
    validated = undefined;
    return hit ?? decide(name, state, input, policy, at);
  };
  for (const name of Object.keys(updates) as ActionName[]) {
    // One generic handler per action: catch the ladder up, apply the domain transition, carry out its effects.
    const definition = updates[name] as unknown as UpdateDefinition<ComplaintState, [unknown]>;
    setHandler(
      definition,
      async (input: unknown): Promise<ComplaintState> => {
        const at = now();
        let caught: Transition | null = null;
        let applied: Transition;
        // Older runs applied a late action before the lapse it came after; replaying them must too.
        if (patched('catch-up-before-action')) {
          const decision = decideOnce(name, unseal(input), at);
          // The validator made this same decision, so a refusal here cannot happen; if it ever
          // does, refuse rather than fail the workflow task, which would retry forever.
          if (!decision.ok) throw refusal(REFUSAL_TYPES[decision.code], decision.reason);
          ({ caught, applied } = decision);
        } else {
          applied = applyAction(name, state, ACTION_SCHEMAS[name].parse(unseal(input)) as never, policy, at);
        }
        if (caught && (caught.effects.events.length || caught.effects.notices.length)) void commit(caught);
        changed++;
        // A keyed action's Idempotency-Key is kept with the state it produced (domain/action-keys.ts).
        await commit({ ...applied, state: withKeyRecorded(applied.state, currentUpdateInfo()?.id) }, { index: true });
        return state;
      },
      {
        // The actor is believed only if the API signed it, for this complaint, this Update (and
        // its id) and lately. Here and not in the handler: validators do not run on replay, so
        // retiring an actor key or the passing of time never changes what a replay does.
        validator: (sealed: unknown) => {
          const unsigned = sealProblem(sealed, {
            workflowId: workflowInfo().workflowId,
            update: name,
            updateId: currentUpdateInfo()?.id ?? '',
            now: now(),
          });
          if (unsigned) throw refusal(REFUSAL_TYPES.forbidden, `${name} refused: ${unsigned}`);
          const input = unseal(sealed);
          const key = keyVerdict(state, currentUpdateInfo()?.id);
          if (key === 'reused')
            throw refusal(
              REFUSAL_TYPES.idempotency_key_reused,
              'this Idempotency-Key was already used for this action with a different request body',
            );
          if (key === 'replayed')
            throw refusal(REFUSAL_TYPES.already_applied, 'this action was already applied with this Idempotency-Key');
          const at = now();
          const decision = decide(name, state, input, policy, at);
          validated = { input, state, at, decision };
          if (!decision.ok) throw refusal(REFUSAL_TYPES[decision.code], decision.reason, decision.details);
        },
      },
    );
  }

  while (state.status !== 'closed') {
    const due = nextDue(state);
    const seen = changed;
    const woke = due
      ? await condition(() => changed !== seen, Math.max(due.at - now(), 1))
      : await condition(() => changed !== seen).then(() => true);
    // Asked again: an Update in the same activation may already have caught the ladder up.
    const current = woke ? null : nextDue(state);
    if (current && current.at <= now()) {
      // Dated at the deadline itself, so the ladder keeps policy time even if a worker was down.
      await commit(deadlineReached(state, current, policy, current.at, now()), { index: true });
    }
    if (workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await effects.drained();
      // Signed by the worker's codec: only this run can hand a state on to its successor.
      const { workflowId, runId } = workflowInfo();
      const proof = { workflowId, update: CARRY, runId, signedAt: now() };
      await continueAsNew<typeof complaint>({
        carried: { state, policy, pendingNotices: effects.pendingNotices(), historyLimit },
        proof,
      });
    }
  }

  // Let in-flight Updates return and every event reach Kafka before the workflow completes.
  await condition(allHandlersFinished);
  await effects.drained({ notices: true });
  return state;
}

const REFUSED_START_MARKER = 'refused-unsigned-start';

/**
 * Why this run may not start from its input, or null. Only an API-signed intake opens a complaint,
 * and only the run it continues from can carry one on. The check is made once, live; a refusal
 * is recorded as a patch marker, so a replay repeats the verdict from history alone (without the
 * keys, the codec's verdict or the clock), and histories from before signing replay as they ran.
 */
function startRefusal(input: ComplaintInput): string | null {
  const info = workflowInfo();
  if (info.unsafe.isReplaying) return patched(REFUSED_START_MARKER) ? 'it was refused when it first ran' : null;
  // The API signs with a key this worker lacks: fail the task, so Temporal retries it until the
  // worker is given the key, rather than lose a complaint the API already confirmed.
  if (signedWithUnknownKey(input))
    throw new Error(`cannot open ${info.workflowId} yet: ${String(input.actorUnverified)}`);
  const problem =
    'open' in input
      ? sealProblem(input, { workflowId: info.workflowId, update: START, now: info.runStartTime.getTime() })
      : sealProblem(input, {
          workflowId: info.workflowId,
          update: CARRY,
          runId: info.continuedFromExecutionRunId ?? '(none)',
        });
  return problem && patched(REFUSED_START_MARKER) ? problem : null;
}

const refusal = (type: string, message: string, details?: unknown[]) =>
  ApplicationFailure.create({ type, message, ...(details ? { details } : {}), nonRetryable: true });

export type { NoticeRequest };
