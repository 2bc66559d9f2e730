import { createServer } from 'node:http';
import { createLogger } from '../config/logger';
import { maskPhone } from '../domain/phone';

/**
 * The demo policy's webhooks, so `npm start` shows notifications with no chat tool or SMS gateway:
 * staff notices (http://127.0.0.1:4010/hooks/staff, a stand-in for a WeCom or DingTalk group) and
 * customer notices (http://127.0.0.1:4010/sms, a stand-in for an SMS gateway). Each is logged once
 * per idempotency key, as a real receiver would dedupe Temporal's retries.
 */
const port = Number(process.argv[2] ?? 4010);
const log = createLogger('staff-inbox', 'info');
const seen = new Set<string>();

/** An SMS gateway's body carries the raw phone; the demo log shows it masked, like everything else. */
function customerNotice(body: { to?: unknown }) {
  const { to, ...rest } = body;
  return { ...rest, phone: typeof to === 'string' ? maskPhone(to) : undefined };
}

createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    const sms = new URL(req.url ?? '/', 'http://inbox').pathname === '/sms';
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!seen.has(`${sms}:${key}`)) {
      seen.add(`${sms}:${key}`);
      try {
        const body = JSON.parse(raw);
        if (sms) log.info({ key, notice: customerNotice(body) }, 'customer notice received');
        else log.info({ key, notice: body }, 'notice received');
      } catch {
        log.warn({ key }, 'notice with a body that is not JSON');
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
}).listen(port, '127.0.0.1', () => log.info({ port }, 'staff inbox listening'));
