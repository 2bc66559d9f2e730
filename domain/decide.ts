/**
 * One staff action, decided as the workflow decides it: parse, catch the ladder up to now, check
 * the rules, apply, and make sure every event it would publish can travel. The Update validator
 * refuses on `ok: false`; the handler applies the same decision, so it cannot fail.
 */
import { ACTION_SCHEMAS, type ActionName } from './actions';
import type { ComplaintState } from './complaint';
import { catchUp } from './deadlines';
import type { Transition } from './draft';
import type { Policy } from './policy';
import { unpublishable } from './publishable';
import { check, type Verdict } from './rules';
import { applyAction } from './transitions';

export type RefusalCode = Extract<Verdict, { ok: false }>['code'];

export type Decision =
  | { ok: true; caught: Transition; applied: Transition }
  | { ok: false; code: RefusalCode; reason: string; details?: { path: string; message: string }[] };

export function decide(name: ActionName, state: ComplaintState, input: unknown, policy: Policy, now: number): Decision {
  const parsed = ACTION_SCHEMAS[name].safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const reason = `invalid ${name} input: ${details.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`;
    return { ok: false, code: 'invalid_input', reason, details };
  }
  try {
    const caught = catchUp(state, policy, now);
    const verdict = check(name, caught.state, parsed.data as never, policy, now);
    if (!verdict.ok) return verdict;
    const applied = applyAction(name, caught.state, parsed.data as never, policy, now);
    for (const event of [...caught.effects.events, ...applied.effects.events]) {
      const fault = unpublishable(event.data);
      if (fault)
        return { ok: false, code: 'invalid_input', reason: `${name} would publish ${event.name} with ${fault}` };
    }
    return { ok: true, caught, applied };
  } catch (err) {
    // A rule that throws is a bug, but it must never wedge the complaint: refuse instead.
    return { ok: false, code: 'invalid_input', reason: `${name} cannot be applied: ${(err as Error).message}` };
  }
}
