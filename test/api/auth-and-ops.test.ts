import pino from 'pino';
import { ACTION_ROUTES } from '../../api/routes/actions';
import { addStaff, revokeStaff } from '../../api/staff-directory';
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
    for (const authorization of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      `Bearer ${staffId}.wrongsecret`,
      'Bearer nobody.abc',
      `Bearer ${h.tokens.advisor}x`,
    ]) {
      const res = await h.call('GET', '/v1/complaints', { headers: { authorization }, remoteAddress: '10.0.0.2' });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
    }
  });

  it('never refuses a valid token for failures by others: ten bad tokens from one address, then a valid token from it is 200', async () => {
    const bad = { as: { token: 'sa-x.not-a-real-token' }, remoteAddress: '10.9.9.9' } as const;
    for (let i = 0; i < 10; i++) expect((await h.call('GET', '/v1/complaints', bad)).status).toBe(401);
    const started = Date.now();
    expect((await h.call('GET', '/v1/complaints', { remoteAddress: '10.9.9.9' })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000); // not held back either
    // Past its limit, that client's bad tokens get 429 with Retry-After; its good ones still get in.
    const limited = await h.call('GET', '/v1/complaints', bad);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'too_many_requests', message: expect.stringContaining('failed sign-ins') });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.call('GET', '/v1/complaints', { as: 'advisor', remoteAddress: '10.9.9.9' })).status).toBe(200);
    expect((await h.call('GET', '/v1/complaints', { ...bad, remoteAddress: '10.9.9.10' })).status).toBe(401);
  }, 60_000);

  it('slows failed sign-ins down, more with each failure, capped, instead of locking anyone out', async () => {
    const bad = { as: { token: 'nobody-slow.wrong' }, remoteAddress: '10.8.8.8' } as const;
    const took: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      expect((await h.call('GET', '/v1/complaints', bad)).status).toBe(401);
      took.push(Date.now() - started);
    }
    expect(took[0]).toBeLessThan(100); // a mistyped token costs nothing
    expect(took[5]).toBeGreaterThanOrEqual(took[3]!);
    expect(took[7]).toBeGreaterThanOrEqual(1900);
    expect(took[7]).toBeLessThan(3000); // capped at 2 s
  }, 60_000);

  it("counts failures in a staff member's name from any address, without ever slowing their own token", async () => {
    const [staffId] = h.tokens.technical_manager.split('.');
    for (let i = 0; i < 6; i++) {
      const res = await h.call('GET', '/v1/complaints', {
        as: { token: `${staffId}.guess-${i}` },
        remoteAddress: `10.7.7.${i}`,
      });
      expect(res.status).toBe(401);
    }
    const guess = Date.now();
    expect(
      (await h.call('GET', '/v1/complaints', { as: { token: `${staffId}.guess-x` }, remoteAddress: '10.7.7.99' }))
        .status,
    ).toBe(401);
    expect(Date.now() - guess).toBeGreaterThanOrEqual(700); // the 7th failure for this id, from a fresh address
    const own = Date.now();
    expect(
      (await h.call('GET', '/v1/complaints', { as: 'technical_manager', remoteAddress: '10.7.7.99' })).status,
    ).toBe(200);
    expect(Date.now() - own).toBeLessThan(1000);
  }, 60_000);

  it('takes the Bearer scheme in any case (RFC 7235), without counting it as a failure', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer', 'bEaReR']) {
      const res = await h.call('GET', '/v1/complaints', {
        headers: { authorization: `${scheme} ${h.tokens.advisor}` },
        remoteAddress: '10.6.6.6',
      });
      expect([scheme, res.status]).toEqual([scheme, 200]);
    }
  });

  it('refuses a revoked token and an expired one with 401 saying so, picked up from the staff file without a restart', async () => {
    const run = h.dealer.slice(2);
    const leaving = addStaff(
      { id: `leaver-${run}`, name: 'Leaver', role: 'advisor', dealers: [h.dealer] },
      h.staffFile,
    );
    expect((await h.call('GET', '/v1/complaints', { as: { token: leaving.token } })).status).toBe(200);
    revokeStaff(`leaver-${run}`, h.staffFile);
    const revoked = await h.call('GET', '/v1/complaints', { as: { token: leaving.token } });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({ error: 'unauthorized', message: 'token revoked' });

    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const temp = addStaff(
      { id: `temp-${run}`, name: 'Temp', role: 'advisor', dealers: [h.dealer], expiresAt },
      h.staffFile,
    );
    expect((await h.call('GET', '/v1/complaints', { as: { token: temp.token } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 100));
    const expired = await h.call('GET', '/v1/complaints', { as: { token: temp.token } });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'unauthorized', message: `token expired on ${expiresAt}` });
    expect(expired.headers['www-authenticate']).toMatch(/^Bearer/);
    // Neither is offered for a hand-over any more.
    const colleagues = (await h.call('GET', '/v1/staff', { as: 'service_manager' })).body.staff.map(
      (s: { id: string }) => s.id,
    );
    expect(colleagues).not.toContain(`leaver-${run}`);
    expect(colleagues).not.toContain(`temp-${run}`);
  });

  it('believes X-Forwarded-For only from a configured trusted proxy', async () => {
    const proxied = await startApi({
      trustedProxies: ['10.1.0.0/16'],
      authFailures: { limit: 3, windowMs: 60_000, maxDelayMs: 0 },
    });
    try {
      const bad = (remoteAddress: string, forwardedFor: string) =>
        proxied.call('GET', '/v1/complaints', {
          as: { token: 'x.bad' },
          remoteAddress,
          headers: { 'x-forwarded-for': forwardedFor },
        });
      // Through the proxy, each client behind it is counted on its own.
      for (let i = 0; i < 3; i++) expect((await bad('10.1.2.3', '203.0.113.7')).status).toBe(401);
      expect((await bad('10.1.2.3', '203.0.113.7')).status).toBe(429);
      expect((await bad('10.1.2.3', '203.0.113.8')).status).toBe(401);
      // A client that is not a trusted proxy cannot pick a new address per request.
      for (let i = 0; i < 3; i++) expect((await bad('192.0.2.50', `198.51.100.${i}`)).status).toBe(401);
      expect((await bad('192.0.2.50', '198.51.100.99')).status).toBe(429);
    } finally {
      await proxied.stop();
    }
    // Without the setting (the default), the header is ignored altogether.
    for (let i = 0; i < 10; i++)
      await h.call('GET', '/v1/complaints', {
        as: { token: 'y.bad' },
        remoteAddress: '192.0.2.60',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
    expect(
      (
        await h.call('GET', '/v1/complaints', {
          as: { token: 'y.bad' },
          remoteAddress: '192.0.2.60',
          headers: { 'x-forwarded-for': '198.51.100.200' },
        })
      ).status,
    ).toBe(429);
  }, 90_000);

  it('writes no token to the log, from the Authorization header or a query string', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const logged = await startApi({ logger });
    try {
      const token = logged.tokens.advisor;
      const secret = token.split('.')[1]!;
      await logged.call('GET', `/v1/complaints?token=${encodeURIComponent(token)}&pageSize=5`, { as: 'advisor' });
      await logged.call('GET', `/v1/complaints?access_token=${secret}`, { as: 'advisor' });
      await logged.call('GET', `/v1/nothing/${token}`, { as: 'advisor' });
      await logged.call('GET', '/v1/complaints', { as: { token: `${token.slice(0, -2)}zz` } });
      const text = lines.join('');
      expect(text).toContain('incoming request');
      expect(text).toContain('pageSize=5');
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 20));
      expect(text.toLowerCase()).not.toContain('bearer');
    } finally {
      await logged.stop();
    }
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
      // A broker outage leaves the API live and ready: no call but the live stream needs Kafka.
      const live = await down.app.inject({ method: 'GET', url: '/v1/health/live' });
      expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await down.app.inject({ method: 'GET', url: '/v1/health/ready' });
      expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready', temporal: 'ok' }]);
    } finally {
      await down.stop();
    }
  });

  it('turns unready, but stays live, when Temporal is down', async () => {
    const down = await startApi({
      health: { temporal: async () => Promise.reject(new Error('connection refused')), kafka: async () => undefined },
    });
    try {
      const ready = await down.app.inject({ method: 'GET', url: '/v1/health/ready' });
      expect([ready.statusCode, ready.json()]).toEqual([
        503,
        { status: 'unready', temporal: 'down: connection refused' },
      ]);
      const live = await down.app.inject({ method: 'GET', url: '/v1/health/live' });
      expect(live.statusCode).toBe(200);
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
      'GET /v1/health/live',
      'GET /v1/health/ready',
      'GET /v1/queues',
      'GET /v1/queues/{queue}',
      ...ACTION_ROUTES.map((r) => `POST /v1/complaints/{id}/${r.path.replace(':remedyId', '{remedyId}')}`),
    ];
    expect(ops.map((o) => o.key)).toEqual(expect.arrayContaining(expected));
    for (const { key, op } of ops.filter((o) => expected.includes(o.key))) {
      expect([key, Object.keys(op.responses)]).toEqual([key, expect.arrayContaining(['200'])]);
      if (key.startsWith('POST'))
        expect([key, op.requestBody?.content?.['application/json']?.schema?.type]).toEqual([key, 'object']);
    }
    const intake = ops.find((o) => o.key === 'POST /v1/complaints')!.op;
    const intakeSchema = intake.requestBody.content['application/json'].schema;
    expect(Object.keys(intakeSchema.properties)).toEqual(
      expect.arrayContaining(['dealerId', 'customer', 'vehicle', 'channel', 'category', 'severity']),
    );
    expect(intakeSchema.properties.receivedBy).toBeUndefined();
    expect(intakeSchema.properties.owner).toMatchObject({ type: 'string' });
    const list = ops.find((o) => o.key === 'GET /v1/complaints')!.op;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'stage', 'status', 'owner']),
    );
    const item = list.responses['200'].content['application/json'].schema.properties.items.items;
    expect(item.properties.status.anyOf[0].enum).toEqual(expect.arrayContaining(['open', 'terminated', 'failed']));
    expect(intake.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    const propose = ops.find((o) => o.key === 'POST /v1/complaints/{id}/remedies')!.op;
    expect(propose.requestBody.content['application/json'].schema.properties.actor).toBeUndefined();
  });

  it('serves a page documenting the API (swagger-ui over the same document; test/api/docs.test.ts has the rest)', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<div id="swagger-ui"></div>');
    expect(res.body).toContain('/v1/docs/static/swagger-initializer.js');
    const loaded = await h.app.inject({ method: 'GET', url: '/v1/docs/json' });
    expect(loaded.json()).toEqual((await h.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json());
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await h.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: expect.any(String) });
  });

  it('works over a real listening socket: open, read, 401 and bad JSON', async () => {
    const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const auth = { authorization: `Bearer ${h.tokens.customer_service}`, 'content-type': 'application/json' };
    const opened = await fetch(`${url}/v1/complaints`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(intakeBody(h.dealer)),
    });
    expect(opened.status).toBe(201);
    const { complaint } = (await opened.json()) as { complaint: { complaintId: string } };
    const read = await fetch(`${url}/v1/complaints/${complaint.complaintId}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { complaint: { complaintId: string } }).complaint.complaintId).toBe(
      complaint.complaintId,
    );
    expect((await fetch(`${url}/v1/complaints`)).status).toBe(401);
    const broken = await fetch(`${url}/v1/complaints`, { method: 'POST', headers: auth, body: '{"dealerId": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toBe('invalid_input');
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
  });
});
