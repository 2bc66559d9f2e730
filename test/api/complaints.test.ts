import { COMPLAINT_ID_SHAPE } from '../../api/complaint-id';
import { eventually, intakeBody, startApi, type ApiHarness } from './harness';

describe('complaints API: intake, read and list on the real stack', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('opens a complaint with 201, a readable id, the caller as receiver and a masked phone', async () => {
    const res = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) });
    expect(res.status).toBe(201);
    const c = res.body.complaint;
    expect(c.complaintId).toMatch(COMPLAINT_ID_SHAPE);
    expect(c.complaintId.startsWith(`CL-${h.dealer.replace(/-/g, '')}-`)).toBe(true);
    expect(res.headers.location).toBe(`/v1/complaints/${c.complaintId}`);
    expect(c).toMatchObject({ dealerId: h.dealer, stage: 'objection', status: 'open', policyVersion: 'api-test' });
    expect(c.intake.receivedBy).toEqual({
      id: expect.stringMatching(/^sa-/),
      role: 'advisor',
      name: expect.any(String),
    });
    expect(c.intake.customer.phone).toBe('138****5678');
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it.each([
    [{ channel: 'letter' }, 'formal_complaint'],
    [{ channel: 'regulator' }, 'formal_complaint'],
    [{ channel: 'media' }, 'public_action'],
    [{ channel: 'on_site', reportedByStaff: true }, 'latent'],
    [{ channel: 'online' }, 'objection'],
    [{ channel: 'phone', startingStage: 'deadlock' }, 'deadlock'],
  ])('starts %j at %s (SPEC §3 starting stage)', async (overrides, stage) => {
    const res = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer, overrides) });
    expect(res.status).toBe(201);
    expect(res.body.complaint.stage).toBe(stage);
  });

  it('reads a complaint back with GET, phone still masked', async () => {
    const opened = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer) });
    const id = opened.body.complaint.complaintId;
    const res = await h.call('GET', `/v1/complaints/${id}`, { as: 'general_manager' });
    expect(res.status).toBe(200);
    expect(res.body.complaint).toMatchObject({ complaintId: id, stage: 'objection', sequence: expect.any(Number) });
    expect(res.body.complaint.intake.customer.phone).toBe('138****5678');
  });

  it('answers intake with exactly the state the workflow then holds (clocks start at receipt)', async () => {
    const before = Date.now();
    const opened = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer) });
    expect(opened.status).toBe(201);
    const answered = opened.body.complaint;
    expect(answered.openedAt).toBeGreaterThanOrEqual(before);
    const read = await h.call('GET', `/v1/complaints/${answered.complaintId}`);
    expect(read.status).toBe(200);
    // Only the sequence may have moved on since: the opening notice's delivery is an event of its own.
    const { sequence, ...rest } = read.body.complaint;
    expect(rest).toEqual({ ...answered, sequence: undefined });
    expect(sequence).toBeGreaterThanOrEqual(answered.sequence);
  });

  it('answers 404 for an unknown complaint', async () => {
    const res = await h.call('GET', '/v1/complaints/CL-NOPE-20260101-000000');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: expect.stringContaining('CL-NOPE-20260101-000000') });
  });

  it('rejects an invalid intake with 400 and a message per field', async () => {
    const res = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer, { customer: { name: '', phone: 'call me' }, channel: 'pigeon', vehicle: {} }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_input');
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['customer.name', 'customer.phone', 'channel', 'vehicle']));
    for (const d of res.body.details) expect(d.message).toEqual(expect.any(String));
  });

  it('refuses receivedBy in the body: the caller is the receiver', async () => {
    const res = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer, { receivedBy: { id: 'someone-else', role: 'general_manager' } }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toContain('receivedBy');
  });

  it('refuses intake for another dealer with 403', async () => {
    const res = await h.call('POST', '/v1/complaints', { body: intakeBody(h.otherDealer) });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer, { description: 'x'.repeat(20_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
  });

  it('opens one complaint per Idempotency-Key: a retry gets 200 and the same complaint', async () => {
    const before = await h.workflowCount();
    const key = `retry-${Date.now()}`;
    const first = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer),
      headers: { 'idempotency-key': key },
    });
    const again = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.complaint.complaintId).toBe(first.body.complaint.complaintId);
    // Concurrent retries too: Temporal's id conflict policy lets only one start.
    const burst = await Promise.all(
      [1, 2, 3].map(() =>
        h.call('POST', '/v1/complaints', {
          body: intakeBody(h.dealer),
          headers: { 'idempotency-key': `${key}-burst` },
        }),
      ),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(burst.map((r) => r.body.complaint.complaintId)).size).toBe(1);
    await eventually('visibility', h.workflowCount, (n) => n >= before + 2);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await h.workflowCount()).toBe(before + 2);
  });

  it('rejects a malformed Idempotency-Key with 400', async () => {
    const res = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer),
      headers: { 'idempotency-key': 'has spaces in it' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('idempotency-key');
  });

  it('refuses the same Idempotency-Key with a different body (422)', async () => {
    const key = `changed-${Date.now()}`;
    const first = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const changed = await h.call('POST', '/v1/complaints', {
      body: intakeBody(h.dealer, { severity: 'high' }),
      headers: { 'idempotency-key': key },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.error).toBe('idempotency_key_reused');
  });

  it('lists complaints by stage and status, scoped to the caller’s dealers, with pagination', async () => {
    const media = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer, { channel: 'media' }) });
    const id = media.body.complaint.complaintId;
    const listed = await eventually(
      'the media complaint in visibility',
      () => h.call('GET', '/v1/complaints?stage=public_action&status=open'),
      (r) => r.body.items?.some((i: { complaintId: string }) => i.complaintId === id),
    );
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((i: { complaintId: string }) => i.complaintId === id);
    expect(item).toEqual({
      complaintId: id,
      dealerId: h.dealer,
      stage: 'public_action',
      status: 'open',
      owner: expect.stringMatching(/^cs-/),
      severity: 'medium',
      plate: '沪A12345',
      repairOrderNo: 'RO-2026-0001',
      awaitingApprovalBy: [],
      overdue: false,
      unowned: false,
      nextDeadline: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      openedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(
      listed.body.items.every(
        (i: { stage: string; dealerId: string }) => i.stage === 'public_action' && i.dealerId === h.dealer,
      ),
    ).toBe(true);

    // Pages of two until the end, without repeats.
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page: { status: number; body: any } = await h.call(
        'GET',
        `/v1/complaints?pageSize=2${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { complaintId: string }) => i.complaintId));
      token = page.body.nextPageToken;
    } while (token);
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);

    // Another dealer's staff see none of these, and may not ask for them.
    const other = await h.call('GET', '/v1/complaints', { as: { token: h.otherDealerToken } });
    expect(other.status).toBe(200);
    expect(other.body.items.some((i: { dealerId: string }) => i.dealerId === h.dealer)).toBe(false);
    const asked = await h.call('GET', `/v1/complaints?dealerId=${h.dealer}`, { as: { token: h.otherDealerToken } });
    expect(asked.status).toBe(403);
    // Head office (scope "*") filters by dealer.
    const hq = await h.call('GET', `/v1/complaints?dealerId=${h.dealer}&stage=public_action`, {
      as: { token: h.allDealersToken },
    });
    expect(hq.body.items.map((i: { complaintId: string }) => i.complaintId)).toContain(id);
  });

  it('rejects bad list filters and forged page tokens with 400, never a query error', async () => {
    const bad = await h.call('GET', "/v1/complaints?stage=deadlock' OR 1=1&pageSize=0");
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['pageSize', 'stage']);
    const injected = await h.call('GET', `/v1/complaints?dealerId=${encodeURIComponent("x' OR 'a'='a")}`, {
      as: { token: h.allDealersToken },
    });
    expect(injected.status).toBe(400);
    const forged = await h.call('GET', '/v1/complaints?pageToken=Z2FyYmFnZQ.c2ln');
    expect(forged.status).toBe(400);
    expect(forged.body.details[0].path).toBe('pageToken');
  });
});
