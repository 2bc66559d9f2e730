import { intakeBody, quiet, startApi, type ApiHarness } from './harness';

const REFLECTION = {
  customerThoughts: 'They felt ignored',
  customerNeeds: 'A call when the job runs late',
  wrongBelief: 'The customer will wait',
  wrongBehaviour: 'Nobody called',
  badConsequence: 'A formal complaint',
  rightBelief: 'Time is the customer’s',
  rightBehaviour: 'Call before the promised time',
  goodResult: 'The customer comes back',
};

describe('action endpoints: one POST per workflow Update, on the real stack', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const open = async (overrides: Record<string, unknown> = {}) => {
    const res = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer, overrides) });
    expect(res.status).toBe(201);
    return res.body.complaint.complaintId as string;
  };
  const act = (id: string, path: string, as: NonNullable<Parameters<ApiHarness['call']>[2]>['as'], body?: unknown) =>
    h.call('POST', `/v1/complaints/${id}/${path}`, { as, ...(body === undefined ? {} : { body }) });

  it('takes a complaint through every action, from acknowledgement to close, naming each actor in the audit trail', async () => {
    const id = await open();

    const ack = await act(id, 'acknowledge', 'advisor');
    expect(ack.status).toBe(200);
    expect(ack.body.complaint.respondedInStage).toBe(true);

    const contact = await act(id, 'contacts', 'customer_service', {
      method: 'phone',
      summary: 'Called the customer and apologised',
    });
    expect(contact.status).toBe(200);

    const small = await act(id, 'remedies', 'advisor', {
      type: 'labour_fee_waiver',
      amount: 300,
      description: 'Waive the labour fee',
    });
    expect(small.status).toBe(200);
    const smallId = small.body.complaint.remedies[0].remedyId;
    expect(small.body.complaint.remedies[0].status).toBe('proposed');

    const big = await act(id, 'remedies', 'advisor', {
      type: 'cash_compensation',
      amount: 2000,
      description: 'Compensate the lost day',
    });
    const bigId = big.body.complaint.remedies[1].remedyId;
    expect(big.body.complaint.remedies[1].status).toBe('awaiting_approval');

    // customer service may approve up to 1000: the workflow refuses, the API says 403 with its reason
    const over = await act(id, `remedies/${bigId}/approve`, 'customer_service');
    expect(over.status).toBe(403);
    expect(over.body).toEqual({ error: 'over_authority', message: expect.stringContaining('1000') });

    const approved = await act(id, `remedies/${bigId}/approve`, 'service_manager');
    expect(approved.status).toBe(200);
    expect(approved.body.complaint.remedies[1]).toMatchObject({
      status: 'proposed',
      approvedBy: { role: 'service_manager' },
    });

    expect(
      (
        await act(id, `remedies/${bigId}/decision`, 'advisor', {
          decision: 'decline',
          note: 'Wants the fee waived only',
        })
      ).status,
    ).toBe(200);
    const accepted = await act(id, `remedies/${smallId}/decision`, 'advisor', { decision: 'accept' });
    expect(accepted.body.complaint.remedies.map((r: { status: string }) => r.status)).toEqual(['accepted', 'declined']);

    const climbed = await act(id, 'escalate', 'customer_service', {
      to: 'complaint',
      driver: 'customer',
      reason: 'Customer called the hotline',
    });
    expect(climbed.status).toBe(200);
    expect(climbed.body.complaint.stage).toBe('complaint');

    const paused = await act(id, 'pause', 'service_manager', { reason: 'waiting_for_parts', note: 'Part on order' });
    expect(paused.status).toBe(200);
    expect(paused.body.complaint.pause).toMatchObject({ reason: 'waiting_for_parts' });
    const resumed = await act(id, 'resume', 'service_manager');
    expect(resumed.status).toBe(200);
    expect(resumed.body.complaint.pause).toBeUndefined();

    const extended = await act(id, 'extend', 'technical_manager', {
      clock: 'resolve',
      by: '2h',
      reason: 'Waiting for the diagnosis',
    });
    expect(extended.status).toBe(200);
    const resolveClock = extended.body.complaint.clocks.find(
      (c: { kind: string; stage: string }) => c.kind === 'resolve' && c.stage === 'complaint',
    );
    expect(resolveClock.extendedMs).toBe(2 * 3_600_000);

    // Accepted on the lower rung: after the climb the customer must accept again.
    const stale = await act(id, 'resolve', 'service_manager', { kind: 'remedy_accepted' });
    expect(stale).toMatchObject({
      status: 409,
      body: { error: 'not_allowed', message: expect.stringContaining('accept again') },
    });
    expect((await act(id, `remedies/${smallId}/decision`, 'advisor', { decision: 'accept' })).status).toBe(200);

    const resolved = await act(id, 'resolve', 'service_manager', { kind: 'remedy_accepted' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.complaint.status).toBe('resolved');

    expect(
      (await act(id, 'follow-up', 'customer_service', { satisfied: true, customerCalled: true, note: 'Happy now' }))
        .status,
    ).toBe(200);
    const closed = await act(id, 'close', 'service_manager', {
      rootCause: { kind: 'process_defect', area: 'communication', description: 'Nobody called' },
      reflection: REFLECTION,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.complaint.status).toBe('closed');

    const actors = closed.body.complaint.audit
      .filter((a: { actor: unknown }) => a.actor !== 'system')
      .map((a: { actor: { role: string } }) => a.actor.role);
    expect(actors).toEqual(
      expect.arrayContaining(['advisor', 'customer_service', 'service_manager', 'technical_manager']),
    );
    expect(
      closed.body.complaint.audit.every(
        (a: { actor: unknown }) => a.actor === 'system' || typeof (a.actor as { id: string }).id === 'string',
      ),
    ).toBe(true);

    // A closed complaint is still readable (from the workflow result), and refuses further actions.
    const read = await h.call('GET', `/v1/complaints/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.complaint.status).toBe('closed');
    expect(read.body.complaint.intake.customer.phone).toBe('138****5678');
    const late = await act(id, 'contacts', 'advisor', { method: 'phone', summary: 'One more call' });
    expect(late.status).toBe(409);
  });

  it('refuses to move a complaint down the ladder with 409 and the workflow’s reason, changing nothing', async () => {
    const id = await open({ channel: 'letter' });
    const before = await quiet(async () => (await h.call('GET', `/v1/complaints/${id}`)).body.complaint);
    const res = await act(id, 'escalate', 'service_manager', {
      to: 'objection',
      driver: 'supervisor',
      reason: 'Calmer now',
    });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: 'not_allowed', message: expect.stringContaining('only climbs') });
    const after = (await h.call('GET', `/v1/complaints/${id}`)).body.complaint;
    expect(after.sequence).toBe(before.sequence);
    expect(after.audit).toEqual(before.audit);
  });

  it('answers 403 when a role may not act (an advisor pausing the clocks)', async () => {
    const id = await open();
    const res = await act(id, 'pause', 'advisor', { reason: 'other' });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
    expect(res.body.message).toMatch(/manager/);
  });

  it('answers staff of another dealer 404, word for word as for a complaint that does not exist, for reads and actions', async () => {
    const id = await open();
    const other = { token: h.otherDealerToken };
    const missing = 'CL-NOPE-20260101-000000';
    const read = await h.call('GET', `/v1/complaints/${id}`, { as: other });
    const readMissing = await h.call('GET', `/v1/complaints/${missing}`, { as: other });
    expect(read).toMatchObject({ status: 404, body: { error: 'not_found', message: `no complaint ${id}` } });
    expect(Object.keys(read.body)).toEqual(Object.keys(readMissing.body));
    expect(readMissing.body.message).toBe(`no complaint ${missing}`);
    const res = await act(id, 'acknowledge', other);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: `no complaint ${id}` });
    expect((await act(missing, 'acknowledge', other)).body).toEqual({
      error: 'not_found',
      message: `no complaint ${missing}`,
    });
    // while head office (scope "*") may act anywhere
    expect((await act(id, 'acknowledge', { token: h.allDealersToken })).status).toBe(200);
  });

  it('answers 404 for an action on an unknown complaint', async () => {
    const res = await act('CL-NOPE-20260101-000000', 'acknowledge', 'advisor');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });

  it('answers 400 with field details for a bad action payload, including cross-field rules', async () => {
    const id = await open();
    const bad = await act(id, 'remedies', 'advisor', { type: 'free_car', amount: -5, description: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['amount', 'description', 'type']);
    const noReason = await act(id, 'resolve', 'general_manager', { kind: 'upheld_policy' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([{ path: 'reason', message: expect.stringContaining('reason') }]);
    const actor = await act(id, 'acknowledge', 'advisor', { actor: { id: 'gm-1', role: 'general_manager' } });
    expect(actor.status).toBe(400);
    expect(JSON.stringify(actor.body.details)).toContain('actor');
  });

  it('accepts an empty JSON body for an action without a payload', async () => {
    const id = await open();
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/complaints/${id}/acknowledge`,
      headers: { authorization: `Bearer ${h.tokens.advisor}`, 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
  });

  it('applies a retried action with the same Idempotency-Key once', async () => {
    const id = await open();
    const body = { type: 'gift', amount: 100, description: 'Car wash voucher' };
    const send = () =>
      h.call('POST', `/v1/complaints/${id}/remedies`, {
        as: 'advisor',
        body,
        headers: { 'idempotency-key': 'propose-1' },
      });
    const [first, second] = [await send(), await send()];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.complaint.remedies).toHaveLength(1);
    const third = await h.call('POST', `/v1/complaints/${id}/remedies`, {
      as: 'advisor',
      body,
      headers: { 'idempotency-key': 'propose-2' },
    });
    expect(third.body.complaint.remedies).toHaveLength(2);
    const bad = await h.call('POST', `/v1/complaints/${id}/remedies`, {
      as: 'advisor',
      body,
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(bad.status).toBe(400);
  });
});
