import { intakeBody, quiet, startApi, type ApiHarness } from './harness';

/** An action's Idempotency-Key, like intake's: one outcome per key (issue F7). */
describe('idempotent actions', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const open = async () => {
    const res = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer) });
    expect(res.status).toBe(201);
    return res.body.complaint.complaintId as string;
  };
  const read = async (id: string) => (await h.call('GET', `/v1/complaints/${id}`)).body.complaint;

  it('answers the same key with a different body 422 idempotency_key_reused, and changes nothing', async () => {
    const id = await open();
    const key = { 'idempotency-key': 'contact-1' };
    const first = await h.call('POST', `/v1/complaints/${id}/contacts`, {
      as: 'advisor',
      body: { method: 'phone', summary: 'Apologised' },
      headers: key,
    });
    expect(first.status).toBe(200);
    const settled = await quiet(() => read(id));
    const reused = await h.call('POST', `/v1/complaints/${id}/contacts`, {
      as: 'advisor',
      body: { method: 'visit', summary: 'Came by' },
      headers: key,
    });
    expect(reused).toMatchObject({
      status: 422,
      body: { error: 'idempotency_key_reused', message: expect.stringContaining('Idempotency-Key') },
    });
    expect(await read(id)).toEqual(settled);
    // The true retry still answers as the first time did, and applies nothing more.
    const retry = await h.call('POST', `/v1/complaints/${id}/contacts`, {
      as: 'advisor',
      body: { summary: 'Apologised', method: 'phone' },
      headers: key,
    });
    expect(retry.status).toBe(200);
    expect((await read(id)).audit.filter((a: { action: string }) => a.action === 'logContact')).toHaveLength(1);
  });

  it('scopes a key to the staff member and the operation, and a remedy in the path is part of the request', async () => {
    const id = await open();
    const key = { 'idempotency-key': 'k-1' };
    expect(
      (
        await h.call('POST', `/v1/complaints/${id}/contacts`, {
          as: 'advisor',
          body: { method: 'phone', summary: 'a' },
          headers: key,
        })
      ).status,
    ).toBe(200);
    // Another staff member with the same key, and the same staff member on another operation: fresh.
    expect(
      (
        await h.call('POST', `/v1/complaints/${id}/contacts`, {
          as: 'customer_service',
          body: { method: 'email', summary: 'b' },
          headers: key,
        })
      ).status,
    ).toBe(200);
    const remedy = (amount: number, k: string) =>
      h.call('POST', `/v1/complaints/${id}/remedies`, {
        as: 'advisor',
        body: { type: 'cash_compensation', amount, description: 'taxi' },
        headers: { 'idempotency-key': k },
      });
    expect((await remedy(900, 'k-1')).status).toBe(200);
    const second = await remedy(950, 'p-2');
    const [a, b] = second.body.complaint.remedies.map(
      (r: { remedyId: string; status: string }) => (expect(r.status).toBe('awaiting_approval'), r.remedyId),
    );
    const decide = (remedyId: string) =>
      h.call('POST', `/v1/complaints/${id}/remedies/${remedyId}/approve`, {
        as: 'general_manager',
        body: {},
        headers: { 'idempotency-key': 'approve-1' },
      });
    expect((await decide(a)).status).toBe(200);
    expect(await decide(b)).toMatchObject({ status: 422, body: { error: 'idempotency_key_reused' } });
  });
});
