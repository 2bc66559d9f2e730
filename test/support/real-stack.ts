import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { createActivities } from '../../activities';
import { startReader } from '../../analytics/reader';
import { createAnalyticsServer } from '../../analytics/server';
import { createEventLog, type EventLog } from '../../kafka';
import { requireEnv, testWorkflowBundle } from './stack';
import { testClientOptions, testWorkerDataConverter } from './temporal-keys';

/**
 * A real complaint worker on its own task queue (so test files running in parallel never steal
 * each other's tasks), with real activities over a real Kafka producer, and a Temporal client.
 * stop() ends the complaints still running on the queue, then everything else.
 */
export async function startRealWorker(opts: { taskQueue?: string; activityLog?: Logger } = {}) {
  const address = requireEnv('TEMPORAL_ADDRESS');
  const brokers = requireEnv('KAFKA_BROKERS').split(',');
  const taskQueue = opts.taskQueue ?? `test-${randomUUID().slice(0, 8)}`;
  const silent = pino({ level: 'silent' });

  const eventLog: EventLog = createEventLog({ brokers, clientId: taskQueue }, silent);
  const producer = eventLog.producer();
  await producer.connect();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, ...testClientOptions() });
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: testWorkflowBundle(),
    dataConverter: testWorkerDataConverter(),
    activities: createActivities({ producer, fetch, log: opts.activityLog ?? silent }),
  });
  const running = worker.run();

  const stop = async () => {
    for await (const wf of client.workflow.list({
      query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
    })) {
      await client.workflow
        .getHandle(wf.workflowId)
        .terminate('test finished')
        .catch(() => undefined);
    }
    worker.shutdown();
    await running;
    await producer.disconnect();
    await workerConnection.close();
    await connection.close();
  };
  return { taskQueue, client, eventLog, producer, stop };
}

/** What the tests' API and analytics processes sign their requests with (LADDER_INTERNAL_SECRET). */
export const TEST_INTERNAL_SECRET = Buffer.from('test internal secret: 32 bytes or more');

/** The analytics reader (its own group) and its report server on a free port, in this process. */
export async function startAnalytics(eventLog: EventLog) {
  const reader = await startReader({
    eventLog,
    log: pino({ level: 'silent' }),
    groupId: `test-analytics-${randomUUID()}`,
  });
  const server = createAnalyticsServer(reader, TEST_INTERNAL_SECRET);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    reader,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await reader.stop();
    },
  };
}
