import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { buildApp } from '../../api/app';
import { createKafkaProbe } from '../../api/kafka-probe';
import { openStaffDirectory } from '../../api/staff-directory';
import { parsePolicy } from '../../domain/policy';
import { buildProject } from '../support/build';
import { startAnalytics, startRealWorker, TEST_INTERNAL_SECRET } from '../support/real-stack';

/** The project compiled as `npm run build` would, and the CLI's entry point in it. */
export function buildCli(): { entry: string; remove: () => void } {
  const { outDir, remove } = buildProject('test-cli');
  return { entry: path.join(outDir, 'cli', 'ladder.js'), remove };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a subprocess, with only the environment a test gives it. */
export function cliRunner(entry: string, baseEnv: Record<string, string>) {
  return (args: string[], env: Record<string, string | undefined> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const { LADDER_API_URL: _u, LADDER_TOKEN: _t, STAFF_FILE: _s, NO_COLOR: _n, ...inherited } = process.env;
      const merged = Object.fromEntries(
        Object.entries({ ...inherited, ...baseEnv, ...env }).filter(([, v]) => v !== undefined),
      ) as NodeJS.ProcessEnv;
      execFile(process.execPath, [entry, ...args], { env: merged, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
}

/** Hour-long clocks on a 24x7 calendar and no webhooks: nothing moves unless the test acts. */
const policy = parsePolicy({ version: 'cli-test', calendar: { mode: '24x7' } });

/**
 * The real API over HTTP on a free port, in this process: a real Temporal client, a real worker
 * on its own task queue and a real Kafka producer, with the staff file the CLI writes.
 */
export async function startApi(staffFile: string) {
  const stack = await startRealWorker({ taskQueue: `cli-test-${randomUUID().slice(0, 8)}` });
  const kafka = createKafkaProbe(stack.eventLog.admin());
  // The analytics reader and its report server, in process, for `ladder report`.
  const analytics = await startAnalytics(stack.eventLog);
  const app = await buildApp({
    client: stack.client,
    namespace: 'default',
    taskQueue: stack.taskQueue,
    policy,
    staff: openStaffDirectory(staffFile),
    lookupKey: Buffer.from('test lookup key: 32 bytes or more'),
    health: { temporal: async () => void (await stack.client.workflowService.getSystemInfo({})), kafka: kafka.check },
    logger: pino({ level: 'silent' }),
    bodyLimitBytes: 16 * 1024,
    authFailures: { limit: 50, windowMs: 60_000 },
    analyticsUrl: analytics.url,
    internalSecret: TEST_INTERNAL_SECRET,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const stop = async () => {
    await app.close();
    await analytics.stop();
    await kafka.close();
    await stack.stop();
  };
  return { url, stop };
}

export const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'ladder-cli-'));

export async function eventually(what: string, attempt: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await attempt())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
