import { Worker } from '@temporalio/worker';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { connect, connectWorker } from '../temporal/connection';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { workflowSource } from './bundle';

/** The complaints worker process: wiring only; the ladder lives in workflows/ and domain/. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('complaint-worker', env.LOG_LEVEL);

  const admin = await connect(env);
  const added = await ensureSearchAttributes(admin, env.TEMPORAL_NAMESPACE).finally(() => admin.close());
  if (added.length) log.info({ added }, 'registered search attributes');

  const connection = await connectWorker(env);
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...workflowSource(env.WORKFLOW_BUNDLE_PATH),
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
  });
  log.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, address: env.TEMPORAL_ADDRESS }, 'worker polling');
  // The SDK runtime drains and stops the worker on SIGINT/SIGTERM; run() resolves afterwards.
  await worker.run();
  await connection.close();
  log.info('worker stopped');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
