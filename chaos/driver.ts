/**
 * The chaos driver: opens N complaints, drives them down mixed paths while faults are injected,
 * waits until the system is quiet, then checks every invariant against ground truth.
 */
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import pino from 'pino';
import { startReader } from '../analytics/reader';
import { parsePolicy, type Policy } from '../domain/policy';
import type { ComplaintState } from '../domain/complaint';
import { createEventLog, TOPICS, type IncomingRecord } from '../kafka';
import { freshTemporalKeys, signingClientOptions } from '../temporal/data-converter';
import { updates, stateQuery } from '../workflows/messages';
import { restartService, WorkerProcess } from './faults';
import { actionsOf, expectedOf, MIX, type Path } from './workload';

export interface ChaosOptions {
  complaints: number;
  temporalAddress: string;
  brokers: string[];
  workerEntry: string;
  workflowBundle: string;
  webhook: { url: string; down: () => void; up: () => void; received: { idempotencyKey: string }[] };
  log?: (line: string) => void;
}

export interface ChaosReport {
  faults: string[];
  complaints: number;
  events: number;
  eventsLost: number;
  duplicateIdsDelivered: number;
  longestRecoveryMs: number;
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Long first rung so the driver finishes each path before any clock lapses, even mid-fault. */
function chaosPolicy(webhookUrl: string): Policy {
  const fast = { respondWithin: '3s', resolveWithin: '6s' };
  const hook = (staffId: string, role: string) => ({
    staffId,
    name: staffId,
    role,
    webhook: { url: webhookUrl, format: 'generic' },
  });
  return parsePolicy({
    version: 'chaos-1',
    calendar: { mode: '24x7' },
    clocks: {
      latent: fast,
      objection: { respondWithin: '60s', resolveWithin: '120s' },
      complaint: fast,
      formal_complaint: fast,
      deadlock: fast,
      public_action: { respondWithin: '3s', resolveWithin: null },
    },
    publicActionReminderEvery: '1h',
    followUp: { delay: '1h', dueWithin: '1h' },
    // Customer notices go to the same receiver, so the check below covers them too.
    customerNotices: { channel: { kind: 'sms_webhook', url: webhookUrl } },
    roster: {
      '*': {
        tier1: [hook('chaos-cs', 'customer_service'), hook('chaos-sa', 'advisor')],
        tier2: [hook('chaos-sm', 'service_manager')],
        tier3: [hook('chaos-gm', 'general_manager')],
      },
    },
  });
}

/** Retries a Temporal call through a server restart; a refused Update is an answer, not a fault. */
async function persist<T>(what: string, call: () => Promise<T>, deadlineMs = 120_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw err;
      if (Date.now() > end) throw new Error(`${what}: ${(err as Error).message}`);
      await sleep(500);
    }
  }
}

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const say = opts.log ?? (() => undefined);
  const run = Date.now().toString(36).toUpperCase();
  const dealerId = `CHAOS-${run}`;
  const taskQueue = `chaos-${run}`;
  const policy = chaosPolicy(opts.webhook.url);
  const silent = pino({ level: 'silent' });
  const eventLog = createEventLog({ brokers: opts.brokers, clientId: taskQueue }, silent);
  // The worker and this client share fresh payload and actor keys, as the API and worker do.
  const temporalKeys = freshTemporalKeys();
  const worker = new WorkerProcess(opts.workerEntry, {
    ...temporalKeys.env,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    KAFKA_BROKERS: opts.brokers.join(','),
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: opts.workflowBundle,
    LOG_LEVEL: 'silent',
  });
  const connection = await Connection.connect({ address: opts.temporalAddress });
  const client = new Client({ connection, ...signingClientOptions(temporalKeys.keys) });
  const intake = {
    dealerId,
    customer: { name: '刘先生', phone: '13812345678' },
    vehicle: { plate: '沪A12345' },
    channel: 'phone',
    category: 'repair_quality',
    description: 'chaos',
    severity: 'medium',
    receivedBy: { id: 'chaos-sa', role: 'advisor' },
  };
  const complaints = Array.from({ length: opts.complaints }, (_, i) => ({
    id: `CL-${dealerId}-${i}`,
    path: MIX[i % MIX.length]! as Path,
  }));
  const ours = new Set(complaints.map((c) => c.id));

  // A live view of the log: the arrival of any of our events marks the system as making progress.
  const records: IncomingRecord[] = [];
  const consumer = eventLog.consumer({ groupId: `${taskQueue}-observer` });
  await consumer.connect();
  await consumer.subscribe([TOPICS.complaintEvents.name, TOPICS.remedyLedger.name], { fromBeginning: true });
  await consumer.runBatches(async (batch) => {
    for (const r of batch) {
      if (
        r.topic === TOPICS.complaintEvents.name ? ours.has(r.key ?? '') : ours.has((r.key ?? '').replace(/-R\d+$/, ''))
      ) {
        records.push(r);
      }
    }
  });

  const faults: string[] = [];
  const recoveries: number[] = [];
  /**
   * Injects a fault, then measures recovery: the time until a fresh probe complaint's first
   * event, which needs Temporal, the worker and Kafka all working again, is on the log.
   */
  let probes = 0;
  const inject = async (name: string, fault: () => void | Promise<void>) => {
    const at = Date.now();
    faults.push(name);
    say(`fault: ${name}`);
    await fault();
    const probeId = `CL-${dealerId}-PROBE-${++probes}`;
    ours.add(probeId);
    await persist(`probe ${probeId}`, () =>
      client.workflow.start('complaint', {
        taskQueue,
        workflowId: probeId,
        args: [
          {
            open: {
              complaintId: probeId,
              startingStage: 'objection',
              policy,
              intake: { ...intake, dealerId: `${dealerId}-PROBE` },
            },
          },
        ],
      }),
    );
    const end = Date.now() + 120_000;
    while (!records.some((r) => r.key === probeId) && Date.now() < end) await sleep(100);
    recoveries.push(records.some((r) => r.key === probeId) ? Date.now() - at : Number.POSITIVE_INFINITY);
    say(`recovered from ${name} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
  };

  worker.start();
  try {
    const driving = pool(complaints, 16, async ({ id, path }) => {
      await persist(`open ${id}`, () =>
        client.workflow
          .start('complaint', {
            taskQueue,
            workflowId: id,
            args: [{ open: { complaintId: id, startingStage: 'objection', policy, intake: { ...intake, dealerId } } }],
          })
          .catch((err) => {
            if (String(err).includes('already started')) return undefined; // a retried start after a lost answer
            throw err;
          }),
      );
      for (const [action, payload] of actionsOf(path, id)) {
        // A stable update id: a call retried across a fault is the same Update, applied once.
        await persist(`${action} ${id}`, () =>
          client.workflow.getHandle(id).executeUpdate(updates[action as keyof typeof updates] as never, {
            args: [payload] as never,
            updateId: `${id}:${action}`,
          }),
        );
      }
    });

    // SIGKILL, then a new worker after a pause, inside the fault so recovery is measured from it.
    const killWorker = async (downMs: number) => {
      worker.kill();
      await sleep(downMs);
      worker.start();
    };
    const injecting = (async () => {
      await sleep(2_000);
      await inject('worker SIGKILL', () => killWorker(1_500));
      await sleep(2_000);
      await inject('Kafka broker restart', () => restartService('kafka'));
      await sleep(3_000);
      await inject('worker SIGKILL', () => killWorker(1_000));
      await sleep(3_000);
      await inject('Temporal dev server restart', () => restartService('temporal'));
      await sleep(2_000);
      await inject('staff webhook down 10 s', () => opts.webhook.down());
      await sleep(10_000);
      opts.webhook.up();
      await inject('worker SIGKILL', () => killWorker(1_000));
    })();
    await Promise.all([driving, injecting]);

    // Quiet: every complaint in its expected final state, every event of it on Kafka.
    say('waiting for the system to be quiet');
    const states = new Map<string, ComplaintState>();
    const quietBy = Date.now() + 180_000 + opts.complaints * 200;
    for (const { id, path } of complaints) {
      const want = expectedOf(path);
      for (;;) {
        const s = await persist(`query ${id}`, () => client.workflow.getHandle(id).query(stateQuery));
        states.set(id, s);
        const settled = s.stage === want.stage && s.status === want.status;
        const published =
          records.filter((r) => r.topic === TOPICS.complaintEvents.name && r.key === id).length >= s.sequence;
        if ((settled && published) || Date.now() > quietBy) break;
        await sleep(250);
      }
    }
    const notifiedKeys = () =>
      new Set(
        records
          .filter((r) => ours.has(r.key ?? '') && r.headers.ce_type?.includes('.staff.notified.'))
          .flatMap((r) => {
            const d = JSON.parse(r.value!.toString()) as { notificationKey: string; recipients: { staffId: string }[] };
            return d.recipients.map((x) => `${d.notificationKey}:${x.staffId}`);
          }),
      );
    const receivedKeys = () =>
      new Set(opts.webhook.received.map((h) => h.idempotencyKey).filter((k) => ours.has(k.split(':')[0] ?? '')));
    // Notices delivered during the outage land on their retry, and a complaint on the top rung
    // may still warn while we look. A receipt comes before its staff.notified, so for one
    // consistent view take the receipts, then the events, until the events cover the receipts;
    // then the records, then the receipts again (which cover every notice those records name).
    let delivered = receivedKeys();
    const noticesBy = Date.now() + 90_000;
    while (Date.now() < noticesBy) {
      delivered = receivedKeys();
      const notified = notifiedKeys();
      if ([...delivered].every((k) => notified.has(k))) break;
      await sleep(250);
    }
    const recordsSeen = [...records];
    const receivedLast = [...opts.webhook.received];

    return await check({
      complaints,
      states,
      records: recordsSeen,
      delivered,
      receivedLast,
      faults,
      recoveries,
      eventLog,
      dealerId,
      client,
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await worker.stop();
    for await (const wf of client.workflow.list({
      query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
    })) {
      await client.workflow
        .getHandle(wf.workflowId)
        .terminate('chaos run finished')
        .catch(() => undefined);
    }
    await connection.close();
  }
}

async function check(ctx: {
  complaints: { id: string; path: Path }[];
  states: Map<string, ComplaintState>;
  records: IncomingRecord[];
  /** Webhook receipts (idempotency keys of ours) taken before the records, and all taken after. */
  delivered: Set<string>;
  receivedLast: { idempotencyKey: string }[];
  faults: string[];
  recoveries: number[];
  eventLog: ReturnType<typeof createEventLog>;
  dealerId: string;
  client: Client;
}): Promise<ChaosReport> {
  const violations: string[] = [];
  const events = ctx.records.filter((r) => r.topic === TOPICS.complaintEvents.name);
  let eventsLost = 0;
  let duplicates = 0;
  const notified = new Set<string>();
  for (const { id, path } of ctx.complaints) {
    const state = ctx.states.get(id)!;
    const want = expectedOf(path);
    if (state.stage !== want.stage || state.status !== want.status || state.reopenCount !== want.reopenCount) {
      violations.push(
        `${id} (${path}) ended ${state.stage}/${state.status}/reopened ${state.reopenCount}, expected ${want.stage}/${want.status}/${want.reopenCount}`,
      );
    }
    // Complete and contiguous; a repeat must carry the same id and the same body.
    const mine = events.filter((r) => r.key === id);
    const bySeq = new Map<number, IncomingRecord>();
    for (const r of mine) {
      const seq = Number(r.headers.ce_sequence);
      const seen = bySeq.get(seq);
      if (seen) {
        duplicates++;
        if (seen.headers.ce_id !== r.headers.ce_id || seen.value?.toString() !== r.value?.toString())
          violations.push(`${id}: two different events numbered ${seq}`);
      } else bySeq.set(seq, r);
    }
    for (let seq = 1; seq <= state.sequence; seq++) if (!bySeq.has(seq)) eventsLost++;
    for (const r of bySeq.values()) {
      if (r.headers.ce_type?.includes('.staff.notified.')) {
        const data = JSON.parse(r.value!.toString()) as {
          notificationKey: string;
          recipients: { staffId: string; format: string }[];
        };
        if (notified.has(data.notificationKey)) violations.push(`${id}: notice ${data.notificationKey} sent twice`);
        notified.add(data.notificationKey);
        for (const rcpt of data.recipients) {
          if (rcpt.format === 'log') continue; // no webhook: the worker log is its only delivery
          if (!ctx.receivedLast.some((h) => h.idempotencyKey === `${data.notificationKey}:${rcpt.staffId}`))
            violations.push(`${id}: ${data.notificationKey} never reached ${rcpt.staffId}`);
        }
      }
      if (r.headers.ce_type?.includes('.customer.notified.')) {
        const { notificationKey } = JSON.parse(r.value!.toString()) as { notificationKey: string };
        if (notified.has(notificationKey)) violations.push(`${id}: customer notice ${notificationKey} sent twice`);
        notified.add(notificationKey);
        if (!ctx.receivedLast.some((h) => h.idempotencyKey === notificationKey))
          violations.push(`${id}: customer notice ${notificationKey} never reached the SMS gateway`);
      }
    }
    // The remedy ledger's latest record per remedy equals the workflow's remedies.
    for (const remedy of state.remedies) {
      const ledger = ctx.records.filter((r) => r.topic === TOPICS.remedyLedger.name && r.key === remedy.remedyId);
      const latest = ledger.at(-1)
        ? (JSON.parse(ledger.at(-1)!.value!.toString()) as { status: string; amount: number })
        : undefined;
      if (!latest || latest.status !== remedy.status || latest.amount !== remedy.amount)
        violations.push(
          `${remedy.remedyId}: ledger ${JSON.stringify(latest)} but workflow ${remedy.status} ${remedy.amount}`,
        );
    }
  }
  if (eventsLost) violations.push(`${eventsLost} events lost`);
  // Every delivery the receiver kept (after dropping duplicates by key) is a recorded notice, staff or customer.
  const recorded = new Set<string>();
  for (const r of events) {
    if (r.headers.ce_type?.includes('.customer.notified.'))
      recorded.add((JSON.parse(r.value!.toString()) as { notificationKey: string }).notificationKey);
    if (!r.headers.ce_type?.includes('.staff.notified.')) continue;
    const d = JSON.parse(r.value!.toString()) as { notificationKey: string; recipients: { staffId: string }[] };
    for (const x of d.recipients) recorded.add(`${d.notificationKey}:${x.staffId}`);
  }
  for (const k of ctx.delivered)
    if (!recorded.has(k)) violations.push(`delivered ${k} but no staff.notified or customer.notified recorded it`);

  // Analytics rebuilt from offset 0 equals the ground truth.
  const reader = await startReader({
    eventLog: ctx.eventLog,
    log: pino({ level: 'silent' }),
    groupId: `${ctx.dealerId}-analytics`,
  });
  try {
    const end = Date.now() + 60_000;
    while ((await reader.lag()) > 0 && Date.now() < end) await sleep(200);
    const filter = { dealerId: ctx.dealerId };
    const truthCompensation = ctx.complaints.reduce((n, c) => n + expectedOf(c.path).compensation, 0);
    const funnel = reader.projections.funnel(filter);
    const compensation = reader.projections.compensation(filter);
    const after = reader.projections.afterResolution(filter);
    const truthReopened = ctx.complaints.filter((c) => c.path === 'reopen').length;
    if (funnel.opened !== ctx.complaints.length)
      violations.push(`analytics opened ${funnel.opened}, truth ${ctx.complaints.length}`);
    if (compensation.total !== truthCompensation)
      violations.push(`analytics compensation ${compensation.total}, truth ${truthCompensation}`);
    if (after.reopened !== truthReopened)
      violations.push(`analytics reopened ${after.reopened}, truth ${truthReopened}`);
  } finally {
    await reader.stop();
  }

  return {
    faults: ctx.faults,
    complaints: ctx.complaints.length,
    events: new Set(events.map((r) => r.headers.ce_id)).size,
    eventsLost,
    duplicateIdsDelivered: duplicates,
    longestRecoveryMs: Math.max(0, ...ctx.recoveries),
    violations,
  };
}

export function formatReport(r: ChaosReport): string {
  const rows: [string, string][] = [
    ['faults injected', `${r.faults.length} (${r.faults.join('; ')})`],
    ['complaints', String(r.complaints)],
    ['events', String(r.events)],
    ['events lost', String(r.eventsLost)],
    ['duplicate ids delivered', String(r.duplicateIdsDelivered)],
    ['longest recovery', `${(r.longestRecoveryMs / 1000).toFixed(1)} s`],
    ['violations', String(r.violations.length)],
  ];
  const shown = r.violations.slice(0, 20).map((v) => `  - ${v}`);
  return ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ...shown].join('\n');
}
