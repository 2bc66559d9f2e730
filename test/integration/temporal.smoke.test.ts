import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ping } from '../../workflows';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../temporal/search-attributes';
import { requireEnv, testWorkflowBundle } from '../support/stack';
import { testClientOptions, testWorkerDataConverter } from '../support/temporal-keys';

describe('Temporal dev server (embedded stack)', () => {
  const address = requireEnv('TEMPORAL_ADDRESS');
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address });
    client = new Client({ connection, ...testClientOptions() });
  });
  afterAll(() => connection.close());

  it('runs a workflow on a real worker', async () => {
    const taskQueue = `smoke-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowBundle: testWorkflowBundle(),
      dataConverter: testWorkerDataConverter(),
    });
    try {
      const result = await worker.runUntil(
        client.workflow.execute(ping, { taskQueue, workflowId: `smoke-${randomUUID()}`, args: [10] }),
      );
      expect(result).toBe('pong');
    } finally {
      await workerConnection.close();
    }
  });

  it('has the complaint search attributes registered', async () => {
    const listed = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const name of Object.keys(COMPLAINT_SEARCH_ATTRIBUTES)) {
      expect(listed.customAttributes).toHaveProperty(name);
    }
  });
});
