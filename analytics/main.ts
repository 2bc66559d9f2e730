import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { loadEnv } from '../config/env';
import { loadInternalSecret } from '../config/internal-secret';
import { kafkaSettings } from '../config/kafka';
import { createLogger } from '../config/logger';
import { createEventLog } from '../kafka';
import { startTracing } from '../tracing/provider';
import { analyticsMetrics } from '../metrics/analytics';
import { createRegistry, serveMetrics } from '../metrics/registry';
import { readerGroupId, startReader } from './reader';
import { createAnalyticsServer } from './server';

/** The analytics process: rebuild projections from offset 0, then follow the stream and serve reports. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('analytics', env.LOG_LEVEL);
  const tracing = startTracing('analytics', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const eventLog = createEventLog(kafkaSettings(env, 'analytics'), log.child({ component: 'kafka' }));
  const reader = await startReader({
    eventLog,
    log,
    groupId: readerGroupId(hostname(), process.pid, randomBytes(3).toString('hex')),
    tracer: tracing.tracer,
    // Unready until restarted, so a supervisor (npm start, Kubernetes) brings a fresh reader.
    onGiveUp: () => {
      log.fatal('the analytics consumer stopped for good; exiting so the supervisor restarts this process');
      process.exit(1);
    },
  });
  const registry = createRegistry('analytics');
  analyticsMetrics(registry, reader);
  await serveMetrics(registry, { host: env.METRICS_HOST, port: env.ANALYTICS_METRICS_PORT }, log);
  const server = createAnalyticsServer(reader, loadInternalSecret(env));
  // Loopback by default: only the API, which adds auth and dealer scope, should reach it.
  server.listen(env.ANALYTICS_PORT, env.ANALYTICS_HOST, () =>
    log.info({ port: env.ANALYTICS_PORT, host: env.ANALYTICS_HOST }, 'analytics listening'),
  );

  const shutdown = async () => {
    server.close();
    await reader.stop();
    await tracing.shutdown();
    log.info('analytics stopped');
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
