import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaCompiler,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Tracer } from '@opentelemetry/api';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { instrumentHttp } from '../metrics/http';
import { traceHttp } from '../tracing/http';
import type { Logger } from '../config/logger';
import type { Policy } from '../domain/policy';
import { ownValue } from '../domain/own';
import { bearerAuth, createAuthFailureLimiter, type AuthFailureSettings } from './auth';
import { randomSuffix } from './complaint-id';
import { createPageTokens } from './complaints';
import { customerKeyer } from './customer-keys';
import type { HealthProbes, RouteContext } from './context';
import { createRouteTable } from './allowed-methods';
import {
  ApiError,
  describeIssues,
  fieldIssues,
  fromFastify,
  invalidInput,
  methodNotAllowed,
  rawClientError,
} from './errors';
import { registerOpenApi } from './openapi';
import { requestLogView } from './request-log';
import { actionRoutes } from './routes/actions';
import { codecRoutes } from './routes/codec';
import { analyticsRoutes } from './routes/analytics';
import { complaintRoutes } from './routes/complaints';
import { dashboardRoutes } from './routes/dashboard';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { liveRoutes } from './routes/live';
import { permissionRoutes } from './routes/permissions';
import { vocabularyRoutes } from './routes/vocabulary';
import { meRoutes } from './routes/me';
import { queueRoutes } from './routes/queues';
import { staffRoutes } from './routes/staff';
import type { StaffDirectory } from './staff-directory';
import type { LiveFeed } from './live';

export interface AppDeps {
  client: Client;
  namespace: string;
  /** Where new complaint workflows go; tests pass their own queue. */
  taskQueue: string;
  /**
   * The policy new complaints are opened with; it stays with each complaint. A function (e.g. a
   * PolicyStore's current) is asked again for every complaint, so a reloaded version applies.
   */
  policy: Policy | (() => Policy);
  staff: StaffDirectory;
  /** The secret customers' phones and names are hashed under (api/customer-keys.ts); keep it across restarts. */
  lookupKey: Buffer;
  health: HealthProbes;
  logger: Logger;
  /** Request durations and refusals are counted here (metrics/http.ts), for the API's /metrics. */
  metrics?: Registry;
  /** A span per request (tracing/http.ts) when tracing is on. */
  tracer?: Tracer | undefined;
  bodyLimitBytes: number;
  authFailures: AuthFailureSettings;
  /** Proxies whose X-Forwarded-For is believed (LADDER_TRUSTED_PROXIES); none: the socket's peer is the client. */
  trustedProxies?: string[];
  /** The analytics process (analytics/server.ts) whose reports /v1/analytics serves. */
  analyticsUrl?: string;
  /** Signs the API's requests to the analytics process (LADDER_INTERNAL_SECRET); without it /v1/analytics answers 503. */
  internalSecret?: Buffer;
  /** The live feed behind GET /v1/live (api/live.ts); without it that route answers 503. */
  live?: LiveFeed;
  /** The codecs /v1/codec serves the Temporal UI (temporal/data-converter.ts uiCodecs); without them it answers 503. */
  codecs?: PayloadCodec[];
  /** Browser origins allowed to call /v1/codec (LADDER_CODEC_CORS_ORIGINS), e.g. the Temporal UI's. */
  codecCorsOrigins?: string[];
  now?: () => number;
  randomSuffix?: () => string;
}

/** Log paths that may hold a customer's phone or a token; pino replaces them with "[redacted]". */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'phone',
  '*.phone',
  'customer.phone',
  '*.customer.phone',
  'intake.customer.phone',
  '*.intake.customer.phone',
];

/** Longer URLs are 414; Node itself refuses a request line and headers over 16 KiB with 431. */
const URL_MAX = 8192;

const HTTP_PARTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/**
 * zod validation with our error shape. Bodies stay as sent (the handlers validate them again
 * with the actor added and forward them unchanged); query, path and headers get zod's output.
 */
const zodValidator: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (!result.success) {
      const details = fieldIssues(result.error.issues);
      return {
        error: invalidInput(describeIssues(ownValue(HTTP_PARTS, httpPart ?? '') ?? 'request', details), details),
      };
    }
    return { value: httpPart === 'body' ? data : result.data };
  };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines are logged without headers and with token-like query values blanked (F13).
    loggerInstance: deps.logger.child(
      {},
      { serializers: { req: requestLogView }, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } },
    ),
    trustProxy: deps.trustedProxies?.length ? deps.trustedProxies : false,
    bodyLimit: deps.bodyLimitBytes,
    // Our own 503 while closing (below), so it has the error shape too.
    return503OnClosing: false,
    // Path schemas refuse long parameters with 400 naming the field; the router only stops absurd ones.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: URL_MAX },
    // The router's own refusals (a malformed or over-long path parameter) in our error shape.
    frameworkErrors: (err, _request, reply) => {
      const known = fromFastify(err) ?? new ApiError(400, 'invalid_input', err.message);
      const message = known.statusCode === 414 ? `a path segment is longer than ${URL_MAX} characters` : known.message;
      void (reply as FastifyReply)
        .code(known.statusCode)
        .send(new ApiError(known.statusCode, known.code, message).body());
    },
    // Node's HTTP parser refuses some requests before Fastify sees them (431: headers too large).
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(rawClientError(err.code));
      socket.destroy(err);
    },
  }) as unknown as FastifyInstance;
  const routeTable = createRouteTable();
  app.addHook('onRoute', (route) => routeTable.add(route.method, route.url));
  if (deps.metrics) instrumentHttp(app, deps.metrics);
  if (deps.tracer) traceHttp(app, deps.tracer);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      reply.header('connection', 'close');
      throw new ApiError(503, 'unavailable', 'the API is shutting down');
    }
    if (request.url.length > URL_MAX)
      throw new ApiError(414, 'uri_too_long', `the URL is longer than ${URL_MAX} characters`);
  });

  app.setValidatorCompiler(zodValidator);
  // Response schemas document the contract; replies are sent as built, never reshaped.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // An action without a payload (acknowledge, approve, resume) may be posted with an empty JSON body.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else defaultJson(request, body as string, done);
  });
  app.addHook('preValidation', async (request, reply) => {
    if (request.method === 'POST' && request.body === undefined) request.body = {};
    // Every line about one complaint names it, the "request completed" line included.
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && request.routeOptions.url?.startsWith('/v1/complaints/:id'))
      reply.log = request.log = request.log.child({ complaintId: id });
  });

  const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routeTable.allowed(path);
    // A route that takes this method but has nothing there (a static file that is not) is a 404.
    const refusal =
      allowed && !allowed.includes(request.method)
        ? methodNotAllowed(request.method, path, allowed)
        : new ApiError(404, 'not_found', `no route ${request.method} ${path}`);
    return reply.code(refusal.statusCode).headers(refusal.headers).send(refusal.body());
  };
  app.setErrorHandler((err, request, reply) => {
    // A request no route takes failed before reaching the not-found handler (e.g. a QUERY without
    // a body type): it is still a 404 or a 405.
    if (request.is404 && !(err instanceof ApiError)) return noRoute(request, reply);
    const known = err instanceof ApiError ? err : fromFastify(err as { statusCode?: number; message: string });
    if (known) {
      if (known.statusCode >= 500) request.log.warn({ err: known }, known.message);
      return reply.code(known.statusCode).headers(known.headers).send(known.body());
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => noRoute(request, reply as FastifyReply));

  const { policy } = deps;
  const currentPolicy = typeof policy === 'function' ? policy : () => policy;
  const ctx: RouteContext = {
    client: deps.client,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    get policy() {
      return currentPolicy();
    },
    staff: deps.staff,
    health: deps.health,
    pageTokens: createPageTokens(),
    customerKeys: customerKeyer(deps.lookupKey),
    now: deps.now ?? Date.now,
    randomSuffix: deps.randomSuffix ?? randomSuffix,
    ...(deps.live ? { live: deps.live } : {}),
  };
  const limiter = createAuthFailureLimiter(deps.authFailures);

  await registerOpenApi(app);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(healthRoutes, { ctx });
  await app.register(docsRoutes);
  await app.register(dashboardRoutes);
  // Everything else names its actor with a bearer token.
  await typed.register(async (authed) => {
    authed.addHook('onRequest', bearerAuth(deps.staff, limiter));
    await authed.register(complaintRoutes, { ctx });
    await authed.register(actionRoutes, { ctx });
    await authed.register(queueRoutes, { ctx });
    await authed.register(meRoutes, { ctx });
    await authed.register(staffRoutes, { ctx });
    await authed.register(liveRoutes, { ctx });
    await authed.register(permissionRoutes, { ctx });
    await authed.register(vocabularyRoutes);
    await authed.register(analyticsRoutes, {
      analyticsUrl: deps.analyticsUrl ?? 'http://127.0.0.1:3100',
      internalSecret: deps.internalSecret,
    });
  });
  // The Temporal UI's codec: a scope of its own, as a browser's CORS preflight carries no token.
  await typed.register(codecRoutes, {
    ctx,
    ...(deps.codecs ? { codecs: deps.codecs } : {}),
    corsOrigins: deps.codecCorsOrigins ?? [],
    auth: bearerAuth(deps.staff, limiter),
  });
  return app;
}
