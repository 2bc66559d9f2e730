import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createEventLog, TOPICS, type IncomingRecord } from '../../kafka';
import { startOtlpReceiver } from '../support/otlp-receiver';

/**
 * The stack as `npm start -- --detach` runs it, on a stack of its own (own ports, data folder and
 * build, so it runs beside the test stack and a developer's `npm start`): each process's metrics
 * before and after a climb, one complaint's traces received over OTLP, then each app process
 * SIGKILLed in turn and brought back the way the README says. Nothing may be lost on Kafka, and
 * `npm stop` must leave no process of that stack behind.
 */
const ROOT = path.resolve(__dirname, '../..');
const port = (name: string, fallback: number) => Number(process.env[`RESTART_${name}`] ?? fallback);
const PORTS = {
  TEMPORAL_PORT: port('TEMPORAL_PORT', 27233),
  TEMPORAL_UI_PORT: port('TEMPORAL_UI_PORT', 28233),
  KAFKA_PORT: port('KAFKA_PORT', 29092),
  KAFKA_CONTROLLER_PORT: port('KAFKA_CONTROLLER_PORT', 29093),
  API_PORT: port('API_PORT', 23000),
  STAFF_INBOX_PORT: port('STAFF_INBOX_PORT', 24010),
  ANALYTICS_PORT: port('ANALYTICS_PORT', 23100),
  API_METRICS_PORT: port('API_METRICS_PORT', 23461),
  WORKER_METRICS_PORT: port('WORKER_METRICS_PORT', 23462),
  ANALYTICS_METRICS_PORT: port('ANALYTICS_METRICS_PORT', 23463),
  TEMPORAL_SDK_METRICS_PORT: port('TEMPORAL_SDK_METRICS_PORT', 23464),
};
const DATA_DIR = process.env.RESTART_STACK_DATA_DIR ?? path.join(ROOT, '.stack', 'data', 'restart');
const DIST_DIR = path.join(ROOT, '.stack', 'restart-build');
const APPS = ['worker', 'api', 'analytics', 'staff-inbox'] as const;
type App = (typeof APPS)[number];
const API = `http://127.0.0.1:${PORTS.API_PORT}`;
/** Where the stack's processes send their traces (OTEL_EXPORTER_OTLP_ENDPOINT): a receiver in this test. */
let otlp: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;

/** The environment of this stack alone: nothing of the test stack's may leak into it. */
function stackEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const inherited of [
    'TEMPORAL_ADDRESS',
    'KAFKA_BROKERS',
    'STAFF_FILE',
    'POLICY_REGISTRY_FILE',
    'ANALYTICS_URL',
    'WORKFLOW_BUNDLE_PATH',
    'LADDER_LOOKUP_KEY',
    'LADDER_LOOKUP_KEY_FILE',
    'LADDER_INTERNAL_SECRET',
    'LADDER_INTERNAL_SECRET_FILE',
  ]) {
    delete env[inherited];
  }
  return {
    ...env,
    ...Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, String(v)])),
    STACK_DATA_DIR: DATA_DIR,
    LADDER_DIST_DIR: path.relative(ROOT, DIST_DIR),
    POLICY_FILE: path.join(DATA_DIR, 'policy.json'),
    LOG_LEVEL: 'info',
    ...(otlp ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url } : {}),
  };
}

function npm(...args: string[]): { status: number | null; output: string; ms: number } {
  const at = Date.now();
  const r = spawnSync('npm', ['--silent', ...args], { cwd: ROOT, env: stackEnv(), encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, ms: Date.now() - at };
}

const pidOf = (name: string): number | undefined => {
  const file = path.join(DATA_DIR, 'pids', `${name}.pid`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
};
const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); // a zombie is gone
  } catch {
    return false;
  }
};
/** Ready, as the supervisor records it: the PID file and the ready mark name the same live process. */
const ready = (app: App) => {
  const pid = pidOf(app);
  const mark = path.join(DATA_DIR, 'pids', `${app}.ready`);
  return alive(pid) && existsSync(mark) && Number(readFileSync(mark, 'utf8').trim()) === pid;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** GET /metrics of one process, as Prometheus would scrape it. */
async function scrape(metricsPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect({ metricsPort, status: res.status, type: res.headers.get('content-type') }).toEqual({
    metricsPort,
    status: 200,
    type: expect.stringContaining('text/plain'),
  });
  return res.text();
}

/** The sum of a metric's samples whose labels include `labels`, from Prometheus text. */
function sampled(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

const listening = (p: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: p });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Processes whose command line names this stack's data folder, other than this test's own. */
const namesDataDir = new RegExp(`${DATA_DIR.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/| |$)`);
function processesOfTheStack(): { pid: number; args: string }[] {
  const found: { pid: number; args: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let args = '';
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (namesDataDir.test(args)) found.push({ pid: Number(entry), args });
  }
  return found;
}

describe('supervised processes: a crashed app comes back, nothing is lost, nothing is left', () => {
  const seen = new Set<number>(); // every PID the stack ever recorded; all must be gone after npm stop
  const complaints: string[] = [];
  const records: IncomingRecord[] = [];
  const restartTimes: string[] = [];
  let token = '';
  let eventLog: ReturnType<typeof createEventLog>;
  let consumer: ReturnType<ReturnType<typeof createEventLog>['consumer']> | undefined;

  const recordPids = () => {
    for (const name of ['supervisor', 'temporal', 'kafka', ...APPS]) {
      const pid = pidOf(name);
      if (pid) seen.add(pid);
    }
  };
  const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${API}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  /** Opens a complaint through the API and waits until the worker has put its first event on Kafka. */
  async function openComplaint(): Promise<string> {
    const key = randomUUID();
    const body = {
      dealerId: 'DEMO-01',
      customer: { name: '刘先生', phone: '13812345678' },
      vehicle: { plate: '沪A12345' },
      channel: 'phone',
      category: 'delivery_delay',
      severity: 'medium',
      description: 'Car not ready',
    };
    const res = await until('the API to open a complaint', async () => {
      const r = await call('POST', '/v1/complaints', body, { 'idempotency-key': key });
      return r.status === 201 || r.status === 200
        ? ((await r.json()) as { complaint: { complaintId: string } })
        : undefined;
    });
    const id = res.complaint.complaintId;
    complaints.push(id);
    await until(
      `complaint.opened of ${id} on Kafka`,
      () => records.some((r) => r.key === id && r.headers.ce_sequence === '1') || undefined,
      30_000,
    );
    return id;
  }

  /** Every app ready, the API healthy, analytics answering through it, the inbox answering, and a new complaint processed. */
  async function expectEverythingBack(): Promise<void> {
    for (const app of APPS) expect({ app, ready: ready(app) }).toEqual({ app, ready: true });
    expect(alive(pidOf('supervisor'))).toBe(true);
    const health = await until('GET /v1/health to answer 200', async () =>
      (await fetch(`${API}/v1/health`)).status === 200 ? true : undefined,
    );
    expect(health).toBe(true);
    await until(
      'analytics to answer through the API',
      async () => ((await call('GET', '/v1/analytics/funnel')).status === 200 ? true : undefined),
      30_000,
    );
    // Any HTTP answer will do: the inbox is up (its own auth may refuse an anonymous request).
    await until(
      'the staff inbox to answer',
      async () =>
        (await fetch(`http://127.0.0.1:${PORTS.STAFF_INBOX_PORT}/hooks/staff`, { method: 'POST', body: '{}' })).status >
        0
          ? true
          : undefined,
      10_000,
    );
    await openComplaint();
    recordPids();
  }

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    // A run killed half-way leaves its stack: stop it, then start from empty data.
    npm('stop');
    rmSync(DATA_DIR, { recursive: true, force: true });
    mkdirSync(DATA_DIR, { recursive: true });
    // The demo policy, with its webhooks pointed at this stack's inbox instead of the main one's.
    const demo = readFileSync(path.join(ROOT, 'config/policies/demo.json'), 'utf8');
    writeFileSync(
      path.join(DATA_DIR, 'policy.json'),
      demo.replace(/127\.0\.0\.1:4010/g, `127.0.0.1:${PORTS.STAFF_INBOX_PORT}`),
    );
    // The API serves dashboard/ from beside its build; this build lives in .stack/.
    mkdirSync(DIST_DIR, { recursive: true });
    const link = path.join(DIST_DIR, 'dashboard');
    if (!existsSync(link) || readlinkSync(link) !== path.join(ROOT, 'dashboard')) {
      rmSync(link, { force: true });
      symlinkSync(path.join(ROOT, 'dashboard'), link);
    }
    eventLog = createEventLog(
      { brokers: [`127.0.0.1:${PORTS.KAFKA_PORT}`], clientId: `restart-${randomUUID().slice(0, 8)}` },
      pino({ level: 'silent' }),
    );
  });

  afterAll(async () => {
    await otlp?.close();
    await consumer?.disconnect().catch(() => undefined);
    const stop = npm('stop');
    if (stop.status !== 0) process.stderr.write(`npm stop failed:\n${stop.output}\n`);
    process.stdout.write(`\nrestart times\n${restartTimes.join('\n')}\n`);
  });

  it('starts every process of a fresh stack with npm start -- --detach', async () => {
    const start = npm('start', '--', '--detach');
    // On a failure, the output is what says why.
    expect(start.status === 0 ? 'started' : start.output).toBe('started');
    restartTimes.push(`fresh start (build included): ${(start.ms / 1000).toFixed(1)} s`);
    const tokens = readFileSync(path.join(DATA_DIR, 'demo-tokens.txt'), 'utf8');
    token = /^demo-cs \S+ \S+ (\S+)$/m.exec(tokens)?.[1] ?? '';
    expect(token).not.toBe('');
    consumer = eventLog.consumer({ groupId: `restart-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe([TOPICS.complaintEvents.name], { fromBeginning: true });
    await consumer.runBatches(async (batch) => void records.push(...batch));
    await expectEverythingBack();
  }, 240_000);

  it('serves Prometheus metrics from the worker, the API and analytics, and a climb moves them', async () => {
    const scrapeAll = async () => ({
      worker: await scrape(PORTS.WORKER_METRICS_PORT),
      api: await scrape(PORTS.API_METRICS_PORT),
      analytics: await scrape(PORTS.ANALYTICS_METRICS_PORT),
    });
    const count = (m: Awaited<ReturnType<typeof scrapeAll>>) => ({
      climbs: sampled(m.worker, 'ladder_climbs_total', { trigger: 'deadline_lapsed' }),
      breaches: sampled(m.worker, 'ladder_breaches_total'),
      lagCount: sampled(m.worker, 'ladder_escalation_lag_seconds_count'),
      staffNotices: sampled(m.worker, 'ladder_notices_total', { audience: 'staff', outcome: 'delivered' }),
      published: sampled(m.worker, 'ladder_publish_seconds_count', { topic: TOPICS.complaintEvents.name }),
      intakes: sampled(m.api, 'ladder_http_request_duration_seconds_count', {
        route: '/v1/complaints',
        method: 'POST',
      }),
      recordsRead: sampled(m.analytics, 'ladder_analytics_records_read_total'),
    });
    const before = count(await scrapeAll());
    // The demo policy's respond-by clock is 4 s: untouched, the complaint breaches it and climbs.
    const id = await openComplaint();
    await until(
      `${id} to climb on Kafka`,
      () =>
        records.some(
          (r) => r.key === id && r.headers.ce_type?.includes('stage.entered') && Number(r.headers.ce_sequence) > 1,
        ) || undefined,
      30_000,
    );
    const after = await until("the climb to reach every process's metrics", async () => {
      const m = await scrapeAll();
      const c = count(m);
      return c.climbs > before.climbs && c.recordsRead > before.recordsRead ? { m, c } : undefined;
    });
    expect(after.c.breaches).toBeGreaterThan(before.breaches);
    expect(after.c.lagCount).toBeGreaterThan(before.lagCount);
    expect(after.c.published).toBeGreaterThan(before.published);
    expect(after.c.intakes).toBe(before.intakes + 1);
    // The lag histogram's buckets are cumulative; the climb counted in its +Inf bucket too.
    expect(sampled(after.m.worker, 'ladder_escalation_lag_seconds_bucket', { le: '+Inf' })).toBe(after.c.lagCount);
    // The SDK's own metrics come through the worker's endpoint, and Node's through each.
    expect(after.m.worker).toMatch(/^temporal_\w+/m);
    for (const text of Object.values(after.m)) expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{/m);
    // Staff notices of the breach, and the analytics reader following the log.
    await until('a delivered staff notice to be counted', async () =>
      sampled(await scrape(PORTS.WORKER_METRICS_PORT), 'ladder_notices_total', {
        audience: 'staff',
        outcome: 'delivered',
      }) > before.staffNotices
        ? true
        : undefined,
    );
    expect(sampled(after.m.analytics, 'ladder_analytics_consuming')).toBe(1);
    const probe = await fetch(`http://127.0.0.1:${PORTS.ANALYTICS_PORT}/health/ready`);
    expect({ status: probe.status, body: await probe.json() }).toEqual({ status: 200, body: { status: 'ready' } });
  }, 90_000);

  it('traces a complaint from the API through the workflow and its activities into Kafka and analytics', async () => {
    const spans = otlp!.spans;
    const traceOf = (r: IncomingRecord) =>
      /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(r.headers.ce_traceparent ?? '');
    const recordOf = (id: string, type: string) =>
      records.find((r) => r.key === id && r.headers.ce_type === `com.complaintladder.${type}.v1`);
    const spanNamed = (traceId: string, service: string, name: string | RegExp) =>
      spans.find(
        (s) =>
          s.traceId === traceId &&
          s.service === service &&
          (typeof name === 'string' ? s.name === name : name.test(s.name)),
      );

    // Intake, then the demo policy's 4 s respond-by lapses and the complaint climbs.
    const id = await openComplaint();
    const opened = recordOf(id, 'complaint.opened')!;
    const [, traceId, publishSpanId] = traceOf(opened) ?? [];
    expect({ traceparent: opened.headers.ce_traceparent, traced: Boolean(traceId) }).toMatchObject({ traced: true });
    const climb = await until(`${id} to climb`, () =>
      records.find(
        (r) => r.key === id && r.headers.ce_type?.endsWith('stage.entered.v1') && Number(r.headers.ce_sequence) > 1,
      ),
    );
    const linked = await until('the intake trace to reach the receiver', () => {
      const found = {
        api: spanNamed(traceId!, 'api', 'POST /v1/complaints'),
        start: spanNamed(traceId!, 'api', 'StartWorkflow:complaint'),
        scheduled: spanNamed(traceId!, 'complaint-worker', 'StartActivity:publishEvents'),
        published: spans.find((s) => s.spanId === publishSpanId),
        analytics: spans.find((s) => s.service === 'analytics' && s.parentSpanId === publishSpanId),
      };
      return Object.values(found).every(Boolean) ? found : undefined;
    });
    // One trace: the request (SERVER), the workflow start, the workflow's activity, its run, the
    // record's ce_traceparent (the run's span) and the analytics span that continues it.
    expect(linked.api!.kind).toBe(2);
    expect(linked.start!.parentSpanId).toBe(linked.api!.spanId);
    expect(linked.published).toMatchObject({
      traceId,
      name: 'RunActivity:publishEvents',
      parentSpanId: linked.scheduled!.spanId,
      attributes: { temporalWorkflowId: id },
    });
    expect(linked.analytics).toMatchObject({
      traceId,
      kind: 5,
      name: 'analytics apply com.complaintladder.complaint.opened.v1',
    });
    // The climb, moved by a timer and not a request, stays in the complaint's trace.
    const [, climbTrace, climbSpan] = traceOf(climb) ?? [];
    expect(climbTrace).toBe(traceId);
    await until('the climb in analytics', () =>
      spans.find((s) => s.service === 'analytics' && s.parentSpanId === climbSpan),
    );

    // A resolution is its own request, so its own trace: the Update, its handler, the publish.
    const gm = /^demo-gm general_manager \S+ (\S+)$/m.exec(
      readFileSync(path.join(DATA_DIR, 'demo-tokens.txt'), 'utf8'),
    )![1]!;
    const as = { authorization: `Bearer ${gm}` };
    const proposed = await call(
      'POST',
      `/v1/complaints/${id}/remedies`,
      { type: 'gift', amount: 100, description: 'Car wash voucher' },
      as,
    );
    expect(proposed.status).toBe(200);
    const remedyId = ((await proposed.json()) as { complaint: { remedies: { remedyId: string }[] } }).complaint
      .remedies[0]!.remedyId;
    expect(
      (await call('POST', `/v1/complaints/${id}/remedies/${remedyId}/decision`, { decision: 'accept' }, as)).status,
    ).toBe(200);
    expect((await call('POST', `/v1/complaints/${id}/resolve`, { kind: 'remedy_accepted' }, as)).status).toBe(200);
    const resolved = await until('complaint.resolved on Kafka', () => recordOf(id, 'complaint.resolved'));
    const [, resolveTrace, resolveSpan] = traceOf(resolved) ?? [];
    expect(resolveTrace).not.toBe(traceId);
    const update = await until('the resolution trace', () => {
      const found = {
        api: spanNamed(resolveTrace!, 'api', 'POST /v1/complaints/:id/resolve'),
        handled: spanNamed(resolveTrace!, 'complaint-worker', 'HandleUpdate:resolve'),
        published: spans.find((s) => s.spanId === resolveSpan),
        analytics: spans.find((s) => s.service === 'analytics' && s.parentSpanId === resolveSpan),
      };
      return Object.values(found).every(Boolean) ? found : undefined;
    });
    expect(update.published).toMatchObject({
      name: 'RunActivity:publishEvents',
      attributes: { temporalWorkflowId: id },
    });
  }, 90_000);

  it('restarts a SIGKILLed worker by itself, with nobody running a command', async () => {
    const before = pidOf('worker')!;
    const at = Date.now();
    process.kill(before, 'SIGKILL');
    await until('a new worker to be ready', () => (pidOf('worker') !== before && ready('worker')) || undefined, 30_000);
    restartTimes.push(`worker healed by the supervisor: ${((Date.now() - at) / 1000).toFixed(1)} s`);
    expect(readFileSync(path.join(DATA_DIR, 'logs', 'supervisor.log'), 'utf8')).toMatch(
      new RegExp(`worker \\(pid ${before}\\) exited with signal KILL after [\\d.]+ s; restart 1 in 1 s`),
    );
    await expectEverythingBack();
  }, 90_000);

  it.each(APPS)(
    'after a SIGKILL of the %s, npm start -- --detach starts only it again, and the stack serves',
    async (app) => {
      const before = Object.fromEntries(['supervisor', 'temporal', 'kafka', ...APPS].map((n) => [n, pidOf(n)]));
      const at = Date.now();
      process.kill(before[app]!, 'SIGKILL');
      const start = npm('start', '--', '--detach');
      expect({ status: start.status, output: start.output }).toMatchObject({ status: 0 });
      restartTimes.push(`${app} back after npm start -- --detach: ${((Date.now() - at) / 1000).toFixed(1)} s`);
      expect(pidOf(app)).not.toBe(before[app]);
      // Everything else kept running, under the same PID files.
      for (const other of ['supervisor', 'temporal', 'kafka', ...APPS].filter((n) => n !== app))
        expect({ [other]: pidOf(other) }).toEqual({ [other]: before[other] });
      await expectEverythingBack();
    },
    120_000,
  );

  it('after a SIGKILL of the supervisor and the staff inbox, npm start -- --detach adopts the live apps and starts the rest', async () => {
    const before = Object.fromEntries(['supervisor', ...APPS].map((n) => [n, pidOf(n)]));
    process.kill(before.supervisor!, 'SIGKILL');
    process.kill(before['staff-inbox']!, 'SIGKILL');
    const at = Date.now();
    const start = npm('start', '--', '--detach');
    expect({ status: start.status, output: start.output }).toMatchObject({ status: 0 });
    restartTimes.push(
      `supervisor and staff-inbox back after npm start -- --detach: ${((Date.now() - at) / 1000).toFixed(1)} s`,
    );
    expect(pidOf('supervisor')).not.toBe(before.supervisor);
    expect(pidOf('staff-inbox')).not.toBe(before['staff-inbox']);
    for (const app of ['worker', 'api', 'analytics']) expect({ [app]: pidOf(app) }).toEqual({ [app]: before[app] });
    await expectEverythingBack();
    // The new supervisor restarts what it adopted, too.
    const worker = pidOf('worker')!;
    process.kill(worker, 'SIGKILL');
    await until(
      'the adopted worker to be replaced',
      () => (pidOf('worker') !== worker && ready('worker')) || undefined,
      30_000,
    );
  }, 120_000);

  it('a second npm start -- --detach on a whole stack changes nothing', () => {
    const before = Object.fromEntries(['supervisor', 'temporal', 'kafka', ...APPS].map((n) => [n, pidOf(n)]));
    const start = npm('start', '--', '--detach');
    expect({ status: start.status, output: start.output }).toMatchObject({
      status: 0,
      output: expect.stringContaining('already running; nothing to do'),
    });
    expect(Object.fromEntries(Object.keys(before).map((n) => [n, pidOf(n)]))).toEqual(before);
  });

  it("loses no event on Kafka: each complaint's sequence is gap-free and reaches the workflow's", async () => {
    expect(complaints.length).toBeGreaterThanOrEqual(APPS.length + 3);
    for (const id of complaints) {
      const res = await call('GET', `/v1/complaints/${id}`);
      expect(res.status).toBe(200);
      const { sequence } = ((await res.json()) as { complaint: { sequence: number } }).complaint;
      const onKafka = () => new Set(records.filter((r) => r.key === id).map((r) => Number(r.headers.ce_sequence)));
      await until(
        `events 1…${sequence} of ${id} on Kafka`,
        () => (onKafka().size >= sequence ? true : undefined),
        30_000,
      ).catch(() => undefined);
      const seqs = [...onKafka()].sort((a, b) => a - b);
      expect({ id, seqs: seqs.slice(0, sequence) }).toEqual({
        id,
        seqs: Array.from({ length: sequence }, (_, i) => i + 1),
      });
      // Gap-free beyond the state read too: later events keep arriving as the demo clocks lapse.
      expect({ id, gapFree: seqs.every((s, i) => s === i + 1) }).toEqual({ id, gapFree: true });
    }
  }, 90_000);

  it('npm stop leaves no process of the stack behind', async () => {
    recordPids();
    await consumer?.disconnect();
    consumer = undefined;
    const at = Date.now();
    const stop = npm('stop');
    expect({ status: stop.status, output: stop.output }).toMatchObject({ status: 0 });
    restartTimes.push(`npm stop: ${((Date.now() - at) / 1000).toFixed(1)} s`);
    expect([...seen].filter(alive)).toEqual([]);
    expect(processesOfTheStack()).toEqual([]);
    expect(readdirSync(path.join(DATA_DIR, 'pids'))).toEqual([]);
    for (const p of Object.values(PORTS))
      expect({ port: p, listening: await listening(p) }).toEqual({ port: p, listening: false });
  }, 90_000);
});
