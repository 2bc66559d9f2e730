import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../api/app';
import { viewOf } from '../../api/complaints';
import { ACTION_ROUTES, bodySchemaOf, operationIdOf } from '../../api/routes/actions';
import { ComplaintView } from '../../api/schemas';
import { openStaffDirectory } from '../../api/staff-directory';
import { ACTION_SCHEMAS } from '../../domain/actions';
import { Driver } from '../domain/driver';
import { advisor, customerService, generalManager, HOUR, policy, reflection, serviceManager } from '../domain/fixtures';
import { apiTestPolicy } from './harness';

/**
 * The OpenAPI document as served, checked without a stack: the document is built from the routes
 * alone (test/api/conformance.test.ts runs schemathesis against the running API).
 */
type Json = Record<string, any>;
let app: FastifyInstance;
let doc: Json;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-openapi-'));

beforeAll(async () => {
  app = await buildApp({
    client: {} as Client, // never called: nothing here reaches Temporal
    namespace: 'default',
    taskQueue: 'openapi-document',
    policy: apiTestPolicy,
    staff: openStaffDirectory(path.join(dir, 'staff.json')),
    lookupKey: Buffer.from('openapi document test lookup key'),
    health: { temporal: async () => undefined, kafka: async () => undefined },
    logger: pino({ level: 'silent' }),
    bodyLimitBytes: 16 * 1024,
    authFailures: { limit: 10, windowMs: 60_000 },
  });
  await app.ready();
  doc = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
  );
const byId = (id: string) => operations().find((o) => o.op.operationId === id)!.op;

describe('the OpenAPI document', () => {
  it('gives every operation an operationId, each one unique', () => {
    const ids = operations().map(({ key, op }) => [key, op.operationId]);
    for (const [key, id] of ids) expect([key, typeof id]).toEqual([key, 'string']);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
    expect(ACTION_ROUTES.map(operationIdOf).every((id) => ids.some(([, op]) => op === id))).toBe(true);
  });

  it('documents every error status in the one error shape, and the statuses any operation may answer', () => {
    expect(doc.components.schemas.Error).toMatchObject({ required: ['error', 'message'], additionalProperties: false });
    for (const { key, op } of operations()) {
      for (const status of ['414', '431', '500', '503'])
        expect([key, status, Boolean(op.responses[status])]).toEqual([key, status, true]);
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400) continue;
        const schema = response.content['application/json'].schema;
        const refs = schema.$ref ? [schema.$ref] : (schema.anyOf ?? []).map((s: Json) => s.$ref);
        expect([key, status, refs]).toEqual([key, status, expect.arrayContaining(['#/components/schemas/Error'])]);
        expect([key, status, typeof response.description, response.description === 'Default Response']).toEqual([
          key,
          status,
          'string',
          false,
        ]);
      }
    }
  });

  it('documents the headers it reads and sends: bearer auth, Idempotency-Key on intake and every action, WWW-Authenticate, Retry-After, Location', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(byId('getHealth').security).toEqual([]);
    for (const id of ['openComplaint', ...ACTION_ROUTES.map(operationIdOf)]) {
      expect([
        id,
        byId(id).parameters.find((p: Json) => p.in === 'header' && p.name === 'idempotency-key')?.schema,
      ]).toEqual([id, expect.objectContaining({ type: 'string', pattern: expect.any(String) })]);
    }
    for (const { key, op } of operations()) {
      if (op.responses['401'])
        expect([key, op.responses['401'].headers['WWW-Authenticate'].required]).toEqual([key, true]);
      if (op.responses['429'])
        expect([key, op.responses['429'].headers['Retry-After'].schema.type]).toEqual([key, 'integer']);
    }
    expect(byId('openComplaint').responses['201'].headers.Location).toMatchObject({ required: true });
  });

  it('links intake’s answer to every action on the complaint it opened, and a proposed remedy to its approval and decision', () => {
    const links = byId('openComplaint').responses['201'].links as Record<string, Json>;
    for (const route of ACTION_ROUTES.filter((r) => !r.remedyInPath)) {
      expect(links[operationIdOf(route)]).toEqual(
        expect.objectContaining({
          operationId: operationIdOf(route),
          parameters: { id: '$response.body#/complaint/complaintId' },
        }),
      );
    }
    expect(Object.keys(byId('proposeRemedy').responses['200'].links)).toEqual([
      'approveRemedy',
      'recordCustomerDecision',
    ]);
    const ids = new Set(operations().map((o) => o.op.operationId));
    for (const link of Object.values(links)) expect(ids.has(link.operationId)).toBe(true);
  });

  it('documents an audit line’s actor as a staff member or "system"', () => {
    const actor = doc.components.schemas.Complaint.properties.audit.items.properties.actor;
    expect(actor.anyOf).toEqual([
      expect.objectContaining({ type: 'object', required: ['id', 'role'] }),
      { type: 'string', const: 'system' },
    ]);
  });

  it('writes the phone rule as a pattern: 7 to 20 digits', () => {
    const phone =
      byId('openComplaint').requestBody.content['application/json'].schema.properties.customer.properties.phone;
    const pattern = new RegExp(phone.pattern, 'u');
    expect(['0', '138', '+86 1'].map((p) => pattern.test(p))).toEqual([false, false, false]);
    expect(['13812345678', '+86 138-1234-5678', ' 0211234567 '].map((p) => pattern.test(p))).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('the documented complaint is what the API sends', () => {
  it('holds every state a complaint passes through, from intake to a closed formal complaint with its reflection', () => {
    const d = new Driver(policy, Date.parse('2026-03-02T01:00:00Z'), 'formal_complaint');
    const states = [d.state];
    const step = (name: Parameters<Driver['must']>[0], input: unknown, later = HOUR) => {
      d.advanceBy(later).must(name, input);
      states.push(d.state);
    };
    step('acknowledge', { actor: customerService, note: 'called back' });
    step('pauseClock', { actor: serviceManager, reason: 'waiting_for_parts', note: 'gearbox' });
    step('resumeClock', { actor: serviceManager });
    step('extendDeadline', { actor: serviceManager, clock: 'resolve', by: '2h', reason: 'parts' });
    step('logContact', { actor: advisor, method: 'phone', summary: 'explained the delay' });
    step('proposeRemedy', { actor: advisor, type: 'cash_compensation', amount: 800, description: 'taxi' });
    const remedyId = d.state.remedies[0]!.remedyId;
    step('approveRemedy', { actor: generalManager, remedyId });
    step('recordCustomerDecision', { actor: advisor, remedyId, decision: 'accept', note: 'fine' });
    step('resolve', { actor: serviceManager, kind: 'remedy_accepted' });
    d.advanceTo(d.state.followUp!.scheduledFor);
    step('recordFollowUp', { actor: customerService, satisfied: true }, 0);
    step('close', {
      actor: serviceManager,
      rootCause: { kind: 'process_defect', area: 'parts', description: 'no stock' },
      reflection,
    });
    expect(d.state.status).toBe('closed');
    for (const state of states) {
      const checked = ComplaintView.safeParse(viewOf({ ...state, idempotencyKeys: { 'sm-1:acknowledge:k': 'h' } }));
      expect([state.sequence, checked.success ? 'ok' : checked.error.issues]).toEqual([state.sequence, 'ok']);
    }
    // Strict: a field the document does not name is a failure here, not a surprise for a client.
    expect(ComplaintView.safeParse({ ...viewOf(d.state), extra: 1 }).success).toBe(false);
  });
});

describe('cross-field rules of action bodies, said in JSON Schema', () => {
  /** The few JSON Schema keywords BODY_RULES uses, evaluated on an object body. */
  function holds(rule: Json, body: Json): boolean {
    if (rule.anyOf && !rule.anyOf.some((r: Json) => holds(r, body))) return false;
    if (rule.if && holds(rule.if, body) && !holds(rule.then, body)) return false;
    if (rule.required && !rule.required.every((k: string) => k in body)) return false;
    for (const [k, sub] of Object.entries((rule.properties ?? {}) as Record<string, Json | false>)) {
      if (!(k in body)) continue;
      if (sub === false) return false;
      if ('const' in sub && body[k] !== sub.const) return false;
      if (sub.enum && !sub.enum.includes(body[k])) return false;
      if (sub.pattern && !new RegExp(sub.pattern, 'u').test(String(body[k]))) return false;
    }
    return true;
  }
  const rulesOf = (action: string) => {
    const route = ACTION_ROUTES.find((r) => r.action === action)!;
    const { if: i, then: t, anyOf } = bodySchemaOf(route).toJSONSchema() as Json;
    return { ...(i ? { if: i, then: t } : {}), ...(anyOf ? { anyOf } : {}) };
  };
  const absent = undefined;

  it('resolve: an upheld-policy decision needs a reason, as the domain says', () => {
    const rule = rulesOf('resolve');
    for (const kind of ['remedy_accepted', 'upheld_policy'])
      for (const reason of [absent, '', '   ', 'Within policy']) {
        const body = { kind, ...(reason === absent ? {} : { reason }) };
        expect([body, holds(rule, body)]).toEqual([
          body,
          ACTION_SCHEMAS.resolve.safeParse({ actor: serviceManager, ...body }).success,
        ]);
      }
  });

  it('follow-up: satisfied or outcome, agreeing when both are given, as the domain says', () => {
    const rule = rulesOf('recordFollowUp');
    for (const satisfied of [absent, true, false])
      for (const outcome of [absent, 'satisfied', 'not_satisfied', 'unreachable']) {
        const body = { ...(satisfied === absent ? {} : { satisfied }), ...(outcome === absent ? {} : { outcome }) };
        expect([body, holds(rule, body)]).toEqual([
          body,
          ACTION_SCHEMAS.recordFollowUp.safeParse({ actor: customerService, ...body }).success,
        ]);
      }
  });
});
