import { coalesceSends, type TopicRecords } from '../../kafka/coalesce';

/** A fake request: held open until the test releases it, so sends can pile up behind it. */
function fakeBroker() {
  const requests: { batch: TopicRecords<string>[]; release: (err?: Error) => void }[] = [];
  const sendBatch = (batch: TopicRecords<string>[]) =>
    new Promise<void>((resolve, reject) => requests.push({ batch, release: (err) => (err ? reject(err) : resolve()) }));
  return { requests, sendBatch };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('coalescing concurrent sends into one produce request', () => {
  it('sends a lone send at once, without waiting for company', async () => {
    const broker = fakeBroker();
    const sends = coalesceSends({
      sendBatch: broker.sendBatch,
      sizeOf: (r: string) => r.length,
      maxRequestBytes: 1000,
    });
    const sent = sends.send('t', ['a']);
    await tick();
    expect(broker.requests.map((r) => r.batch)).toEqual([[{ topic: 't', records: ['a'] }]]);
    broker.requests[0]!.release();
    await expect(sent).resolves.toBeUndefined();
  });

  it('queues sends while a request is in flight and carries them together, in order, per topic', async () => {
    const broker = fakeBroker();
    const sends = coalesceSends({
      sendBatch: broker.sendBatch,
      sizeOf: (r: string) => r.length,
      maxRequestBytes: 1000,
    });
    const first = sends.send('events', ['e1']);
    const queued = [sends.send('events', ['e2', 'e3']), sends.send('ledger', ['r1']), sends.send('events', ['e4'])];
    await tick();
    expect(broker.requests).toHaveLength(1);
    expect(sends.waiting).toBe(3);
    broker.requests[0]!.release();
    await first;
    await tick();
    expect(broker.requests).toHaveLength(2);
    expect(broker.requests[1]!.batch).toEqual([
      { topic: 'events', records: ['e2', 'e3', 'e4'] },
      { topic: 'ledger', records: ['r1'] },
    ]);
    broker.requests[1]!.release();
    await expect(Promise.all(queued)).resolves.toHaveLength(3);
  });

  it('fails every send a failed request carried, and only those', async () => {
    const broker = fakeBroker();
    const sends = coalesceSends({
      sendBatch: broker.sendBatch,
      sizeOf: (r: string) => r.length,
      maxRequestBytes: 1000,
    });
    const first = sends.send('t', ['a']);
    const second = sends.send('t', ['b']);
    const third = sends.send('t', ['c']);
    await tick();
    broker.requests[0]!.release();
    await first;
    await tick();
    broker.requests[1]!.release(new Error('broker gone'));
    await expect(second).rejects.toThrow('broker gone');
    await expect(third).rejects.toThrow('broker gone');
    // The next send gets a request of its own and succeeds.
    const fourth = sends.send('t', ['d']);
    await tick();
    expect(broker.requests[2]!.batch).toEqual([{ topic: 't', records: ['d'] }]);
    broker.requests[2]!.release();
    await expect(fourth).resolves.toBeUndefined();
  });

  it('keeps a request under the byte limit, but never splits one send', async () => {
    const broker = fakeBroker();
    const sends = coalesceSends({ sendBatch: broker.sendBatch, sizeOf: (r: string) => r.length, maxRequestBytes: 5 });
    const all = [
      sends.send('t', ['x']),
      sends.send('t', ['aaa', 'bbb']),
      sends.send('t', ['cc']),
      sends.send('t', ['ddd']),
    ];
    for (let i = 0; i < 4; i++) {
      await tick();
      broker.requests[i]?.release();
    }
    await Promise.all(all);
    expect(broker.requests.map((r) => r.batch[0]!.records)).toEqual([['x'], ['aaa', 'bbb'], ['cc', 'ddd']]);
  });

  it('resolves an empty send without a request', async () => {
    const broker = fakeBroker();
    const sends = coalesceSends({ sendBatch: broker.sendBatch, sizeOf: (r: string) => r.length, maxRequestBytes: 5 });
    await expect(sends.send('t', [])).resolves.toBeUndefined();
    expect(broker.requests).toHaveLength(0);
  });
});
