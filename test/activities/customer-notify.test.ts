import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import { createCustomerNotifier } from '../../activities/customer-notify';
import type { CustomerDelivery } from '../../domain/customer-notices';

const RAW = '13812345678';
const MASKED = '138****5678';
const GATEWAY = 'https://sms.example.com/send?apikey=s3cret';

const delivery = (channel: CustomerDelivery['channel']): CustomerDelivery => ({
  message: {
    key: 'C-1:received',
    template: 'received',
    complaintId: 'C-1',
    dealerId: 'BJ-01',
    language: 'zh-CN',
    text: '您的投诉 C-1 已受理，由王顾问负责。',
  },
  phone: RAW,
  channel,
});

/** A notifier over a fetch that answers `status` (or hangs), and the log lines it wrote. */
function notifier(answer: number | 'hang', timeoutMs?: number) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => (raw.push(s), lines.push(JSON.parse(s))) });
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (answer === 'hang') {
      return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    return new Response('{}', { status: answer });
  }) as typeof globalThis.fetch;
  return { ...createCustomerNotifier({ fetch, log, ...(timeoutMs ? { timeoutMs } : {}) }), lines, raw, calls };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the delivery to fail');
}

describe('customer notices on the log channel (the demo)', () => {
  it('writes the key, template, complaint and text with the masked phone, never the raw one', async () => {
    const n = notifier(200);
    await expect(n.deliverCustomerNotice(delivery({ kind: 'log' }))).resolves.toEqual({ channel: 'log' });
    expect(n.calls).toHaveLength(0);
    expect(n.lines).toEqual([
      expect.objectContaining({
        msg: 'customer notified',
        customerNotice: 'C-1:received',
        template: 'received',
        complaintId: 'C-1',
        phone: MASKED,
        via: 'log',
        text: delivery({ kind: 'log' }).message.text,
      }),
    ]);
    expect(n.raw.join('')).not.toContain(RAW);
  });
});

describe('customer notices through the SMS-gateway webhook', () => {
  it('posts the raw phone and the text to the gateway, keyed for idempotency by the notice key', async () => {
    const n = notifier(202);
    await expect(n.deliverCustomerNotice(delivery({ kind: 'sms_webhook', url: GATEWAY }))).resolves.toEqual({
      channel: 'sms_webhook',
    });
    expect(n.calls).toHaveLength(1);
    const { url, init } = n.calls[0]!;
    expect(url).toBe(GATEWAY);
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'C-1:received' });
    expect(JSON.parse(init.body as string)).toEqual({
      to: RAW,
      text: '您的投诉 C-1 已受理，由王顾问负责。',
      template: 'received',
      language: 'zh-CN',
      complaintId: 'C-1',
      dealerId: 'BJ-01',
      key: 'C-1:received',
    });
    expect(n.lines).toEqual([
      expect.objectContaining({ customerNotice: 'C-1:received', phone: MASKED, via: 'sms_webhook' }),
    ]);
    expect(n.raw.join('')).not.toContain(RAW);
  });

  it('throws a retryable error when the gateway is down, naming its host but not its API key or the raw phone', async () => {
    const n = notifier(503);
    const err = await failure(n.deliverCustomerNotice(delivery({ kind: 'sms_webhook', url: GATEWAY })));
    expect(err).not.toBeInstanceOf(ApplicationFailure);
    expect(err.message).toBe(`SMS gateway sms.example.com answered 503 for C-1:received to ${MASKED}`);
    expect(n.lines).toHaveLength(0);
  });

  it.each([408, 425, 429])('retries a gateway answering %i: busy, not refusing', async (status) => {
    const err = await failure(notifier(status).deliverCustomerNotice(delivery({ kind: 'sms_webhook', url: GATEWAY })));
    expect(err).not.toBeInstanceOf(ApplicationFailure);
  });

  it.each([400, 403, 404, 422])(
    'gives up on a notice the gateway refuses with %i (a bad number must not retry forever)',
    async (status) => {
      const err = await failure(
        notifier(status).deliverCustomerNotice(delivery({ kind: 'sms_webhook', url: GATEWAY })),
      );
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ nonRetryable: true, type: 'CustomerNoticeRefused' });
      expect(err.message).not.toContain(RAW);
      expect(err.message).not.toContain('s3cret');
    },
  );

  it('gives up waiting for a gateway that does not answer, so Temporal can retry', async () => {
    const err = await failure(
      notifier('hang', 20).deliverCustomerNotice(delivery({ kind: 'sms_webhook', url: GATEWAY })),
    );
    expect(err.name).toBe('TimeoutError');
  });
});
