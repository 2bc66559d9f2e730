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
 * The OpenTelemetry workflow interceptors: spans for the workflow run, its Updates and the
 * activities it schedules, with the trace context on each activity's headers. They go only into
 * the traced bundle, so a worker without tracing runs none of their code.
 */
export const TRACING_WORKFLOW_MODULES = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/** The traced bundle beside the plain one: dist/workflow-bundle.js → dist/workflow-bundle.traced.js. */
export const tracedBundlePath = (bundlePath: string) => bundlePath.replace(/(\.js)?$/, '.traced.js');

/**
 * Prefer the bundle built once by `npm run build` (fast start, no webpack in the worker), the
 * traced one when tracing is on; fall back to bundling from source so a development checkout runs.
 */
export function workflowSource(
  bundlePath: string,
  traced = false,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> & { workflowModules: string[] } {
  const codePath = path.resolve(traced ? tracedBundlePath(bundlePath) : bundlePath);
  const workflowModules = traced ? TRACING_WORKFLOW_MODULES : [];
  return existsSync(codePath)
    ? { workflowBundle: { codePath }, workflowModules }
    : { workflowsPath: WORKFLOWS_ENTRY, bundlerOptions: { preloadModules: SHARED_MODULES }, workflowModules };
}
