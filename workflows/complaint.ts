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
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { ACTION_SCHEMAS, type ActionName } from '../domain/actions';
import type { ComplaintState } from '../domain/complaint';
import type { Policy } from '../domain/policy';
import { decide, type Decision } from '../domain/decide';
import { applyAction, deadlineReached, nextDue, openComplaint, type NoticeRequest, type Transition } from '../domain/transitions';
import { createEffects } from './effects';
import { policyQuery, REFUSAL_TYPES, stateQuery, updates, type ComplaintInput } from './messages';
import { searchAttributesOf } from './search-attributes';

/** Continue-as-new well before Temporal's own limits, carrying the whole state, clocks included. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 4000;

export async function complaint(input: ComplaintInput): Promise<ComplaintState> {
  const now = () => Date.now();
  let policy!: Policy;
  let state!: ComplaintState; // written only by commit(), and by the carried input
  let changed = 0; // bumped by every accepted action, so the loop re-plans its timer
  const historyLimit = ('open' in input ? input.open.historyLimit : input.carried.historyLimit) ?? HISTORY_EVENTS_BEFORE_CONTINUE;
  const effects = createEffects(() => state, (t) => commit(t), () => policy);

  /** The one writer of state: each transition is taken, indexed when asked, and its effects go out. */
  function commit(t: Transition, opts: { index?: boolean } = {}): Promise<void> {
    state = t.state;
    if (opts.index) upsertSearchAttributes(searchAttributesOf(state, policy));
    return effects.carryOut(t);
  }

  if ('open' in input) {
    const { complaintId, intake, startingStage, receivedAt, customerKeys } = input.open;
    policy = input.open.policy;
    void commit(openComplaint(complaintId, intake, startingStage, policy, receivedAt ?? now(), customerKeys ? { customerKeys } : {}));
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
    const hit = validated && validated.input === input && validated.state === state && validated.at === at ? validated.decision : undefined;
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
          const decision = decideOnce(name, input, at);
          // The validator made this same decision, so a refusal here cannot happen; if it ever
          // does, refuse rather than fail the workflow task, which would retry forever.
          if (!decision.ok) throw refusal(REFUSAL_TYPES[decision.code], decision.reason);
          ({ caught, applied } = decision);
        } else {
          applied = applyAction(name, state, ACTION_SCHEMAS[name].parse(input) as never, policy, at);
        }
        if (caught && (caught.effects.events.length || caught.effects.notices.length)) void commit(caught);
        changed++;
        await commit(applied, { index: true });
        return state;
      },
      {
        validator: (input: unknown) => {
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
      : (await condition(() => changed !== seen), true);
    // Asked again: an Update in the same activation may already have caught the ladder up.
    const current = woke ? null : nextDue(state);
    if (current && current.at <= now()) {
      // Dated at the deadline itself, so the ladder keeps policy time even if a worker was down.
      await commit(deadlineReached(state, current, policy, current.at, now()), { index: true });
    }
    if (workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await effects.drained();
      await continueAsNew<typeof complaint>({ carried: { state, policy, pendingNotices: effects.pendingNotices(), historyLimit } });
    }
  }

  // Let in-flight Updates return and every event reach Kafka before the workflow completes.
  await condition(allHandlersFinished);
  await effects.drained({ notices: true });
  return state;
}

const refusal = (type: string, message: string, details?: unknown[]) =>
  ApplicationFailure.create({ type, message, ...(details ? { details } : {}), nonRetryable: true });

export type { NoticeRequest };
