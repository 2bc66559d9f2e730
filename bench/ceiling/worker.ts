/**
 * The ceiling worker: the bare workflows on their own task queue, with the same concurrency
 * settings as the complaint worker, as a process of its own like the complaint worker.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadEnv } from '../../config/env';
import { loadTemporalKeys, workerDataConverter } from '../../temporal/data-converter';
import * as activities from './activities';

async function main(): Promise<void> {
  const env = loadEnv();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    // The same codec as the complaint worker, so the ceiling pays for encryption too.
    dataConverter: workerDataConverter(loadTemporalKeys(env)),
    activities,
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
  });
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
