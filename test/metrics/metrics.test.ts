/**
 * The metrics each process serves (metrics/): what counts a climb, a breach, its lag and a notice,
 * the API's per-route durations and refusals, the analytics reader's totals, and the endpoint.
 */
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import Fastify from 'fastify';
import pino from 'pino';
import { Registry } from 'prom-client';
import { metered } from '../../activities/metered';
import type { AnalyticsReader } from '../../analytics/reader';
import type { DomainEvent } from '../../domain/events';
import { analyticsMetrics } from '../../metrics/analytics';
import { instrumentHttp } from '../../metrics/http';
import { ladderMetrics } from '../../metrics/ladder';
import { createRegistry, serveMetrics } from '../../metrics/registry';

const silent = pino({ level: 'silent' });
const value = async (registry: Registry, name: string, labels: Record<string, string> = {}) => {
  const base = name.replace(/_(sum|count|bucket)$/, '');
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name || m.name === base);
  if (!metric) throw new Error(`no metric ${name}`);
  return (metric.values as { value: number; labels: Record<string, string | number>; metricName?: string }[])
    .filter(
      (v) => (v.metricName ?? name) === name && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l),
    )
    .reduce((sum, v) => sum + v.value, 0);
};
const event = (name: string, data: Record<string, unknown>): DomainEvent =>
  ({ id: `e-${name}`, name, complaintId: 'C-1', dealerId: 'D-1', sequence: 2, time: 0, data }) as DomainEvent;

describe('ladder metrics (the worker)', () => {
  it('counts a lapsed deadline as a breach with its lag, and the climb it causes, not an intake', async () => {
    const registry = new Registry();
    const metrics = ladderMetrics(registry);
    const dueAt = '2026-12-02T10:00:00.000Z';
    metrics.published(
      'complaint-events',
      [
        event('stage.entered', { from: null, to: 'latent', trigger: 'intake' }),
        event('deadline.breached', { stage: 'latent', clock: 'respond', dueAt }),
        event('stage.entered', { from: 'latent', to: 'objection', trigger: 'deadline_lapsed' }),
      ],
      0.004,
      Date.parse(dueAt) + 1_500,
    );
    expect(await value(registry, 'ladder_climbs_total')).toBe(1);
    expect(await value(registry, 'ladder_climbs_total', { stage: 'objection', trigger: 'deadline_lapsed' })).toBe(1);
    expect(await value(registry, 'ladder_breaches_total', { stage: 'latent', clock: 'respond' })).toBe(1);
    expect(await value(registry, 'ladder_escalation_lag_seconds_sum', { clock: 'respond' })).toBe(1.5);
    expect(await value(registry, 'ladder_escalation_lag_seconds_bucket', { clock: 'respond', le: '1' })).toBe(0);
    expect(await value(registry, 'ladder_escalation_lag_seconds_bucket', { clock: 'respond', le: '2.5' })).toBe(1);
    expect(await value(registry, 'ladder_publish_seconds_count', { topic: 'complaint-events' })).toBe(1);
  });

  it('counts notices delivered, failed (retried) and refused (never), and rethrows what failed', async () => {
    const registry = new Registry();
    let answer: 'ok' | 'down' | 'refused' = 'ok';
    const fail = () => {
      if (answer === 'down') throw new Error('webhook answered 503');
      if (answer === 'refused') throw ApplicationFailure.nonRetryable('bad number', 'CustomerNoticeRefused');
    };
    const activities = metered(
      {
        publishEvents: async () => undefined,
        recordRemedies: async () => undefined,
        deliverNotice: async () => fail(),
        deliverCustomerNotice: async () => (fail(), { channel: 'log' as const }),
      },
      ladderMetrics(registry),
    );
    const staff = { message: { kind: 'breach' }, recipient: {} } as Parameters<typeof activities.deliverNotice>[0];
    const customer = { message: { template: 'escalated' } } as unknown as Parameters<
      typeof activities.deliverCustomerNotice
    >[0];
    await activities.deliverNotice(staff);
    answer = 'down';
    await expect(activities.deliverNotice(staff)).rejects.toThrow('503');
    await expect(activities.deliverCustomerNotice(customer)).rejects.toThrow('503');
    answer = 'refused';
    await expect(activities.deliverCustomerNotice(customer)).rejects.toThrow('bad number');
    const count = (audience: string, kind: string, outcome: string) =>
      value(registry, 'ladder_notices_total', { audience, kind, outcome });
    expect(await count('staff', 'breach', 'delivered')).toBe(1);
    expect(await count('staff', 'breach', 'failed')).toBe(1);
    expect(await count('customer', 'escalated', 'failed')).toBe(1);
    expect(await count('customer', 'escalated', 'refused')).toBe(1);
  });
});

describe('HTTP metrics (the API)', () => {
  it('labels durations by route pattern, never the raw id, and counts refusals by their code', async () => {
    const registry = new Registry();
    const app = Fastify();
    instrumentHttp(app, registry);
    app.get('/v1/complaints/:id', async (request, reply) =>
      (request.params as { id: string }).id === 'missing'
        ? reply.code(404).send({ error: 'not_found', message: 'no complaint missing' })
        : { ok: true },
    );
    await app.ready();
    for (const id of ['CL-1', 'CL-2', 'missing']) await app.inject({ method: 'GET', url: `/v1/complaints/${id}` });
    await app.inject({ method: 'GET', url: '/nowhere' });
    const route = '/v1/complaints/:id';
    expect(await value(registry, 'ladder_http_request_duration_seconds_count', { route, status: '200' })).toBe(2);
    expect(await value(registry, 'ladder_http_request_duration_seconds_count', { route, status: '404' })).toBe(1);
    expect(await value(registry, 'ladder_http_request_duration_seconds_count', { route: 'unmatched' })).toBe(1);
    expect(await value(registry, 'ladder_http_refusals_total', { code: 'not_found', status: '404' })).toBe(1);
    expect(await registry.metrics()).not.toContain('CL-1');
    await app.close();
  });
});

describe('analytics metrics', () => {
  it("follows the reader's own totals, its lag and whether it consumes", async () => {
    const status = { recordsRead: 10, deadLettered: 1, duplicates: 2, crashes: 0, gaps: [{}] };
    let unready: string | undefined;
    const reader = {
      status: () => status,
      lag: async () => 7,
      unready: () => unready,
    } as unknown as AnalyticsReader;
    const registry = new Registry();
    analyticsMetrics(registry, reader);
    expect(await value(registry, 'ladder_analytics_records_read_total')).toBe(10);
    status.recordsRead = 25;
    status.crashes = 1;
    unready = 'the consumer crashed (boom); restarting';
    expect(await value(registry, 'ladder_analytics_records_read_total')).toBe(25);
    expect(await value(registry, 'ladder_analytics_dead_lettered_total')).toBe(1);
    expect(await value(registry, 'ladder_analytics_sequence_gaps_total')).toBe(1);
    expect(await value(registry, 'ladder_analytics_consumer_lag')).toBe(7);
    expect(await value(registry, 'ladder_analytics_consumer_crashes_total')).toBe(1);
    expect(await value(registry, 'ladder_analytics_consuming')).toBe(0);
  });
});

describe('the metrics endpoint', () => {
  it('serves GET /metrics with Node metrics and what follows, 404 elsewhere, and nothing at port 0', async () => {
    expect(await serveMetrics(new Registry(), { host: '127.0.0.1', port: 0 }, silent)).toBeUndefined();
    // A port the kernel picks, then the endpoint on it (port 0 means off, so ask first).
    const probe = Fastify();
    await probe.listen({ host: '127.0.0.1', port: 0 });
    const port = (probe.server.address() as AddressInfo).port;
    await probe.close();
    const registry = createRegistry('test');
    const server = await serveMetrics(
      registry,
      { host: '127.0.0.1', port, extra: async () => 'temporal_request 3\n' },
      silent,
    );
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="test"\} \d+/m);
      expect(text).toMatch(/^temporal_request 3$/m);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server?.close(resolve));
    }
  });
});
