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
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { ACTION_SCHEMAS, type ActionName } from '../domain/actions';
import type { ComplaintState } from '../domain/complaint';
import type { Policy } from '../domain/policy';
import { check } from '../domain/rules';
import { applyAction, nextTimer, onTimer, openComplaint, type NoticeRequest, type Transition } from '../domain/transitions';
import { createEffects } from './effects';
import { REFUSAL_TYPES, stateQuery, updates, type ComplaintInput } from './messages';
import { searchAttributesOf } from './search-attributes';

/** Continue-as-new well before Temporal's own limits, carrying the whole state, clocks included. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 4000;

export async function complaint(input: ComplaintInput): Promise<ComplaintState> {
  const now = () => Date.now();
  let policy: Policy;
  let state: ComplaintState;
  let changed = 0; // bumped by every accepted action, so the loop re-plans its timer
  const historyLimit = ('open' in input ? input.open.historyLimit : input.carried.historyLimit) ?? HISTORY_EVENTS_BEFORE_CONTINUE;
  const effects = createEffects(() => state, (s) => (state = s), () => policy);

  if ('open' in input) {
    const { complaintId, intake, startingStage, receivedAt } = input.open;
    policy = input.open.policy;
    const opened = openComplaint(complaintId, intake, startingStage, policy, receivedAt ?? now());
    state = opened.state;
    effects.carryOut(opened);
  } else {
    ({ state, policy } = input.carried);
    effects.resumeNotices(input.carried.pendingNotices);
  }
  upsertSearchAttributes(searchAttributesOf(state));

  setHandler(stateQuery, () => state);
  for (const name of Object.keys(updates) as ActionName[]) {
    // One generic handler per action: parse, apply the domain transition, carry out its effects.
    const definition = updates[name] as unknown as UpdateDefinition<ComplaintState, [unknown]>;
    setHandler(
      definition,
      async (input: unknown): Promise<ComplaintState> => {
        const parsed = ACTION_SCHEMAS[name].parse(input);
        const applied = applyAction(name, state, parsed as never, policy, now());
        state = applied.state;
        changed++;
        upsertSearchAttributes(searchAttributesOf(state));
        await effects.carryOut(applied);
        return state;
      },
      { validator: (input: unknown) => validate(name, state, input, policy) },
    );
  }

  while (state.status !== 'closed') {
    const due = nextTimer(state);
    const seen = changed;
    const woke = due
      ? await condition(() => changed !== seen, Math.max(due.at - now(), 1))
      : (await condition(() => changed !== seen), true);
    if (!woke && due) {
      // Dated at the deadline itself, so the ladder keeps policy time even if a worker was down.
      const fired: Transition = onTimer(state, due, policy, due.at);
      state = fired.state;
      upsertSearchAttributes(searchAttributesOf(state));
      await effects.carryOut(fired);
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

/** An Update validator: refuse synchronously, with the reason, before anything is recorded. */
function validate(name: ActionName, state: ComplaintState, input: unknown, policy: Policy): void {
  const parsed = ACTION_SCHEMAS[name].safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw ApplicationFailure.create({
      type: REFUSAL_TYPES.invalid_input,
      message: `invalid ${name} input: ${details.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`,
      details,
      nonRetryable: true,
    });
  }
  const verdict = check(name, state, parsed.data as never, policy);
  if (!verdict.ok) {
    throw ApplicationFailure.create({ type: REFUSAL_TYPES[verdict.code], message: verdict.reason, nonRetryable: true });
  }
}

export type { NoticeRequest };
