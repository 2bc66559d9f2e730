import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import fc from 'fast-check';
import pino from 'pino';
import { REDACTED_LOG_PATHS } from '../../api/app';
import { ACTION_NAMES } from '../../domain/actions';
import { createEventLog, TOPICS, type IncomingRecord } from '../../kafka';
import { stateQuery, updates } from '../../workflows/messages';
import { eventually, intakeBody, quiet, startApi, type ApiHarness } from '../api/harness';
import { requireEnv } from '../support/stack';

/**
 * Hostile input against the real stack: bodies, query strings, headers and raw Update payloads.
 * Nothing may answer 5xx, fail a workflow task or change a complaint; the raw phone number never
 * reaches a log line or Kafka. FUZZ_RUNS scales it (`npm run chaos` sets 10,000 in all).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const PHONE = '13987654321';

/** Strings that have broken other systems: injection, odd Unicode, control characters. */
const hostileString = fc.oneof(
  fc.constantFrom(
    "' OR '1'='1",
    '"; DROP TABLE complaints; --',
    "ComplaintStage='deadlock' OR DealerId != ''",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, meant literally
    '${jndi:ldap://127.0.0.1/a}',
    '<script>alert(1)</script>',
    '{{7*7}}',
    '../../etc/passwd',
    '\u0000\u0001\u001b[31m',
    '\u202e\u200b\ufeff',
    '\ud800',
    '𝕮𝖔𝖒𝖕𝖑𝖆𝖎𝖓𝖙 😡🚗',
    '投诉'.repeat(500),
    'a'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

describe('hostile input changes nothing and never breaks anything', () => {
  let h: ApiHarness;
  const logLines: string[] = [];
  const tried: Record<string, { cases: number; statuses: Record<string, number> }> = {};
  const count = (kind: string, status: number | string) => {
    const k = (tried[kind] ??= { cases: 0, statuses: {} });
    k.cases++;
    k.statuses[String(status)] = (k.statuses[String(status)] ?? 0) + 1;
  };
  const opened: string[] = [];

  beforeAll(async () => {
    const capture = { write: (line: string) => void logLines.push(line) };
    const logger = pino({ level: 'trace', redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } }, capture);
    h = await startApi({ logger, bodyLimitBytes: 16 * 1024 }, { activityLog: logger });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    const rows = Object.entries(tried).map(
      ([kind, { cases, statuses }]) =>
        `  ${kind.padEnd(34)} ${String(cases).padStart(6)}   ${JSON.stringify(statuses)}`,
    );
    console.log(
      `hostile input tried (FUZZ_RUNS=${RUNS}):\n  ${'kind'.padEnd(34)} ${'cases'.padStart(6)}   statuses\n${rows.join('\n')}`,
    );
  });

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${h.tokens.customer_service}`, 'content-type': 'application/json', ...headers },
    });

  it('takes hostile text in well-formed intakes verbatim, or refuses it with a 400', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (description, name) => {
        const body = { ...intakeBody(h.dealer), description, customer: { name, phone: PHONE } };
        const res = await post('/v1/complaints', JSON.stringify(body));
        count('hostile text in intake fields', res.statusCode);
        expect([201, 400]).toContain(res.statusCode);
        if (res.statusCode === 201) {
          const complaint = JSON.parse(res.body).complaint;
          opened.push(complaint.complaintId);
          expect(complaint.intake.description).toBe(description.trim());
        }
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 3)) },
    );
  }, 120_000);

  it('answers malformed JSON, wrong types and oversized bodies with a 4xx', async () => {
    const malformed = fc.oneof(
      fc.constantFrom(
        '{',
        '{"dealerId":',
        '[1,2',
        'null',
        'true',
        '"x"',
        '{"a":1}}',
        '\u0000',
        '{"__proto__":{"admin":true}}',
      ),
      fc.string({ maxLength: 50 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(malformed, async (payload) => {
        const res = await post('/v1/complaints', payload);
        count('malformed or mistyped intake body', res.statusCode);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    const huge = JSON.stringify({ ...intakeBody(h.dealer), description: 'x'.repeat(20_000) });
    const res = await post('/v1/complaints', huge);
    count('oversized body', res.statusCode);
    expect(res.statusCode).toBe(413);
  });

  it('answers hostile query strings on the list with 200 or 400, never leaking another dealer', async () => {
    const param = fc.constantFrom('stage', 'status', 'dealerId', 'pageSize', 'pageToken');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(param, hostileString), { maxLength: 3 }), async (pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        const res = await h.app.inject({
          method: 'GET',
          url: `/v1/complaints?${qs}`,
          headers: { authorization: `Bearer ${h.tokens.customer_service}` },
        });
        count('hostile list query string', res.statusCode);
        // 414: a hostile value can make the URL longer than the API takes.
        expect([200, 400, 403, 414]).toContain(res.statusCode);
        if (res.statusCode === 200) {
          for (const item of JSON.parse(res.body).items) expect(item.dealerId).toBe(h.dealer);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('answers hostile headers with a 4xx or a normal answer, never a 5xx', async () => {
    const header = fc.oneof(
      fc.record({
        authorization: fc.oneof(
          hostileString,
          hostileString.map((s) => `Bearer ${s}`),
        ),
      }),
      fc.record({
        authorization: fc.constant(`Bearer ${h.tokens.customer_service}`),
        'idempotency-key': hostileString,
      }),
      fc.record({ authorization: fc.constant(`Bearer ${h.tokens.customer_service}`), 'content-type': hostileString }),
    );
    await fc.assert(
      fc.asyncProperty(header, async (headers) => {
        const safe = Object.fromEntries(
          Object.entries(headers).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)),
        ) as Record<string, string>;
        const res = await h.app.inject({
          method: 'POST',
          url: '/v1/complaints',
          payload: JSON.stringify({ ...intakeBody(h.dealer), customer: { name: 'x', phone: PHONE } }),
          headers: { 'content-type': 'application/json', ...safe },
          remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        });
        count('hostile headers', res.statusCode);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode < 300)
          opened.push(JSON.parse(res.body).complaint?.complaintId ?? JSON.parse(res.body).complaintId);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('refuses random Update payloads sent straight to a workflow, with no task failure and no change', async () => {
    const res = await post(
      '/v1/complaints',
      JSON.stringify({ ...intakeBody(h.dealer), customer: { name: 'x', phone: PHONE } }),
    );
    const id = JSON.parse(res.body).complaint.complaintId as string;
    opened.push(id);
    const handle = h.client.workflow.getHandle(id);
    const before = await quiet(() => handle.query(stateQuery));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTION_NAMES), fc.jsonValue({ maxDepth: 3 }), async (action, payload) => {
        const outcome = await handle.executeUpdate(updates[action] as never, { args: [payload] as never }).then(
          () => 'accepted',
          (err: unknown) =>
            err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure
              ? err.cause.type!
              : String(err),
        );
        count('raw Update payload', outcome);
        // Refused either way: a payload the API's signing could not vouch for (Forbidden), or one it did but that is invalid.
        expect(['InvalidInput', 'Forbidden']).toContain(outcome);
      }),
      { numRuns: RUNS },
    );
    expect(await handle.query(stateQuery)).toEqual(before);
    const history = await handle.fetchHistory();
    const failedTasks = (history.events ?? []).filter(
      (e) => String(e.eventType).includes('WORKFLOW_TASK_FAILED') || e.eventType === 9,
    );
    expect(failedTasks).toHaveLength(0);
  }, 180_000);

  it('never writes the raw phone number to a log line or to Kafka', async () => {
    expect(opened.length).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.includes(PHONE))).toEqual([]);

    const records: IncomingRecord[] = [];
    const eventLog = createEventLog(
      { brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: `hostile-${randomUUID()}` },
      pino({ level: 'silent' }),
    );
    const consumer = eventLog.consumer({ groupId: `hostile-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe([TOPICS.complaintEvents.name, TOPICS.remedyLedger.name], { fromBeginning: true });
    const ours = new Set(opened);
    await consumer.runBatches(
      async (batch) => void records.push(...batch.filter((r) => r.key !== null && ours.has(r.key))),
    );
    try {
      await eventually(
        'our complaints on Kafka',
        async () => new Set(records.map((r) => r.key)).size,
        (n) => n >= ours.size,
        30_000,
      );
    } finally {
      await consumer.disconnect();
    }
    const onTheWire = records.map((r) => `${r.value?.toString('utf8')} ${JSON.stringify(r.headers)}`);
    expect(onTheWire.filter((s) => s.includes(PHONE))).toEqual([]);
    expect(onTheWire.some((s) => s.includes('139****4321'))).toBe(true);
  }, 60_000);
});
