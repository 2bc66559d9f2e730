import { loadEnv } from '../config/env';
import { loadInternalSecret } from '../config/internal-secret';
import { kafkaSettings } from '../config/kafka';
import { createLogger } from '../config/logger';
import { openPolicyStore } from '../config/policy-store';
import { createEventLog } from '../kafka';
import { createRegistry, serveMetrics } from '../metrics/registry';
import { connectClient } from '../temporal/connection';
import { startTracing } from '../tracing/provider';
import { loadTemporalKeys, uiCodecs } from '../temporal/data-converter';
import { buildApp, REDACTED_LOG_PATHS } from './app';
import { loadLookupKey } from './customer-keys';
import { createKafkaProbe } from './kafka-probe';
import { createLiveFeed } from './live';
import { openStaffDirectory } from './staff-directory';

/** The API process: wiring only. Routes live in api/routes, rules in domain/, the ladder in workflows/. */
async function main(): Promise<void> {
  const env = loadEnv();
  const tracing = startTracing('api', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const log = createLogger('api', env.LOG_LEVEL).child(
    {},
    { redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } },
  );

  // A bad policy or staff file stops start-up here, naming the file and the bad field; so does a
  // policy edited without a new version. Later edits apply to complaints opened after them.
  const policies = openPolicyStore({
    file: env.POLICY_FILE,
    registryFile: env.POLICY_REGISTRY_FILE,
    onReload: (policy, previous) =>
      log.info(
        { policyFile: env.POLICY_FILE, policy: policy.version, previous: previous.version },
        'policy reloaded; new complaints open under it',
      ),
    onReloadError: (err) =>
      log.error(
        { policyFile: env.POLICY_FILE, error: err.message },
        'policy file changed but is refused; keeping the previous policy',
      ),
  });
  const staff = openStaffDirectory(env.STAFF_FILE, (err) =>
    log.error({ error: err.message }, 'staff file changed but is invalid; keeping the last good one'),
  );
  if (staff.size() === 0) log.warn({ staffFile: env.STAFF_FILE }, 'no staff yet: add some with `ladder staff add`');

  const registry = createRegistry('api');
  const temporalKeys = loadTemporalKeys(env);
  const client = await connectClient(env, temporalKeys, { traced: Boolean(tracing.tracer) });
  const eventLog = createEventLog(kafkaSettings(env, 'api'), log.child({ component: 'kafka' }));
  const kafka = createKafkaProbe(eventLog.admin());
  const live = createLiveFeed(eventLog, log.child({ component: 'live' }));
  const app = await buildApp({
    client,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    policy: policies.current,
    staff,
    lookupKey: loadLookupKey({ key: env.LADDER_LOOKUP_KEY, file: env.LADDER_LOOKUP_KEY_FILE }),
    health: {
      temporal: async () =>
        void (await client.connection.withDeadline(Date.now() + 3000, () => client.workflowService.getSystemInfo({}))),
      kafka: kafka.check,
    },
    logger: log,
    metrics: registry,
    tracer: tracing.tracer,
    bodyLimitBytes: env.API_BODY_LIMIT_BYTES,
    authFailures: {
      limit: env.AUTH_FAILURE_LIMIT,
      windowMs: env.AUTH_FAILURE_WINDOW_SECONDS * 1000,
      maxDelayMs: env.AUTH_FAILURE_MAX_DELAY_MS,
    },
    trustedProxies: env.LADDER_TRUSTED_PROXIES,
    analyticsUrl: env.ANALYTICS_URL,
    internalSecret: loadInternalSecret(env),
    live,
    codecs: uiCodecs(temporalKeys),
    codecCorsOrigins: env.LADDER_CODEC_CORS_ORIGINS,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'api stopping');
    await app.close(); // finishes in-flight requests, refuses new ones with 503
    await live.close();
    await kafka.close();
    await client.connection.close();
    await tracing.shutdown();
    log.info('api stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ host: env.API_HOST, port: env.API_PORT });
  await serveMetrics(registry, { host: env.METRICS_HOST, port: env.API_METRICS_PORT }, log);
  log.info(
    {
      url: address,
      docs: `${address}/v1/docs`,
      policy: policies.current().version,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      staff: staff.size(),
    },
    'api listening',
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
