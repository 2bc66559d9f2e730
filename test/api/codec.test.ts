import type { Payload } from '@temporalio/common';
import { decryptPayload } from '../../temporal/payload-encryption';
import { SIGNATURE_METADATA } from '../../temporal/actor-signing';
import type { Role } from '../../domain/staff';
import { TEST_TEMPORAL_KEYS, testUiCodecs } from '../support/temporal-keys';
import { intakeBody, startApi, type ApiHarness } from './harness';

const UI = 'http://127.0.0.1:8233';
type PayloadJson = { metadata?: Record<string, string>; data?: string };
const toJson = (p: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')]),
  ),
  ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
});
const jsonOf = (p: PayloadJson) => JSON.parse(Buffer.from(p.data ?? '', 'base64').toString('utf8'));
const encodingOf = (p: PayloadJson) => Buffer.from(p.metadata?.encoding ?? '', 'base64').toString();

/** The Temporal UI's remote codec protocol, on the API, scoped by dealer (docs/temporal-security.md). */
describe('the codec endpoint for the Temporal UI', () => {
  let h: ApiHarness;
  let complaintId: string;
  let start: PayloadJson[];
  let memo: PayloadJson[];
  let update: PayloadJson[];
  beforeAll(async () => {
    h = await startApi({ codecs: testUiCodecs(), codecCorsOrigins: [UI] });
    const opened = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) });
    complaintId = opened.body.complaint.complaintId;
    expect(
      (
        await h.call('POST', `/v1/complaints/${complaintId}/acknowledge`, {
          as: 'customer_service',
          body: { note: 'called back' },
        })
      ).status,
    ).toBe(200);
    const events = (await h.client.workflow.getHandle(complaintId).fetchHistory()).events ?? [];
    const started = events[0]!.workflowExecutionStartedEventAttributes!;
    start = (started.input!.payloads as Payload[]).map(toJson);
    memo = Object.values(started.memo!.fields!).map((p) => toJson(p as Payload));
    const accepted = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes)!
      .workflowExecutionUpdateAcceptedEventAttributes!;
    update = (accepted.acceptedRequest!.input!.args!.payloads as Payload[]).map(toJson);
  });
  afterAll(() => h?.stop());

  const decode = (
    payloads: PayloadJson[],
    as: Role | { token: string } = 'service_manager',
    headers: Record<string, string> = {},
  ) =>
    h.call('POST', '/v1/codec/decode', { as, body: { payloads }, headers: { 'x-namespace': 'default', ...headers } });

  it('holds the complaint in Temporal only encrypted', () => {
    for (const p of [...start, ...memo, ...update]) expect(encodingOf(p)).toBe('binary/encrypted');
  });

  it('decodes a supervisor’s own dealer’s start, and an Update’s input by the complaint its proof names', async () => {
    const res = await decode([...start, ...update]);
    expect(res.status).toBe(200);
    expect(res.headers['x-ladder-withheld']).toBe('0');
    const [intake, acknowledge] = res.body.payloads as PayloadJson[];
    expect(encodingOf(intake!)).toBe('json/plain');
    expect(jsonOf(intake!).open.intake.customer).toEqual({ name: '刘先生', phone: '13812345678' });
    expect(jsonOf(acknowledge!)).toMatchObject({
      note: 'called back',
      proof: { workflowId: complaintId, update: 'acknowledge' },
    });
  });

  it('gives another dealer’s supervisor the payloads back still encrypted, counting them withheld', async () => {
    const res = await decode([...start, ...update], { token: h.otherDealerToken });
    expect(res.status).toBe(200);
    expect(res.body.payloads).toEqual([...start, ...update]);
    expect(res.headers['x-ladder-withheld']).toBe('2');
  });

  it('withholds from a dealer-scoped supervisor what names no dealer (a memo field), but not from an all-dealers one', async () => {
    expect((await decode(memo)).headers['x-ladder-withheld']).toBe(String(memo.length));
    const all = await decode(memo, { token: h.allDealersToken });
    expect(all.headers['x-ladder-withheld']).toBe('0');
    expect(all.body.payloads.map(jsonOf)).toEqual(expect.arrayContaining([h.dealer]));
  });

  it('answers only supervisors with a token, and only for the namespace it serves', async () => {
    expect((await decode(start, 'advisor')).status).toBe(403);
    expect((await decode(start, 'customer_service')).body.message).toMatch(/for supervisors/);
    const anonymous = await h.app.inject({ method: 'POST', url: '/v1/codec/decode', payload: { payloads: start } });
    expect(anonymous.statusCode).toBe(401);
    expect((await decode(start, 'service_manager', { 'x-namespace': 'prod' })).status).toBe(403);
    expect(
      (
        await h.call('POST', '/v1/codec/decode', {
          as: 'service_manager',
          body: { payloads: [{ data: 'not base64!' }] },
        })
      ).status,
    ).toBe(400);
  });

  it('encrypts for the UI without ever signing an actor', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from(JSON.stringify({ proof: { workflowId: complaintId } })).toString('base64'),
    };
    const res = await h.call('POST', '/v1/codec/encode', { as: 'service_manager', body: { payloads: [plain] } });
    expect(res.status).toBe(200);
    const [sealed] = res.body.payloads as PayloadJson[];
    expect(encodingOf(sealed!)).toBe('binary/encrypted');
    const opened = decryptPayload(TEST_TEMPORAL_KEYS.payload, {
      metadata: {
        encoding: Buffer.from(sealed!.metadata!.encoding!, 'base64'),
        'encryption-key-id': Buffer.from(sealed!.metadata!['encryption-key-id']!, 'base64'),
      },
      data: Buffer.from(sealed!.data!, 'base64'),
    });
    expect(opened.metadata).not.toHaveProperty(SIGNATURE_METADATA);
  });

  it('lets the configured UI origin call it from a browser, with credentials, and no other origin', async () => {
    const preflight = await h.app.inject({
      method: 'OPTIONS',
      url: '/v1/codec/decode',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': UI,
      'access-control-allow-credentials': 'true',
    });
    expect(preflight.headers['access-control-allow-headers']).toMatch(/x-namespace/);
    const stranger = await h.app.inject({
      method: 'OPTIONS',
      url: '/v1/codec/decode',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(stranger.headers).not.toHaveProperty('access-control-allow-origin');
    // A refusal carries the CORS headers too, so the UI can say why.
    const refused = await h.app.inject({
      method: 'POST',
      url: '/v1/codec/decode',
      headers: { origin: UI },
      payload: { payloads: start },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(UI);
  });

  it('signs a browser in with a cookie for /v1/codec only, which then stands in for the token', async () => {
    const session = await h.call('POST', '/v1/codec/session', { as: 'service_manager' });
    expect(session.status).toBe(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/^ladder_codec=[^;]+; Path=\/v1\/codec; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/codec/decode',
      headers: { cookie: cookie.split(';')[0]!, origin: UI },
      payload: { payloads: start },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ladder-withheld']).toBe('0');
    // Everyone's dashboard asks at sign-in; only supervisors get a cookie.
    const advisor = await h.call('POST', '/v1/codec/session', { as: 'advisor' });
    expect(advisor.status).toBe(204);
    expect(advisor.headers).not.toHaveProperty('set-cookie');
    const cleared = await h.app.inject({ method: 'DELETE', url: '/v1/codec/session' });
    expect(cleared.statusCode).toBe(204);
    expect(String(cleared.headers['set-cookie'])).toMatch(/Max-Age=0/);
  });
});
