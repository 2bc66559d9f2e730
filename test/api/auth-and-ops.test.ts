import { ACTION_ROUTES } from '../../api/routes/actions';
import { intakeBody, startApi, type ApiHarness } from './harness';

describe('sign-in, health and documents on the real stack', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers 401 without a token, with a malformed header, and with a wrong or forged token', async () => {
    const none = await h.app.inject({ method: 'GET', url: '/v1/complaints', remoteAddress: '10.0.0.1' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: 'unauthorized', message: expect.stringContaining('Bearer') });
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);

    const [staffId] = h.tokens.advisor.split('.');
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${staffId}.wrongsecret`, 'Bearer nobody.abc', `Bearer ${h.tokens.advisor}x`]) {
      const res = await h.call('GET', '/v1/complaints', { headers: { authorization }, remoteAddress: '10.0.0.2' });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
    }
  });

  it('rate-limits repeated bad tokens from one client with 429 and Retry-After, and only that client', async () => {
    const bad = { as: { token: 'sa-x.not-a-real-token' }, remoteAddress: '10.9.9.9' } as const;
    for (let i = 0; i < 10; i++) expect((await h.call('GET', '/v1/complaints', bad)).status).toBe(401);
    const limited = await h.call('GET', '/v1/complaints', bad);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even a good token from that client waits out the window; other clients are unaffected.
    expect((await h.call('GET', '/v1/complaints', { remoteAddress: '10.9.9.9' })).status).toBe(429);
    expect((await h.call('GET', '/v1/complaints', { remoteAddress: '10.9.9.10' })).status).toBe(200);
  });

  it('reports Temporal and Kafka healthy without a token', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', temporal: 'ok', kafka: 'ok' });
  });

  it('reports 503 and which system is down when a probe fails', async () => {
    const down = await startApi({
      health: { temporal: async () => undefined, kafka: async () => Promise.reject(new Error('broker unreachable')) },
    });
    try {
      const res = await down.app.inject({ method: 'GET', url: '/v1/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'degraded', temporal: 'ok', kafka: 'down: broker unreachable' });
    } finally {
      await down.stop();
    }
  });

  it('serves an OpenAPI 3 document listing every endpoint with request and response schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    const expected = [
      'POST /v1/complaints',
      'GET /v1/complaints',
      'GET /v1/complaints/{id}',
      'GET /v1/health',
      'GET /v1/queues',
      'GET /v1/queues/{queue}',
      ...ACTION_ROUTES.map((r) => `POST /v1/complaints/{id}/${r.path.replace(':remedyId', '{remedyId}')}`),
    ];
    expect(ops.map((o) => o.key)).toEqual(expect.arrayContaining(expected));
    for (const { key, op } of ops.filter((o) => expected.includes(o.key))) {
      expect([key, Object.keys(op.responses)]).toEqual([key, expect.arrayContaining(['200'])]);
      if (key.startsWith('POST')) expect([key, op.requestBody?.content?.['application/json']?.schema?.type]).toEqual([key, 'object']);
    }
    const intake = ops.find((o) => o.key === 'POST /v1/complaints')!.op;
    const intakeSchema = intake.requestBody.content['application/json'].schema;
    expect(Object.keys(intakeSchema.properties)).toEqual(expect.arrayContaining(['dealerId', 'customer', 'vehicle', 'channel', 'category', 'severity']));
    expect(intakeSchema.properties.receivedBy).toBeUndefined();
    expect(intakeSchema.properties.owner).toMatchObject({ type: 'string' });
    const list = ops.find((o) => o.key === 'GET /v1/complaints')!.op;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'stage', 'status', 'owner']));
    const item = list.responses['200'].content['application/json'].schema.properties.items.items;
    expect(item.properties.status.anyOf[0].enum).toEqual(expect.arrayContaining(['open', 'terminated', 'failed']));
    expect(intake.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    const propose = ops.find((o) => o.key === 'POST /v1/complaints/{id}/remedies')!.op;
    expect(propose.requestBody.content['application/json'].schema.properties.actor).toBeUndefined();
  });

  it('serves a page documenting the API', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('/v1/openapi.json');
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await h.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: expect.any(String) });
  });

  it('works over a real listening socket: open, read, 401 and bad JSON', async () => {
    const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const auth = { authorization: `Bearer ${h.tokens.customer_service}`, 'content-type': 'application/json' };
    const opened = await fetch(`${url}/v1/complaints`, { method: 'POST', headers: auth, body: JSON.stringify(intakeBody(h.dealer)) });
    expect(opened.status).toBe(201);
    const { complaint } = (await opened.json()) as { complaint: { complaintId: string } };
    const read = await fetch(`${url}/v1/complaints/${complaint.complaintId}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { complaint: { complaintId: string } }).complaint.complaintId).toBe(complaint.complaintId);
    expect((await fetch(`${url}/v1/complaints`)).status).toBe(401);
    const broken = await fetch(`${url}/v1/complaints`, { method: 'POST', headers: auth, body: '{"dealerId": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toBe('invalid_input');
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
  });
});
