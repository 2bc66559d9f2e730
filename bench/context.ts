/**
 * What every benchmark runs against: the stack scripts/bench.sh started, the complaint worker
 * and the API as production runs them, the ceiling worker, a Temporal client and the event log.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { addStaff } from '../api/staff-directory';
import { createEventLog, type EventLog } from '../kafka';
import { freshTemporalKeys, signingClientOptions } from '../temporal/data-converter';
import { quietPolicy } from './policies';
import { AppProcess, waitForHttp } from './processes';

/** As scripts/main.sh and the Dockerfile run the worker: a bounded main heap. */
const WORKER_NODE_ARGS = [`--max-old-space-size=${process.env.WORKER_HEAP_MB ?? 768}`];

export interface BenchContext {
  run: string;
  stackDataDir: string;
  outDir: string;
  client: Client;
  eventLog: EventLog;
  complaintQueue: string;
  ceilingQueue: string;
  worker: AppProcess;
  ceilingWorker: AppProcess;
  api: AppProcess;
  apiUrl: string;
  token: string;
  close(): Promise<void>;
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run benchmarks with \`npm run bench\`, which starts their stack`);
  return value;
}

export async function openContext(outDir: string, workerEnv: Record<string, string>): Promise<BenchContext> {
  const run = Date.now().toString(36).toUpperCase();
  const stackDataDir = need('STACK_DATA_DIR');
  const temporalAddress = need('TEMPORAL_ADDRESS');
  const brokers = need('KAFKA_BROKERS');
  const apiPort = need('API_PORT');
  // The run's own files (staff, policy, process logs) go in a folder of their own.
  const runDir = path.join(outDir, run);
  mkdirSync(runDir, { recursive: true });

  // One staff member with every dealer in scope, and the quiet policy, for the API process.
  const staffFile = path.join(runDir, 'staff.json');
  const { token } = addStaff(
    { id: 'bench-cs', name: 'Bench intake', role: 'customer_service', dealers: ['*'] },
    staffFile,
  );
  const policyFile = path.join(runDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(quietPolicy));

  const complaintQueue = `bench-complaints-${run}`;
  const ceilingQueue = `bench-ceiling-${run}`;
  // Every process and this client share fresh payload and actor keys: the codec is part of the cost.
  const temporalKeys = freshTemporalKeys();
  const common = { TEMPORAL_ADDRESS: temporalAddress, KAFKA_BROKERS: brokers, ...temporalKeys.env };
  const worker = new AppProcess(
    'worker',
    'workers/complaint-worker.js',
    {
      ...common,
      ...workerEnv,
      TEMPORAL_TASK_QUEUE: complaintQueue,
      WORKFLOW_BUNDLE_PATH: need('WORKFLOW_BUNDLE_PATH'),
    },
    path.join(runDir, 'worker.log'),
    WORKER_NODE_ARGS,
  );
  const ceilingWorker = new AppProcess(
    'ceiling worker',
    'bench/ceiling/worker.js',
    { ...common, ...workerEnv, TEMPORAL_TASK_QUEUE: ceilingQueue },
    path.join(runDir, 'ceiling-worker.log'),
  );
  const api = new AppProcess(
    'api',
    'api/server.js',
    {
      ...common,
      TEMPORAL_TASK_QUEUE: complaintQueue,
      API_PORT: apiPort,
      API_HOST: '127.0.0.1',
      STAFF_FILE: staffFile,
      POLICY_FILE: policyFile,
    },
    path.join(runDir, 'api.log'),
  );
  worker.start();
  ceilingWorker.start();
  api.start();

  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, ...signingClientOptions(temporalKeys.keys) });
  const eventLog = createEventLog({ brokers: brokers.split(','), clientId: `bench-${run}` }, pino({ level: 'silent' }));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHttp(`${apiUrl}/v1/health`, 60_000);
  api.assertRunning(); // the answer came from our API, not a leftover on the same port
  // Both workers are polling once a workflow on each queue has run.
  await client.workflow.execute('ping', {
    taskQueue: complaintQueue,
    workflowId: `bench-ready-${run}`,
    workflowExecutionTimeout: '2 minutes',
  });
  await client.workflow.execute('noop', {
    taskQueue: ceilingQueue,
    workflowId: `bench-ceiling-ready-${run}`,
    workflowExecutionTimeout: '2 minutes',
  });

  return {
    run,
    stackDataDir,
    outDir,
    client,
    eventLog,
    complaintQueue,
    ceilingQueue,
    worker,
    ceilingWorker,
    api,
    apiUrl,
    token,
    async close() {
      await Promise.all([api.stop(), worker.stop(), ceilingWorker.stop()]);
      await connection.close();
    },
  };
}

/** The intake every benchmark complaint carries (a made-up customer; the phone is masked downstream). */
export function benchIntake(dealerId: string) {
  return {
    dealerId,
    customer: { name: '测试客户', phone: '13800138000' },
    vehicle: { plate: '沪B00000' },
    channel: 'phone',
    category: 'repair_quality',
    description: 'benchmark complaint',
    severity: 'medium',
  } as const;
}
