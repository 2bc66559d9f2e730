/**
 * Whatever staff send and whenever the timers fire, a complaint is never wedged: every action is
 * either refused with a reason or applied, and every event it publishes passes its schema.
 */
import fc from 'fast-check';
import { ACTION_NAMES, type ActionName } from '../../domain/actions';
import { decide } from '../../domain/decide';
import { unpublishable } from '../../domain/publishable';
import { validateEventData } from '../../domain/events';
import { STAGES } from '../../domain/ladder';
import { PolicySchema } from '../../domain/policy';
import { ROLES } from '../../domain/staff';
import { catchUp, openComplaint } from '../../domain/transitions';
import { intake, shanghai, weekdays } from './fixtures';

const DAY = 86_400_000;
const policies = [
  PolicySchema.parse({ version: 'prop-24x7' }),
  PolicySchema.parse({
    version: 'prop-shop',
    calendar: weekdays,
    clocks: { formal_complaint: { respondCalendar: 'around_the_clock' } },
  }),
];
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\ud800', 'a\udc00b', '\u0000', '\u001b[2J', ' ', '', 'x'.repeat(5000), ...PROTOTYPE_NAMES),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, Number.NaN, 1e308, Number.POSITIVE_INFINITY, -1, 0.001, 499.99, 500, 5000, 1e12 * DAY),
  fc.integer({ min: 0, max: 1_000_000 }),
);
const duration = fc.oneof(
  hostileNumber,
  fc.constantFrom('100000000d', '1e12d', '2h', '90s', '1h30m', '3d', 'soon', `${1e12}d`),
);
const actor = fc.record({
  id: fc.oneof(fc.constantFrom('sa-1', 'cs-1', 'sm-1', 'gm-1'), hostileText),
  role: fc.oneof(fc.constantFrom(...ROLES), hostileText),
});

const often = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
const text = often(fc.constantFrom('called the customer', '已致电客户\n下午回电', 'Parts due\tTuesday'), hostileText);
const FIELDS = {
  note: text,
  summary: text,
  method: often(fc.constantFrom('phone', 'visit'), fc.constantFrom('fax', 'constructor')),
  type: often(fc.constantFrom('apology', 'cash_compensation', 'gift'), fc.constantFrom('toString', 'bribe')),
  amount: often(fc.constantFrom(0, 200, 500, 800, 3000, 60_000), hostileNumber),
  description: text,
  remedyId: often(fc.constantFrom('C-1-R1', 'C-1-R2', 'C-1-R3'), hostileText),
  decision: fc.constantFrom('accept', 'decline'),
  // A stage for escalate, a colleague for handOver: each also gets the other's as hostile input.
  to: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...STAGES, 'constructor') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { id: 'sm-1', role: 'service_manager' },
        { id: 'sa-2', role: 'advisor' },
        { id: 'gm-1', role: 'general_manager', name: '陈总' },
      ),
    },
  ),
  driver: fc.constantFrom('customer', 'supervisor'),
  reason: text,
  clock: fc.constantFrom('respond', 'resolve', 'follow_up'),
  by: often(fc.constantFrom('2h', '90m', '1d'), duration),
  kind: fc.constantFrom('remedy_accepted', 'upheld_policy'),
  satisfied: fc.boolean(),
  outcome: fc.constantFrom('satisfied', 'not_satisfied', 'unreachable'),
  customerCalled: fc.boolean(),
  rootCause: fc.constantFrom(
    { kind: 'incidental' },
    { kind: 'process_defect', area: 'repair', description: 'x' },
    { kind: '__proto__' },
  ),
  reflection: fc.constant(undefined),
} as const;
const KEYS: Record<ActionName, (keyof typeof FIELDS)[]> = {
  acknowledge: ['note'],
  logContact: ['method', 'summary'],
  proposeRemedy: ['type', 'amount', 'description'],
  approveRemedy: ['remedyId'],
  recordCustomerDecision: ['remedyId', 'decision', 'note'],
  escalate: ['to', 'driver', 'reason'],
  pauseClock: ['reason', 'note'],
  resumeClock: ['note'],
  extendDeadline: ['clock', 'by', 'reason'],
  resolve: ['kind', 'reason'],
  recordFollowUp: ['satisfied', 'outcome', 'customerCalled', 'note'],
  close: ['rootCause', 'reason'],
  handOver: ['to', 'note'],
};
const goodActor = fc.constantFrom(
  { id: 'sa-1', role: 'advisor' },
  { id: 'cs-1', role: 'customer_service' },
  { id: 'sm-1', role: 'service_manager' },
  { id: 'tm-1', role: 'technical_manager' },
  { id: 'gm-1', role: 'general_manager' },
);

/** A payload for `name`: mostly plausible, often hostile, sometimes the wrong shape altogether. */
const payload = (name: ActionName) =>
  fc
    .oneof(
      {
        weight: 9,
        arbitrary: fc.record(
          { actor: often(goodActor, actor), ...Object.fromEntries(KEYS[name].map((k) => [k, FIELDS[k]])) },
          { requiredKeys: ['actor', ...(name === 'pauseClock' ? [] : KEYS[name].slice(0, 2))] as never },
        ),
      },
      { weight: 1, arbitrary: fc.anything() },
    )
    .map((input) => ({
      name,
      input:
        name === 'pauseClock' && input && typeof input === 'object' && 'reason' in input
          ? { ...input, reason: 'waiting_for_parts' }
          : input,
    }));

const step = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ACTION_NAMES).chain(payload) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 * DAY }).map((ms) => ({ wait: ms })) },
);

describe('decide, over random sequences of hostile actions and timer firings', () => {
  it('refuses with a reason or applies, and everything applied publishes valid, gap-free events', () => {
    const applied = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.constantFrom(...policies),
        fc.constantFrom(...STAGES),
        fc.array(step, { maxLength: 25 }),
        (policy, stage, steps) => {
          let now = shanghai('2026-03-06T17:00');
          const opened = openComplaint('C-1', intake, stage, policy, now);
          let state = opened.state;
          const events = [...opened.effects.events];
          for (const s of steps) {
            if ('wait' in s) {
              now += s.wait;
              const caught = catchUp(state, policy, now);
              state = caught.state;
              events.push(...caught.effects.events);
              continue;
            }
            const decision = decide(s.name, state, s.input, policy, now);
            if (!decision.ok) {
              expect(decision.reason).toEqual(expect.any(String));
              expect(decision.reason.length).toBeGreaterThan(0);
              continue;
            }
            state = decision.applied.state;
            applied.set(s.name, (applied.get(s.name) ?? 0) + 1);
            events.push(...decision.caught.effects.events, ...decision.applied.effects.events);
          }
          for (const e of events) {
            validateEventData(e.name, JSON.parse(JSON.stringify(e.data)));
            expect(unpublishable(e.data)).toBeNull();
          }
          expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
          expect(state.sequence).toBe(events.length);
        },
      ),
      { numRuns: 400 },
    );
    // The property means something only if hostile runs also reach the accepting paths.
    for (const name of ['acknowledge', 'logContact', 'proposeRemedy', 'escalate', 'pauseClock', 'extendDeadline']) {
      expect([name, applied.get(name) ?? 0]).toEqual([name, expect.any(Number)]);
      expect(applied.get(name) ?? 0).toBeGreaterThan(2);
    }
    if (process.env.PRINT_COVERAGE) console.log(Object.fromEntries(applied));
  });

  it('never lets a refused action change the state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTION_NAMES).chain(payload), ({ name, input }) => {
        const opened = openComplaint('C-1', intake, 'objection', policies[0]!, 0);
        const frozen = JSON.stringify(opened.state);
        decide(name, opened.state, input, policies[0]!, 1000);
        expect(JSON.stringify(opened.state)).toBe(frozen);
      }),
      { numRuns: 300 },
    );
  });
});
