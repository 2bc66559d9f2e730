import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { loadEnv } from '../config/env';
import { loadInternalSecret } from '../config/internal-secret';
import { createLogger } from '../config/logger';
import { signatureFault } from '../config/request-signature';
import { maskPhone } from '../domain/phone';

/**
 * The demo policy's webhooks, so `npm start` shows notifications with no chat tool or SMS gateway:
 * staff notices (http://127.0.0.1:4010/hooks/staff, a stand-in for a WeCom or DingTalk group) and
 * customer notices (http://127.0.0.1:4010/sms, a stand-in for an SMS gateway). Each is logged once
 * per idempotency key, as a real receiver would dedupe Temporal's retries. Like a real receiver it
 * listens on loopback, takes small bodies only, and believes only deliveries the worker signed.
 */
const MAX_BODY_BYTES = 64 * 1024;

/** An SMS gateway's body carries the raw phone; the demo log shows it masked, like everything else. */
function customerNotice(body: { to?: unknown }) {
  const { to, ...rest } = body;
  return { ...rest, phone: typeof to === 'string' ? maskPhone(to) : undefined };
}

export function createStaffInbox(secret: Buffer, log: Logger): Server {
  const seen = new Set<string>();
  return createServer((req, res) => {
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      res.setHeader('connection', 'close');
      answer(413, { error: 'payload_too_large', message: `at most ${MAX_BODY_BYTES} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.setHeader('connection', 'close');
        answer(413, { error: 'payload_too_large', message: `at most ${MAX_BODY_BYTES} bytes` });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const fault = signatureFault(secret, raw, req.headers);
      if (fault) {
        log.warn({ fault }, 'unsigned or wrongly signed delivery refused');
        answer(401, { error: 'unauthorized', message: fault });
        return;
      }
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
      answer(200, { ok: true });
    });
  });
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? 4010);
  const log = createLogger('staff-inbox', 'info');
  createStaffInbox(loadInternalSecret(loadEnv()), log).listen(port, '127.0.0.1', () =>
    log.info({ port }, 'staff inbox listening'),
  );
}
