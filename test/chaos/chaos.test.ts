import path from 'node:path';
import { formatReport, runChaos } from '../../chaos/driver';
import { buildProject } from '../support/build';
import { requireEnv, testWorkflowBundle } from '../support/stack';
import { startWebhookReceiver } from '../support/webhook-receiver';

/**
 * Faults against the real stack while complaints are driven down mixed paths: the worker
 * SIGKILLed three times, the broker and the dev server restarted, the staff webhook down.
 * It restarts shared services, so scripts/test.sh runs it alone, after every other suite.
 */
const COMPLAINTS = Number(process.env.CHAOS_COMPLAINTS ?? 200);

describe('chaos: nothing is lost through crashes, restarts and outages', () => {
  it(
    `keeps every event, remedy, transition and notice of ${COMPLAINTS} complaints`,
    async () => {
      requireEnv('STACK_DATA_DIR'); // restarts go through scripts/stack.sh with the test stack's settings
      const build = buildProject('chaos-build');
      const webhook = await startWebhookReceiver();
      try {
        const report = await runChaos({
          complaints: COMPLAINTS,
          temporalAddress: requireEnv('TEMPORAL_ADDRESS'),
          brokers: requireEnv('KAFKA_BROKERS').split(','),
          workerEntry: path.join(build.outDir, 'workers', 'complaint-worker.js'),
          workflowBundle: testWorkflowBundle().codePath,
          webhook,
          log: (line) => process.stdout.write(`[chaos] ${line}\n`),
        });
        process.stdout.write(`\nchaos report\n${formatReport(report)}\n`);
        expect(report.violations).toEqual([]);
        expect(report.eventsLost).toBe(0);
        expect(report.faults.length).toBeGreaterThanOrEqual(6);
        expect(report.events).toBeGreaterThan(COMPLAINTS * 5);
      } finally {
        await webhook.close();
        build.remove();
      }
    },
    Math.max(15 * 60_000, COMPLAINTS * 2_000),
  );
});
