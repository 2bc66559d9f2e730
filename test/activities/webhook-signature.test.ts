/**
 * Webhook deliveries are signed under the internal secret, and the demo inbox believes only
 * signed ones, takes small bodies only, and listens where it was told (loopback under npm start).
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createCustomerNotifier } from '../../activities/customer-notify';
import { createNotifier } from '../../activities/notify';
import { signatureFault, signRequest } from '../../config/request-signature';
import { createStaffInbox } from '../../demo/staff-inbox';

const secret = Buffer.from('webhook test secret: 32 bytes or more');
const silent = pino({ level: 'silent' });

/** A fetch that records what it was sent. */
function recorder() {
  const calls: { headers: Record<string, string>; body: string }[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    calls.push({ headers: init.headers as Record<string, string>, body: String(init.body) });
    return new Response('{}', { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('signed webhook deliveries', () => {
  it('signs a staff notice and a customer notice over the exact body sent', async () => {
    const r = recorder();
    const message = {
      key: 'C-1:warn',
      kind: 'deadline_warning',
      complaintId: 'C-1',
      dealerId: 'BJ-01',
      stage: 'objection',
      text: 'due soon',
    } as never;
    await createNotifier({ fetch: r.fetch, log: silent, webhookSecret: secret }).deliverNotice({
      message,
      recipient: {
        staffId: 'sm-1',
        name: 'Zhang',
        role: 'service_manager',
        dealers: ['BJ-01'],
        webhook: { url: 'http://hooks.example/x', format: 'generic' },
      } as never,
    });
    await createCustomerNotifier({ fetch: r.fetch, log: silent, webhookSecret: secret }).deliverCustomerNotice({
      message: {
        key: 'C-1:received',
        template: 'received',
        complaintId: 'C-1',
        dealerId: 'BJ-01',
        language: 'zh-CN',
        text: '已受理',
      },
      phone: '13812345678',
      channel: { kind: 'sms_webhook', url: 'http://sms.example/send' },
    });
    expect(r.calls).toHaveLength(2);
    for (const call of r.calls) {
      expect(signatureFault(secret, call.body, call.headers)).toBeNull();
      expect(signatureFault(secret, `${call.body} `, call.headers)).toMatch(/does not match/);
    }
  });

  it('sends no signature headers when no secret is configured', async () => {
    const r = recorder();
    await createCustomerNotifier({ fetch: r.fetch, log: silent }).deliverCustomerNotice({
      message: {
        key: 'C-2:received',
        template: 'received',
        complaintId: 'C-2',
        dealerId: 'BJ-01',
        language: 'zh-CN',
        text: '已受理',
      },
      phone: '13812345678',
      channel: { kind: 'sms_webhook', url: 'http://sms.example/send' },
    });
    expect(Object.keys(r.calls[0]!.headers)).not.toContain('x-ladder-signature');
  });
});

describe('the demo staff inbox', () => {
  const lines: Record<string, unknown>[] = [];
  const server = createStaffInbox(
    secret,
    pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) }),
  );
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('logs a signed notice once per idempotency key, with the phone masked', async () => {
    const body = JSON.stringify({ to: '13812345678', text: '已受理', key: 'C-3:received' });
    for (let i = 0; i < 2; i++)
      expect(
        (await post('/sms', body, { 'idempotency-key': 'C-3:received', ...signRequest(secret, body) })).status,
      ).toBe(200);
    const received = lines.filter((l) => l.msg === 'customer notice received');
    expect(received).toHaveLength(1);
    expect(JSON.stringify(received)).not.toContain('13812345678');
  });

  it('refuses an unsigned or wrongly signed delivery with 401 and logs nothing of it', async () => {
    const body = JSON.stringify({ text: 'forged' });
    expect((await post('/hooks/staff', body, {})).status).toBe(401);
    expect((await post('/hooks/staff', body, signRequest(Buffer.from('y'.repeat(40)), body))).status).toBe(401);
    expect(lines.some((l) => JSON.stringify(l).includes('forged') && l.msg === 'notice received')).toBe(false);
  });

  it('refuses a 20 MB body with 413 without reading it', async () => {
    const res = await post('/hooks/staff', 'x'.repeat(20 * 1024 * 1024), {}).catch((err) => err as Error);
    // Either the 413 arrives, or the inbox hung up on the rest of the body: never a 200.
    if (res instanceof Response) expect(res.status).toBe(413);
    else expect(String(res)).toMatch(/fetch failed|socket|reset|closed/i);
  });
});
