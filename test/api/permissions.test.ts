import { intakeBody, startApi, type ApiHarness } from './harness';

describe('GET /v1/complaints/{id}/actions: what the caller may do, by the workflow’s own rules', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h?.stop());

  const permission = (body: { actions: { action: string; allowed: boolean; reason?: string }[] }, name: string) =>
    body.actions.find((a) => a.action === name)!;

  it('answers per role, with the reason for each refusal, under the complaint’s policy', async () => {
    const id = (await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) })).body.complaint
      .complaintId as string;
    const asAdvisor = await h.call('GET', `/v1/complaints/${id}/actions`, { as: 'advisor' });
    expect(asAdvisor.status).toBe(200);
    expect(permission(asAdvisor.body, 'acknowledge').allowed).toBe(true);
    expect(permission(asAdvisor.body, 'pauseClock')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/manager/),
    });
    const asManager = await h.call('GET', `/v1/complaints/${id}/actions`, { as: 'service_manager' });
    expect(permission(asManager.body, 'pauseClock').allowed).toBe(true);

    await h.call('POST', `/v1/complaints/${id}/remedies`, {
      as: 'advisor',
      body: { type: 'cash_compensation', amount: 3000, description: 'Hire car' },
    });
    const remedy = (await h.call('GET', `/v1/complaints/${id}/actions`, { as: 'service_manager' })).body.remedies[0];
    expect(remedy.actions.find((a: { action: string }) => a.action === 'approveRemedy').allowed).toBe(true);
    const byProposer = (await h.call('GET', `/v1/complaints/${id}/actions`, { as: 'advisor' })).body.remedies[0];
    expect(byProposer.actions.find((a: { action: string }) => a.action === 'approveRemedy')).toMatchObject({
      allowed: false,
    });
  });

  it('is scoped like the complaint itself: another dealer’s staff get the 404 of an unknown id', async () => {
    const id = (await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer) })).body.complaint
      .complaintId as string;
    const other = await h.call('GET', `/v1/complaints/${id}/actions`, { as: { token: h.otherDealerToken } });
    expect(other).toMatchObject({ status: 404, body: { error: 'not_found', message: `no complaint ${id}` } });
    const unknown = await h.call('GET', '/v1/complaints/CL-NOPE-20260101-AAAAAA/actions');
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: 'no complaint CL-NOPE-20260101-AAAAAA' },
    });
  });
});

describe('GET /v1/vocabulary', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h?.stop());

  it('serves the ladder and every label from domain/, in zh and en', async () => {
    const res = await h.call('GET', '/v1/vocabulary');
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s: { id: string }) => s.id)).toEqual([
      'latent',
      'objection',
      'complaint',
      'formal_complaint',
      'deadlock',
      'public_action',
    ]);
    expect(res.body.stages[3]).toMatchObject({ label: { zh: '投诉', en: 'Formal complaint' }, ownerTier: 2 });
    expect(res.body.remedyTypes.find((r: { id: string }) => r.id === 'cash_compensation').label.zh).toBe('现金补偿');
    expect((await h.call('GET', '/v1/vocabulary', { as: { token: 'nope' } })).status).toBe(401);
  });
});
