import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { isSupervisor } from '../../domain/staff';
import { staffOf } from '../auth';
import { namedIn } from '../codec-scope';
import { findComplaint } from '../complaints';
import type { RouteContext } from '../context';
import { ApiError, forbidden } from '../errors';
import { BODY_ERRORS, PUBLIC_ERRORS, signedInErrors } from '../schemas';
import { ALL_DEALERS, inScope, type StaffMember } from '../staff-directory';

/**
 * The Temporal UI's (and CLI's) remote codec protocol on the API, so a supervisor can read the
 * encrypted payloads of their own dealers' complaints: POST /v1/codec/decode and /encode take and
 * answer `{payloads: [{metadata: {k: base64}, data: base64}]}`. docs/temporal-security.md says
 * how to point the UI and the CLI here.
 *
 * - A supervisor's staff token, from the Authorization header (the CLI's --codec-auth), or from
 *   the cookie that POST /v1/codec/session sets (the UI's "include cross-origin credentials").
 * - Decode gives back, still encrypted, every payload that does not name only the caller's
 *   dealers (see codec-scope.ts); X-Ladder-Withheld counts them.
 * - Encode only encrypts. It never signs an actor: an input made here is refused by the workflow.
 */
export interface CodecOptions {
  ctx: RouteContext;
  /** The UI's codecs (temporal/data-converter.ts uiCodecs); absent: every codec route is 503. */
  codecs?: PayloadCodec[];
  /** Browser origins allowed to call (LADDER_CODEC_CORS_ORIGINS), e.g. the Temporal UI's. */
  corsOrigins: string[];
  auth: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const base64 = () =>
  z
    .string()
    .max(8 * 1024 * 1024)
    .regex(BASE64, 'expected base64');
const PayloadJson = z
  .object({ metadata: z.record(z.string(), base64()).optional(), data: base64().optional() })
  .meta({ id: 'CodecPayload', description: 'A Temporal Payload in proto3 JSON: metadata values and data in base64' });
const Payloads = z.strictObject({ payloads: z.array(PayloadJson).max(2000) });
const CODEC_BODY_LIMIT = 16 * 1024 * 1024;
const COOKIE = 'ladder_codec';
const COOKIE_PATH = '/v1/codec';
const SESSION_SECONDS = 8 * 3600;
const MAX_LOOKUPS = 50;
/** The bearer token, or the cookie the session route sets (OpenAPI: either will do). */
const CODEC_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { codecCookie: [] }];

const fromJson = (p: z.infer<typeof PayloadJson>): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  ...(p.data !== undefined ? { data: Buffer.from(p.data, 'base64') } : {}),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
});

const cookieToken = (header: string | undefined): string | undefined =>
  header
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1) || undefined;

/** The decoded JSON of a payload, or undefined if it is not JSON. */
function jsonOf(p: Payload): unknown {
  if (!p.data || Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString() !== 'json/plain') return undefined;
  try {
    return JSON.parse(Buffer.from(p.data).toString('utf8'));
  } catch {
    return undefined;
  }
}

export const codecRoutes: FastifyPluginAsyncZod<CodecOptions> = async (app, opts) => {
  const { ctx, codecs, corsOrigins } = opts;

  // CORS first, so that even a refusal can be read by the UI and shown.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && corsOrigins.includes(origin)) {
      void reply.headers({
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        vary: 'Origin',
      });
    }
    // Preflights carry no token, and forgetting the cookie needs none.
    if (
      request.method === 'OPTIONS' ||
      (request.method === 'DELETE' && request.url.split('?')[0] === '/v1/codec/session')
    )
      return;
    // The cookie stands in for the header; it holds the token itself, so expiry and revocation apply.
    const cookie = request.headers.authorization ? undefined : cookieToken(request.headers.cookie);
    if (cookie) request.headers.authorization = `Bearer ${cookie}`;
    await opts.auth(request, reply);
    const staff = staffOf(request);
    // The dashboard asks for a cookie at every sign-in: others get none, and no error to log.
    if (request.method === 'POST' && request.url.split('?')[0] === '/v1/codec/session') return;
    if (!isSupervisor(staff.role))
      throw forbidden(`decoding customer data in Temporal is for supervisors; ${staff.id} is ${staff.role}`);
    if (!codecs) throw new ApiError(503, 'unavailable', 'this API runs without payload keys (LADDER_PAYLOAD_KEYS)');
    const namespace = request.headers['x-namespace'];
    if (typeof namespace === 'string' && namespace !== ctx.namespace)
      throw forbidden(`this codec serves namespace ${ctx.namespace} only, not ${namespace}`);
  });

  const preflight = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(204)
      .headers({
        'access-control-allow-methods': 'POST, DELETE, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, x-namespace',
        'access-control-max-age': '600',
      })
      .send();
  for (const path of ['/v1/codec/decode', '/v1/codec/encode', '/v1/codec/session']) {
    app.options(path, { schema: { hide: true } }, preflight);
  }

  const codecSchema = (operationId: string, summary: string, description: string) => ({
    tags: ['codec'],
    operationId,
    summary,
    description,
    security: CODEC_SECURITY,
    headers: z.object({
      'x-namespace': z
        .string()
        .optional()
        .describe('The Temporal namespace (the UI sends it); must be the one this API serves'),
    }),
    body: Payloads,
    response: { 200: Payloads, ...signedInErrors(...BODY_ERRORS, 403) },
  });

  app.post(
    '/v1/codec/decode',
    {
      bodyLimit: CODEC_BODY_LIMIT,
      schema: codecSchema(
        'decodePayloads',
        'Decrypt Temporal payloads for the Temporal UI or CLI (remote codec protocol)',
        'Supervisors only. Each payload is decrypted and given back decoded if it names only dealers in the caller’s scope (an all-dealers caller sees all); ' +
          'any other payload, or one that cannot be decrypted, comes back as sent. The X-Ladder-Withheld header counts those.',
      ),
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const sent = request.body.payloads.map(fromJson);
      const lookups = new Map<string, Promise<string | null>>();
      const dealerOf = (complaintId: string): Promise<string | null> => {
        if (!lookups.has(complaintId)) {
          lookups.set(
            complaintId,
            lookups.size >= MAX_LOOKUPS
              ? Promise.resolve(null)
              : findComplaint(ctx.client, complaintId).then(
                  (f) => f?.dealerId ?? null,
                  () => null,
                ),
          );
        }
        return lookups.get(complaintId)!;
      };
      let withheld = 0;
      const answer = await Promise.all(
        sent.map(async (payload) => {
          let decoded: Payload;
          try {
            [decoded] = (await decodeWith(codecs!, [payload])) as [Payload];
          } catch {
            withheld++;
            return payload;
          }
          if (await mayRead(staff, decoded, dealerOf)) return decoded;
          withheld++;
          return payload;
        }),
      );
      void reply.header('x-ladder-withheld', String(withheld));
      return { payloads: answer.map(toJson) };
    },
  );

  app.post(
    '/v1/codec/encode',
    {
      bodyLimit: CODEC_BODY_LIMIT,
      schema: codecSchema(
        'encodePayloads',
        'Encrypt Temporal payloads for the Temporal UI or CLI (remote codec protocol)',
        'Supervisors only. Encrypts under the current payload key. It signs no actor, so a start or Update made with it is refused by the complaint workflow.',
      ),
    },
    async (request) => {
      let encoded = request.body.payloads.map(fromJson);
      for (const codec of codecs!) encoded = await codec.encode(encoded);
      return { payloads: encoded.map(toJson) };
    },
  );

  app.post(
    '/v1/codec/session',
    {
      schema: {
        tags: ['codec'],
        operationId: 'startCodecSession',
        summary: 'Let this browser’s Temporal UI use the codec endpoint: sets an HttpOnly cookie for /v1/codec',
        description: `The dashboard calls it at sign-in. Only a supervisor gets the cookie (others get 204 and none). The cookie holds the bearer token, is sent only to ${COOKIE_PATH} and lasts ${SESSION_SECONDS / 3600} h; enable "include cross-origin credentials" in the UI's codec settings.`,
        response: { 204: z.null().describe('Cookie set, for a supervisor'), ...signedInErrors() },
      },
    },
    async (request, reply) => {
      if (!isSupervisor(staffOf(request).role)) return reply.code(204).send(null);
      const token = /^bearer +(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return reply
        .code(204)
        .header(
          'set-cookie',
          `${COOKIE}=${token}; Path=${COOKIE_PATH}; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
        )
        .send(null);
    },
  );

  app.delete(
    '/v1/codec/session',
    {
      schema: {
        tags: ['codec'],
        operationId: 'endCodecSession',
        summary: 'Forget the codec cookie in this browser (no token needed)',
        security: [],
        response: { 204: z.null().describe('Cookie cleared'), ...PUBLIC_ERRORS },
      },
    },
    async (_request, reply) =>
      reply
        .code(204)
        .header('set-cookie', `${COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict`)
        .send(null),
  );
};

/** Codecs decode last to first, as the SDK applies them. */
async function decodeWith(codecs: PayloadCodec[], payloads: Payload[]): Promise<Payload[]> {
  let out = payloads;
  for (let i = codecs.length - 1; i >= 0; i--) out = await codecs[i]!.decode(out);
  return out;
}

/** Every dealer the payload names, directly or through its complaint, is one of the caller's. */
async function mayRead(
  staff: StaffMember,
  payload: Payload,
  dealerOf: (complaintId: string) => Promise<string | null>,
): Promise<boolean> {
  if (staff.dealers.includes(ALL_DEALERS)) return true;
  const named = namedIn(jsonOf(payload));
  const viaComplaints = await Promise.all([...named.complaints].map(dealerOf));
  if (viaComplaints.includes(null)) return false;
  const dealers = new Set([...named.dealers, ...(viaComplaints as string[])]);
  return dealers.size > 0 && [...dealers].every((d) => inScope(staff, d));
}
