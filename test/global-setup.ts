import path from 'node:path';
import { buildBundle } from '../workers/build-bundle';

/** One workflow bundle for the whole run, instead of one webpack build per test file. */
export default async function globalSetup(): Promise<void> {
  const outFile = path.resolve(process.env.TEST_WORKFLOW_BUNDLE ?? '.stack/test-bundle/workflow-bundle.js');
  await buildBundle(outFile, { traced: false }); // the suites run untraced workers
  process.env.TEST_WORKFLOW_BUNDLE = outFile;
}
