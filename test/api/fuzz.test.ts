import fc from 'fast-check';
import { ACTION_SCHEMAS, type ActionName } from '../../domain/actions';
import { ACTION_ROUTES, bodySchemaOf } from '../../api/routes/actions';
import { actionBodySchema, IntakeBodySchema } from '../../api/schemas';
import { eventually, intakeBody, startApi, type ApiHarness } from './harness';

/** A valid body per action (actor and path remedyId left out), for mutation. */
const VALID_ACTION: Record<ActionName, Record<string, unknown>> = {
  acknowledge: { note: 'called back' },
  logContact: { method: 'phone', summary: 'Apologised' },
  proposeRemedy: { type: 'apology', amount: 0, description: 'A written apology' },
  approveRemedy: {},
  recordCustomerDecision: { decision: 'accept' },
  escalate: { to: 'deadlock', driver: 'customer', reason: 'Went to the regulator' },
  pauseClock: { reason: 'other' },
  resumeClock: {},
  extendDeadline: { clock: 'resolve', by: '1h', reason: 'Parts' },
  resolve: { kind: 'upheld_policy', reason: 'Within policy' },
  recordFollowUp: { satisfied: true, customerCalled: true },
  close: { rootCause: { kind: 'incidental' } },
  handOver: { to: 'sm', note: 'Promised a call back by 17:00' },
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const notJson = (s: string) => {
  if (s === '') return false; // an empty body means "no payload", which is valid for some actions
  try {
    JSON.parse(s);
    return false;
  } catch {
    return true;
  }
};

/** '4xx', or the status and body so a failing run shows what came back. */
const verdict = (status: number, body: string) => (status >= 400 && status < 500 ? '4xx' : `${status} ${body}`);

/** A key to overwrite: a real field, a field the API fills in itself, a prototype key, or noise. */
const mutationKey = (fields: string[]) =>
  fc.oneof(
    fc.constantFrom(...fields, 'actor', 'remedyId', 'receivedBy', '__proto__', 'constructor'),
    fc.string({ maxLength: 12 }),
  );
const mutate = (base: Record<string, unknown>) => {
  const replaced = fc
    .record({ key: mutationKey(Object.keys(base)), value: fc.jsonValue({ maxDepth: 3 }) })
    .map(({ key, value }) => ({ ...base, [key]: value }));
  const keys = Object.keys(base);
  if (keys.length === 0) return replaced;
  const dropped = fc
    .constantFrom(...keys)
    .map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));
  return fc.oneof(replaced, dropped);
};

/** What a bad request looks like on the wire: a JSON body, or bytes that are not JSON at all. */
type Wire = { json: unknown } | { raw: string };
const wire = (values: fc.Arbitrary<unknown>): fc.Arbitrary<Wire> =>
  fc.oneof(
    { weight: 4, arbitrary: values.map((json) => ({ json })) },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 40 })
        .filter(notJson)
        .map((raw) => ({ raw })),
    },
  );

describe('fuzzing: random bad payloads get a 4xx and change nothing', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const send = (url: string, token: string, body: Wire) =>
    h.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: 'raw' in body ? body.raw : JSON.stringify(body.json),
    });

  it('never starts a workflow for a bad intake', async () => {
    const valid = intakeBody(h.dealer);
    const badIntake = wire(
      fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        mutate(valid),
        mutate(valid.customer).map((customer) => ({ ...valid, customer })),
        mutate(valid.vehicle).map((vehicle) => ({ ...valid, vehicle })),
      ),
    ).filter((b) => 'raw' in b || !IntakeBodySchema.safeParse(b.json).success);

    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(badIntake, async (body) => {
        const res = await send('/v1/complaints', h.tokens.customer_service, body);
        statuses.add(res.statusCode);
        expect(verdict(res.statusCode, res.body)).toBe('4xx');
        expect(JSON.parse(res.body)).toEqual(
          expect.objectContaining({ error: expect.any(String), message: expect.any(String) }),
        );
      }),
      { numRuns: 150 },
    );
    expect([...statuses].every((s) => s >= 400 && s < 500)).toBe(true);
    // Visibility lags a little: give a stray start time to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await h.workflowCount()).toBe(0);
  });

  it('never changes a complaint for a bad action payload', async () => {
    const opened = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer) });
    const id = opened.body.complaint.complaintId as string;
    const proposed = await h.call('POST', `/v1/complaints/${id}/remedies`, {
      as: 'advisor',
      body: { type: 'cash_compensation', amount: 2000, description: 'Over the advisor cap' },
    });
    const remedyId = proposed.body.complaint.remedies[0].remedyId as string;
    const before = (await h.call('GET', `/v1/complaints/${id}`)).body.complaint;
    const manager = { id: 'fuzz', role: 'service_manager' as const };

    const badAction = fc.constantFrom(...ACTION_ROUTES).chain((route) => {
      const omit = route.remedyInPath ? ['actor', 'remedyId'] : ['actor'];
      // A take's body is only its optional note (the API names the taker), so any note is a valid take.
      const isValid = (v: unknown) =>
        isPlainObject(v) &&
        (route.toSelf
          ? bodySchemaOf(route).safeParse(v).success
          : actionBodySchema(route.action, omit).safeParse(v).success &&
            ACTION_SCHEMAS[route.action].safeParse({
              ...v,
              actor: manager,
              ...(route.remedyInPath ? { remedyId } : {}),
            }).success);
      return wire(fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutate(VALID_ACTION[route.action])))
        .filter((b) => 'raw' in b || !isValid(b.json))
        .map((body) => ({ route, body }));
    });

    await fc.assert(
      fc.asyncProperty(badAction, async ({ route, body }) => {
        const url = `/v1/complaints/${id}/${route.path.replace(':remedyId', remedyId)}`;
        const res = await send(url, h.tokens.service_manager, body);
        expect(verdict(res.statusCode, `${route.path}: ${res.body}`)).toBe('4xx');
      }),
      { numRuns: 200 },
    );

    const after = (await h.call('GET', `/v1/complaints/${id}`)).body.complaint;
    expect(after.sequence).toBe(before.sequence);
    expect(after.audit).toEqual(before.audit);
    expect(after.remedies).toEqual(before.remedies);
    expect(after.stage).toBe(before.stage);
    expect(await eventually('visibility', h.workflowCount, (n) => n >= 1)).toBe(1);
  });
});
