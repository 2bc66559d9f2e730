import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from 'pino';

/** One registry per process, with Node's own metrics (heap, event-loop lag, GC) and a `service` label. */
export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface MetricsEndpoint {
  host: string;
  /** 0 turns the endpoint off. */
  port: number;
  /** More Prometheus text to serve after the registry's, e.g. the Temporal SDK's own metrics. */
  extra?: () => Promise<string>;
}

/**
 * GET /metrics in the Prometheus text format, on a port of its own (loopback by default), so
 * scraping needs no API token and the public port shows nothing about the process.
 */
export async function serveMetrics(
  registry: Registry,
  endpoint: MetricsEndpoint,
  log: Logger,
): Promise<Server | undefined> {
  if (endpoint.port === 0) return undefined;
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('metrics are at GET /metrics\n');
      return;
    }
    try {
      const own = await registry.metrics();
      const extra = endpoint.extra ? await endpoint.extra().catch(() => '') : '';
      res.writeHead(200, { 'content-type': registry.contentType }).end(extra ? `${own}\n${extra}` : own);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => resolve());
  });
  server.unref(); // never what keeps a stopping process alive
  log.info({ metrics: `http://${endpoint.host}:${endpoint.port}/metrics` }, 'metrics listening');
  return server;
}
