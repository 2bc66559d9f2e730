/**
 * The analytics process's HTTP face: it answers only requests the API signed, refuses bodies,
 * refuses a window that holds no instant, and tells a dealer's reader only that dealer's counts.
 */
import type { AddressInfo } from 'node:net';
import type { AnalyticsReader } from '../../analytics/reader';
import { createAnalyticsServer } from '../../analytics/server';
import { signRequest } from '../../config/request-signature';
import { at, complaint, project } from '../support/typed-stream';

const secret = Buffer.from('analytics test secret: 32 bytes or more');
const first = complaint('C-day-1', { severity: 'high' });
const second = complaint('C-day-2', { severity: 'high', openedAt: 24 });
const other = complaint('C-other-1', { severity: 'low', openedAt: 48, dealerId: 'BJ-02' });
other.emit('deadline.breached', { stage: 'objection', clock: 'respond', dueAt: at(50) }, 50);
const projections = project(first.records, second.records, other.records);
let unready: string | undefined;
const reader = {
  unready: () => unready,
  projections,
  status: () => ({
    eventsApplied: projections.eventsApplied,
    gaps: [{ complaintId: 'C-other-1', expected: 3, got: 5 }],
  }),
  lag: async () => 0,
} as unknown as AnalyticsReader;

describe('the analytics process’s report server', () => {
  const server = createAnalyticsServer(reader, secret);
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const ask = async (
    target: string,
    init: { headers?: Record<string, string>; body?: string; method?: string } = {},
  ) => {
    const res = await fetch(`${url}${target}`, {
      method: init.method ?? 'GET',
      headers: init.headers ?? signRequest(secret, target),
      ...(init.body ? { body: init.body } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('answers unsigned live and ready probes, and 503 with the reason once the consumer crashed', async () => {
    const unsigned = { headers: {} };
    expect(await ask('/health/live', unsigned)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await ask('/health/ready', unsigned)).toEqual({ status: 200, body: { status: 'ready' } });
    unready = 'the consumer crashed (DLQ broker unreachable); restarting';
    try {
      expect(await ask('/health/ready', unsigned)).toEqual({
        status: 503,
        body: { status: 'unready', reason: 'the consumer crashed (DLQ broker unreachable); restarting' },
      });
      expect(await ask('/health/live', unsigned)).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      unready = undefined;
    }
    // The probes say nothing else: status and reports still need the API's signature.
    expect((await ask('/status', unsigned)).status).toBe(401);
  });

  it('answers a signed report over a window', async () => {
    const res = await ask(`/reports/funnel?${new URLSearchParams({ openedFrom: at(24) })}`);
    expect(res).toMatchObject({ status: 200, body: { data: { opened: 2 } } });
  });

  it('refuses a window that ends before it starts, or holds no instant, with 400', async () => {
    for (const [from, before] of [
      [48, 24],
      [24, 24],
    ] as const) {
      const res = await ask(
        `/reports/funnel?${new URLSearchParams({ openedFrom: at(from), openedBefore: at(before) })}`,
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'invalid_query',
        details: [{ path: 'openedBefore', message: 'openedFrom must be before openedBefore' }],
      });
    }
  });

  it('answers nothing without the API’s signature: unsigned, another secret, another path, or stale', async () => {
    const target = '/reports/funnel';
    expect((await ask(target, { headers: {} })).status).toBe(401);
    expect((await ask(target, { headers: signRequest(Buffer.from('x'.repeat(40)), target) })).status).toBe(401);
    expect((await ask(target, { headers: signRequest(secret, '/reports/clocks') })).status).toBe(401);
    expect((await ask(target, { headers: signRequest(secret, target, Date.now() - 10 * 60_000) })).status).toBe(401);
    expect((await ask('/status', { headers: {} })).body).toMatchObject({ error: 'unauthorized' });
  });

  it('refuses a body unread', async () => {
    const res = await ask('/reports/funnel', {
      method: 'POST',
      body: 'x'.repeat(20_000),
      headers: { ...signRequest(secret, '/reports/funnel'), 'content-length': '20000' },
    });
    expect(res.status).toBe(413);
  });

  it('tells a dealer’s reader that dealer’s counts only: no other complaint ids, no global totals', async () => {
    const mine = await ask('/reports/funnel?dealerId=BJ-01');
    expect(mine.body).toEqual({
      report: 'funnel',
      eventsApplied: first.records.length + second.records.length,
      complaints: 2,
      data: expect.any(Object),
    });
    expect(JSON.stringify(mine.body)).not.toContain('C-other-1');
    const all = await ask('/reports/funnel');
    expect(all.body).toMatchObject({ eventsApplied: projections.eventsApplied, complaints: 3 });
  });
});
