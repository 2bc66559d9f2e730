import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createEventLog } from '../../kafka';
import { startAnalytics } from '../support/real-stack';
import { requireEnv } from '../support/stack';
import { eventually, intakeBody, startApi, type ApiHarness } from './harness';

/** /v1/analytics through the API: real complaints, the real stream, the analytics reader, dealer scope. */
describe('GET /v1/analytics/<report>', () => {
  let api: ApiHarness;
  let analytics: Awaited<ReturnType<typeof startAnalytics>>;

  beforeAll(async () => {
    const eventLog = createEventLog(
      { brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: `analytics-api-${randomUUID()}` },
      pino({ level: 'silent' }),
    );
    analytics = await startAnalytics(eventLog);
    api = await startApi({ analyticsUrl: analytics.url });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await analytics?.stop();
  });

  it('reports a complaint opened through the API, scoped to the caller’s dealer', async () => {
    const opened = await api.call('POST', '/v1/complaints', { body: intakeBody(api.dealer) });
    expect(opened.status).toBe(201);
    const funnel = await eventually(
      'the complaint in the funnel',
      () => api.call('GET', '/v1/analytics/funnel'),
      (r) => r.body?.data?.opened === 1,
      20_000,
    );
    expect(funnel.body.data.reached.objection).toBe(1);
    const byChannel = await api.call('GET', '/v1/analytics/open-work?by=channel');
    expect(byChannel.body.data).toEqual({ phone: expect.objectContaining({ total: 1 }) });
  }, 40_000);

  it('covers the complaints opened in a window, in the reports and the list alike, and refuses a window that ends before it starts', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const window = (from: string, before?: string) =>
      new URLSearchParams({ openedFrom: from, ...(before ? { openedBefore: before } : {}) });
    expect((await api.call('GET', `/v1/analytics/funnel?${window(hourAgo)}`)).body.data.opened).toBe(1);
    expect((await api.call('GET', `/v1/analytics/funnel?${window(inAnHour)}`)).body.data.opened).toBe(0);
    const listed = await eventually(
      'the complaint in the list',
      () => api.call('GET', `/v1/complaints?${window(hourAgo)}`),
      (r) => r.body?.items?.length === 1,
    );
    expect(listed.status).toBe(200);
    expect((await api.call('GET', `/v1/complaints?${window(inAnHour)}`)).body.items).toEqual([]);
    for (const url of ['/v1/analytics/funnel', '/v1/complaints']) {
      const reversed = await api.call('GET', `${url}?${window(inAnHour, hourAgo)}`);
      expect([url, reversed.status, reversed.body.error, reversed.body.details]).toEqual([
        url,
        400,
        'invalid_input',
        [{ path: 'openedBefore', message: 'openedFrom must be before openedBefore' }],
      ]);
    }
  }, 30_000);

  it('refuses another dealer’s numbers with 403 and an unknown report with 400', async () => {
    expect((await api.call('GET', `/v1/analytics/funnel?dealerId=${api.otherDealer}`)).status).toBe(403);
    expect((await api.call('GET', '/v1/analytics/salaries')).status).toBe(400);
    expect((await api.call('GET', '/v1/analytics/funnel', { as: { token: 'nope.nope' } })).status).toBe(401);
  });

  it('answers 503 when the analytics process is down', async () => {
    const down = await startApi({ analyticsUrl: 'http://127.0.0.1:1' });
    try {
      const res = await down.call('GET', '/v1/analytics/funnel');
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('analytics_unavailable');
    } finally {
      await down.stop();
    }
  });
});
