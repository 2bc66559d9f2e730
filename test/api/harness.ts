import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pino from 'pino';
import { buildApp, type AppDeps } from '../../api/app';
import { createKafkaProbe } from '../../api/kafka-probe';
import { addStaff, openStaffDirectory } from '../../api/staff-directory';
import { parsePolicy, type Policy } from '../../domain/policy';
import type { Role } from '../../domain/staff';
import { startRealWorker, TEST_INTERNAL_SECRET } from '../support/real-stack';

/** Hour-long clocks on a 24x7 calendar and nobody to notify: nothing moves unless a test acts. */
export const apiTestPolicy: Policy = parsePolicy({ version: 'api-test', calendar: { mode: '24x7' } });

export const ROLE_IDS: Record<Role, string> = {
  advisor: 'sa',
  customer_service: 'cs',
  service_manager: 'sm',
  technical_manager: 'tm',
  general_manager: 'gm',
};

/**
 * A real worker on its own task queue, a real Temporal client, a real Kafka producer and health
 * probe, and the API built in-process over them. Each test file gets a unique dealer and task
 * queue, so files running in parallel never see each other's complaints or steal their tasks.
 */
export async function startApi(overrides: Partial<AppDeps> = {}, opts: { activityLog?: pino.Logger } = {}) {
  const run = randomUUID().slice(0, 8).toUpperCase();
  const dealer = `T-${run}`;
  const otherDealer = `O-${run}`;
  const taskQueue = `api-test-${run}`;
  const silent = pino({ level: 'silent' });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-api-'));
  const staffFile = path.join(dir, 'staff.json');
  const tokens = {} as Record<Role, string>;
  for (const role of Object.keys(ROLE_IDS) as Role[]) {
    tokens[role] = addStaff(
      { id: `${ROLE_IDS[role]}-${run}`, name: `${role} ${run}`, role, dealers: [dealer] },
      staffFile,
    ).token;
  }
  const otherDealerToken = addStaff(
    { id: `other-${run}`, name: 'Other dealer advisor', role: 'service_manager', dealers: [otherDealer] },
    staffFile,
  ).token;
  const allDealersToken = addStaff(
    { id: `hq-${run}`, name: 'HQ general manager', role: 'general_manager', dealers: ['*'] },
    staffFile,
  ).token;

  const stack = await startRealWorker({ taskQueue, ...(opts.activityLog ? { activityLog: opts.activityLog } : {}) });
  const { client } = stack;
  const kafka = createKafkaProbe(stack.eventLog.admin());

  const app: FastifyInstance = await buildApp({
    client,
    namespace: 'default',
    taskQueue,
    policy: apiTestPolicy,
    staff: openStaffDirectory(staffFile),
    lookupKey: Buffer.from('test lookup key: 32 bytes or more'),
    health: { temporal: async () => void (await client.workflowService.getSystemInfo({})), kafka: kafka.check },
    logger: silent,
    bodyLimitBytes: 16 * 1024,
    authFailures: { limit: 10, windowMs: 60_000 },
    internalSecret: TEST_INTERNAL_SECRET,
    ...overrides,
  });
  await app.ready();

  /** app.inject with a bearer token for a role (or a raw token), JSON in and out. */
  const call = async (
    method: InjectOptions['method'],
    url: string,
    opts: {
      as?: Role | { token: string };
      body?: unknown;
      headers?: Record<string, string>;
      remoteAddress?: string;
    } = {},
  ) => {
    const token =
      opts.as === undefined ? tokens.customer_service : typeof opts.as === 'string' ? tokens[opts.as] : opts.as.token;
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : undefined, headers: res.headers };
  };

  /** Complaints on this file's task queue, by Temporal visibility (eventually consistent: poll). */
  const workflowCount = async () => Number((await client.workflow.count(`TaskQueue = '${taskQueue}'`)).count);

  const stop = async () => {
    await app.close();
    await kafka.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  return {
    app,
    client,
    call,
    tokens,
    otherDealerToken,
    allDealersToken,
    dealer,
    otherDealer,
    taskQueue,
    staffFile,
    workflowCount,
    stop,
  };
}
export type ApiHarness = Awaited<ReturnType<typeof startApi>>;

/** A valid intake body for the harness dealer (receivedBy is the caller). */
export function intakeBody(dealerId: string, overrides: Record<string, unknown> = {}) {
  return {
    dealerId,
    customer: { name: '刘先生', phone: '13812345678' },
    vehicle: { plate: '沪A12345' },
    repairOrderNo: 'RO-2026-0001',
    channel: 'phone',
    category: 'delivery_delay',
    description: 'Car promised for 17:00 was not ready and nobody called.',
    severity: 'medium',
    ...overrides,
  };
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A complaint's state once nothing more is on its way: staff and customer notices are delivered
 * after the action that raised them, so "changes nothing" is measured from a quiet state.
 */
export async function quiet<T extends { sequence: number }>(read: () => Promise<T>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const next = await read();
    if (next.sequence === last.sequence) return next;
    if (Date.now() > end) throw new Error(`complaint still changing after ${ms} ms (sequence ${next.sequence})`);
    last = next;
  }
}
