import { createServer, type Server } from 'node:http';
import { openedWindowFault, openedWindowOf } from '../domain/opened-window';
import type { AnalyticsReader } from './reader';
import { REPORT_NAMES, ReportQuerySchema, runReport, type ReportName } from './reports';

/**
 * The analytics process's own small HTTP face, for the API to proxy (which adds auth and dealer
 * scope): GET /reports/<name>?category=&channel=&severity=&dealerId=&by=&openedFrom=&openedBefore=, and GET /status.
 */
export function createAnalyticsServer(reader: AnalyticsReader): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://analytics');
      if (req.method !== 'GET') return send(405, { error: 'method_not_allowed', message: 'only GET' });
      if (url.pathname === '/status') return send(200, { ...reader.status(), lag: await reader.lag() });
      const match = /^\/reports\/([a-z-]+)$/.exec(url.pathname);
      const name = match?.[1] as ReportName | undefined;
      if (!name || !REPORT_NAMES.includes(name)) {
        return send(404, { error: 'not_found', message: `no report at ${url.pathname}; reports: ${REPORT_NAMES.join(', ')}` });
      }
      const query = ReportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) {
        return send(400, { error: 'invalid_query', message: 'invalid report query', details: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      }
      const fault = openedWindowFault(openedWindowOf(query.data));
      if (fault) return send(400, { error: 'invalid_query', message: fault, details: [{ path: 'openedBefore', message: fault }] });
      send(200, { report: name, ...reader.status(), data: runReport(reader.projections, name, query.data) });
    } catch (err) {
      send(500, { error: 'internal', message: (err as Error).message });
    }
  });
}
