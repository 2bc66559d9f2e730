import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { SHARED_MODULES, WORKFLOWS_ENTRY } from './bundle';

/** Builds the workflow bundle once, so workers load it instead of running webpack at start-up. */
export async function buildBundle(outFile: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_ENTRY,
    preloadModules: SHARED_MODULES,
    logger: quietLogger,
  });
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
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
