import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { SHARED_MODULES, TRACING_WORKFLOW_MODULES, tracedBundlePath, WORKFLOWS_ENTRY } from './bundle';

/**
 * Builds the workflow bundles once, so workers load one instead of running webpack at start-up:
 * the plain bundle, and the traced one (with the OpenTelemetry workflow interceptors) beside it
 * unless `traced: false`.
 */
export async function buildBundle(outFile: string, opts: { traced?: boolean } = {}): Promise<void> {
  mkdirSync(path.dirname(outFile), { recursive: true });
  for (const [file, workflowInterceptorModules] of [
    [outFile, []],
    ...(opts.traced === false ? [] : [[tracedBundlePath(outFile), TRACING_WORKFLOW_MODULES] as const]),
  ] as const) {
    const { code } = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_ENTRY,
      preloadModules: SHARED_MODULES,
      workflowInterceptorModules: [...workflowInterceptorModules],
      logger: quietLogger,
    });
    writeFileSync(file, code);
  }
}

const quiet = () => undefined;
const quietLogger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error };

if (require.main === module) {
  const outFile = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  buildBundle(outFile).then(
    () => console.log(`workflow bundle written to ${outFile}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
