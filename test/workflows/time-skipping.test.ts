import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ping } from '../../workflows';
import { createTimeSkippingEnv, testWorkflowBundle } from '../support/stack';
import { testWorkerDataConverter } from '../support/temporal-keys';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  it('sleeps one virtual day in well under a second of real time', async () => {
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: testWorkflowBundle(),
      dataConverter: testWorkerDataConverter(),
    });
    const virtualStart = await env.currentTimeMs();
    const realStart = performance.now();
    const result = await worker.runUntil(
      env.client.workflow.execute(ping, { taskQueue, workflowId: `ts-${randomUUID()}`, args: [ONE_DAY_MS] }),
    );
    const realElapsed = performance.now() - realStart;
    expect(result).toBe('pong');
    expect((await env.currentTimeMs()) - virtualStart).toBeGreaterThanOrEqual(ONE_DAY_MS);
    expect(realElapsed).toBeLessThan(1000);
  });
});
