import { createServer, type Server } from 'node:http';
import { signatureFault } from '../config/request-signature';
import { openedWindowFault, openedWindowOf } from '../domain/opened-window';
import type { AnalyticsReader } from './reader';
import { REPORT_NAMES, ReportQuerySchema, runReport, type ReportName } from './reports';

/** Requests here are GETs: anything with a body larger than this is refused unread. */
const MAX_BODY_BYTES = 1024;

/**
 * The analytics process's own small HTTP face, for the API to proxy (which adds auth and dealer
 * scope): GET /reports/<name>?category=&channel=&severity=&dealerId=&by=&openedFrom=&openedBefore=, and GET /status.
 * GET /health/live and /health/ready answer anyone; every other request must carry the API's signature under the internal secret (config/request-signature.ts),
 * so nothing else on the host reads the reports. A report carries only its dealers' counts.
 */
export function createAnalyticsServer(reader: AnalyticsReader, secret: Buffer): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES || req.headers['transfer-encoding']) {
        res.setHeader('connection', 'close');
        return send(413, {
          error: 'payload_too_large',
          message: `requests here carry no body (at most ${MAX_BODY_BYTES} bytes)`,
        });
      }
      // Probes for an orchestrator, unsigned: they say only whether the process can serve.
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/health/live') return send(200, { status: 'ok' });
      if (req.method === 'GET' && path === '/health/ready') {
        const why = reader.unready();
        return why ? send(503, { status: 'unready', reason: why }) : send(200, { status: 'ready' });
      }
      const fault = signatureFault(secret, req.url ?? '/', req.headers);
      if (fault) return send(401, { error: 'unauthorized', message: `only the API may ask: ${fault}` });
      const url = new URL(req.url ?? '/', 'http://analytics');
      if (req.method !== 'GET') return send(405, { error: 'method_not_allowed', message: 'only GET' });
      if (url.pathname === '/status') return send(200, { ...reader.status(), lag: await reader.lag() });
      const match = /^\/reports\/([a-z-]+)$/.exec(url.pathname);
      const name = match?.[1] as ReportName | undefined;
      if (!name || !REPORT_NAMES.includes(name)) {
        return send(404, {
          error: 'not_found',
          message: `no report at ${url.pathname}; reports: ${REPORT_NAMES.join(', ')}`,
        });
      }
      const query = ReportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) {
        return send(400, {
          error: 'invalid_query',
          message: 'invalid report query',
          details: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const windowFault = openedWindowFault(openedWindowOf(query.data));
      if (windowFault)
        return send(400, {
          error: 'invalid_query',
          message: windowFault,
          details: [{ path: 'openedBefore', message: windowFault }],
        });
      send(200, {
        report: name,
        ...reader.projections.scope(query.data.dealerId),
        data: runReport(reader.projections, name, query.data),
      });
    } catch (err) {
      send(500, { error: 'internal', message: (err as Error).message });
    }
  });
}
