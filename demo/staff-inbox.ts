import { createServer } from 'node:http';
import { createLogger } from '../config/logger';

/**
 * The demo policy's staff webhook (http://127.0.0.1:4010/hooks/staff): a stand-in for a WeCom or
 * DingTalk group that logs each notice once, so `npm start` shows notifications with no chat tool.
 */
const port = Number(process.argv[2] ?? 4010);
const log = createLogger('staff-inbox', 'info');
const seen = new Set<string>();

createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!seen.has(key)) {
      seen.add(key);
      try {
        log.info({ key, notice: JSON.parse(raw) }, 'notice received');
      } catch {
        log.warn({ key }, 'notice with a body that is not JSON');
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
}).listen(port, '127.0.0.1', () => log.info({ port }, 'staff inbox listening'));
