import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createEventLog } from '../../kafka';
import { createLiveFeed, type LiveFeed } from '../../api/live';
import { requireEnv } from '../support/stack';
import { intakeBody, startApi, type ApiHarness } from './harness';

/** Reads a server-sent event stream into a list of parsed `complaint` events. */
async function openStream(base: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/v1/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const changes: { complaintId: string; event: string; sequence: number }[] = [];
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: complaint') && data) changes.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return { res, changes, close: async () => (controller.abort(), await reading) };
}

const until = async (what: string, ok: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('GET /v1/live: changes as they happen, within the caller’s dealers', () => {
  let h: ApiHarness;
  let live: LiveFeed;
  let base: string;
  beforeAll(async () => {
    const eventLog = createEventLog(
      { brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: `live-test-${randomUUID()}` },
      pino({ level: 'silent' }),
    );
    live = createLiveFeed(eventLog, pino({ level: 'silent' }));
    h = await startApi({ live });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h?.stop();
    await live?.close();
  });

  it('streams each event of a new complaint to its dealer’s staff, and nothing to another dealer’s', async () => {
    const mine = await openStream(base, h.tokens.service_manager);
    const theirs = await openStream(base, h.otherDealerToken);
    expect(mine.res.status).toBe(200);
    expect(mine.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await live.ready();
    // The consumer joins its group from the newest offset: give it a moment to be assigned.
    await new Promise((r) => setTimeout(r, 3000));
    const opened = await h.call('POST', '/v1/complaints', { body: intakeBody(h.dealer) });
    const id = opened.body.complaint.complaintId as string;
    await until('the opening on the stream', () =>
      mine.changes.some((c) => c.complaintId === id && c.event === 'complaint.opened'),
    );
    await h.call('POST', `/v1/complaints/${id}/acknowledge`, { as: 'advisor', body: {} });
    await until('the acknowledgement on the stream', () =>
      mine.changes.some((c) => c.complaintId === id && c.event === 'complaint.acknowledged'),
    );
    expect(theirs.changes.filter((c) => c.complaintId === id)).toEqual([]);
    await mine.close();
    await theirs.close();
  }, 60_000);

  it('asks for a token like every other call', async () => {
    const res = await fetch(`${base}/v1/live`);
    expect(res.status).toBe(401);
  });
});
