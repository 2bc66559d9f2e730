import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

export const WORKFLOWS_ENTRY = path.resolve(__dirname, '../workflows');

/**
 * Prefer the bundle built once by `npm run build` (fast start, no webpack in the worker);
 * fall back to bundling from source so a development checkout still runs.
 */
export function workflowSource(bundlePath: string): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const codePath = path.resolve(bundlePath);
  return existsSync(codePath) ? { workflowBundle: { codePath } } : { workflowsPath: WORKFLOWS_ENTRY };
}
