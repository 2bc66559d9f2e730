import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadEnv } from '../config/env';
import { loadInternalSecret } from '../config/internal-secret';
import { kafkaSettings } from '../config/kafka';
import { createLogger } from '../config/logger';
import { installTemporalRuntime } from '../config/temporal-runtime';
import { createEventLog, topicDefinitions } from '../kafka';
import { ladderMetrics } from '../metrics/ladder';
import { createRegistry, serveMetrics } from '../metrics/registry';
import { connect, connectWorker } from '../temporal/connection';
import { startTracing } from '../tracing/provider';
import { workerTracing } from '../tracing/worker';
import { loadTemporalKeys, workerDataConverter } from '../temporal/data-converter';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { workflowSource } from './bundle';

/** The complaints worker process: wiring only; the ladder lives in workflows/ and domain/. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('complaint-worker', env.LOG_LEVEL);
  const tracing = startTracing('complaint-worker', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const traced = workerTracing(tracing);
  // Before any connection: the SDK's logs into pino, its metrics on a loopback port of their own
  // (the worker's endpoint reads them and serves them after ours: one scrape target).
  const sdkMetrics = env.TEMPORAL_SDK_METRICS_PORT ? `127.0.0.1:${env.TEMPORAL_SDK_METRICS_PORT}` : undefined;
  installTemporalRuntime(log, sdkMetrics);
  const registry = createRegistry('complaint-worker');
  const metrics = ladderMetrics(registry);
  await serveMetrics(
    registry,
    {
      host: env.METRICS_HOST,
      port: env.WORKER_METRICS_PORT,
      extra: sdkMetrics ? () => fetch(`http://${sdkMetrics}/metrics`).then((r) => r.text()) : undefined,
    },
    log,
  );

  const admin = await connect(env);
  const added = await ensureSearchAttributes(admin, env.TEMPORAL_NAMESPACE).finally(() => admin.close());
  if (added.length) log.info({ added }, 'registered search attributes');

  const eventLog = createEventLog(kafkaSettings(env, 'worker'), log.child({ component: 'kafka' }));
  const topicAdmin = eventLog.admin();
  await topicAdmin.connect();
  const created = await topicAdmin
    .ensureTopics(topicDefinitions(env.KAFKA_REPLICATION_FACTOR))
    .finally(() => topicAdmin.disconnect());
  if (created.length) log.info({ created }, 'created Kafka topics');
  const producer = eventLog.producer();
  await producer.connect();

  const connection = await connectWorker(env);
  const { workflowModules, ...source } = workflowSource(env.WORKFLOW_BUNDLE_PATH, Boolean(tracing.tracer));
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...source,
    interceptors: { ...traced.interceptors, workflowModules },
    sinks: traced.sinks,
    // Decrypts what the workflow receives and checks each signed actor (docs/temporal-security.md).
    dataConverter: workerDataConverter(loadTemporalKeys(env)),
    activities: createActivities({
      producer,
      fetch,
      log: log.child({ component: 'activities' }),
      webhookSecret: loadInternalSecret(env),
      metrics,
    }),
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
  });
  log.info(
    { taskQueue: env.TEMPORAL_TASK_QUEUE, temporal: env.TEMPORAL_ADDRESS, kafka: env.KAFKA_BROKERS },
    'worker polling',
  );
  // The SDK runtime drains the worker on SIGINT/SIGTERM; run() resolves once in-flight tasks finish.
  await worker.run();
  await producer.disconnect();
  await connection.close();
  await tracing.shutdown();
  log.info('worker stopped');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
