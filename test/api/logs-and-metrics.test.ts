/**
 * What the API tells operators about each request: a log line naming the complaint it is about,
 * and request metrics by route pattern with refusals by code, on the app the API process runs.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { Registry } from 'prom-client';
import { startApi } from './harness';

describe('API logs and metrics', () => {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const registry = new Registry();
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi({ logger: pino({ level: 'info' }, sink), metrics: registry });
  });
  afterAll(() => api.stop());

  const count = async (name: string, labels: Record<string, string>) => {
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name)!;
    return (metric.values as { value: number; labels: Record<string, unknown>; metricName?: string }[])
      .filter((v) => !v.metricName || v.metricName === `${name}_count`) // a histogram: its count
      .filter((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))
      .reduce((sum, v) => sum + v.value, 0);
  };

  it('names the complaint on every line of a request about one, the completion line included', async () => {
    const id = 'CL-NOWHERE-20261202-AAAAAA';
    const res = await api.call('GET', `/v1/complaints/${id}`);
    expect(res.status).toBe(404);
    const mine = lines.filter((l) => l.reqId !== undefined && l.complaintId === id);
    expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['request completed']));
    // A request about no complaint carries none.
    await api.call('GET', '/v1/complaints?limit=1');
    const list = lines.filter((l) => l.msg === 'request completed' && l.complaintId === undefined);
    expect(list.length).toBeGreaterThan(0);
  });

  it('counts requests by route pattern and refusals by their error code', async () => {
    const route = '/v1/complaints/:id';
    const before = await count('ladder_http_request_duration_seconds', { route, status: '404' });
    const refusedBefore = await count('ladder_http_refusals_total', { code: 'not_found', status: '404' });
    await api.call('GET', '/v1/complaints/CL-NOWHERE-20261202-BBBBBB');
    const bad = await api.call('POST', '/v1/complaints', { body: { dealerId: 'x' } });
    expect(bad.status).toBe(400);
    expect(await count('ladder_http_request_duration_seconds', { route, status: '404' })).toBe(before + 1);
    expect(await count('ladder_http_refusals_total', { code: 'not_found', status: '404' })).toBe(refusedBefore + 1);
    expect(await count('ladder_http_refusals_total', { code: 'invalid_input', status: '400' })).toBeGreaterThan(0);
    expect(await registry.metrics()).not.toContain('BBBBBB');
  });
});
