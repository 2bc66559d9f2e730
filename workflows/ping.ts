import { sleep } from '@temporalio/workflow';

/**
 * A workflow with no side effects: proves a worker is polling the complaints task queue
 * (smoke tests, health checks) without touching any complaint.
 */
export async function ping(delayMs = 0): Promise<string> {
  if (delayMs > 0) await sleep(delayMs);
  return 'pong';
}
