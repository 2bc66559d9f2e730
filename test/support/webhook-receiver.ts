import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  idempotencyKey: string;
  complaintId: string;
  stage: string;
  kind: string;
  body: unknown;
}

/** A staff chat webhook stand-in on a random local port; it records every POST. */
export async function startWebhookReceiver(opts: { failFirst?: number } = {}) {
  const received: ReceivedHook[] = [];
  let failuresLeft = opts.failFirst ?? 0;
  let isDown = false;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (isDown || failuresLeft > 0) {
        if (!isDown) failuresLeft--;
        res.writeHead(503).end();
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      // Keys read complaintId:stageEntry:stage:clock:kind[:…]:staffId (domain/transitions.ts).
      const [complaintId = '', , stage = '', , kind = ''] = key.split(':');
      received.push({ idempotencyKey: key, complaintId, stage, kind, body: JSON.parse(raw) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/staff`,
    received,
    /** Answers 503 to everything until up(): a staff chat tool having an outage. */
    down: () => void (isDown = true),
    up: () => void (isDown = false),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
