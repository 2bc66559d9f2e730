import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

export const WORKFLOWS_ENTRY = path.resolve(__dirname, '../workflows');

/**
 * Modules loaded once per worker instead of once per workflow: in the reused V8 context every
 * workflow otherwise gets its own copy of each module it imports. The SDK shares and deep-freezes
 * these, so only the zod library qualifies: zod schemas themselves mutate on first use (bound
 * methods, memoised parsers), which is why workflow-side schemas are built lazily instead
 * (domain/actions.ts) and schema-heavy modules stay out of the workflow's imports.
 */
export const SHARED_MODULES = ['zod'];

/**
 * Prefer the bundle built once by `npm run build` (fast start, no webpack in the worker);
 * fall back to bundling from source so a development checkout still runs.
 */
export function workflowSource(
  bundlePath: string,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  const codePath = path.resolve(bundlePath);
  return existsSync(codePath)
    ? { workflowBundle: { codePath } }
    : { workflowsPath: WORKFLOWS_ENTRY, bundlerOptions: { preloadModules: SHARED_MODULES } };
}
